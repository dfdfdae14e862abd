"""`python -m bot` as a process, the way an operator starts it: a clean environment, its output, its CPU time."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]


def cli_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The developer's environment without any Slack or Cadence setting, plus `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CADENCE_", "DATABASE_URL"))}
    clean["PYTHONPATH"] = str(ROOT)
    return clean | (env or {})


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait for something another process does; checked every 20 ms, for at most `timeout` seconds."""
    pause = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if condition():
            return True
        pause.wait(0.02)
    return condition()


class BotProcess:
    """A long-running `python -m bot COMMAND`, its stdout and stderr written to `log`."""

    def __init__(self, command: str, *, cwd: Path, env: dict[str, str], log: Path, args: tuple[str, ...] = ()) -> None:
        self.log = log
        self._out: IO[str] = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", command, *args], cwd=cwd, env=cli_env(env), stdout=self._out, stderr=self._out
        )

    @property
    def output(self) -> str:
        return self.log.read_text()

    def wait_for_output(self, text: str, timeout: float = 60.0) -> bool:
        """Wait until `text` appears in the output (False if the process ends or `timeout` passes first)."""
        for _ in range(int(timeout / 0.05)):
            if text in self.output:
                return True
            try:
                self.process.wait(timeout=0.05)
                return text in self.output
            except subprocess.TimeoutExpired:
                continue
        return False

    def exit_status(self, timeout: float = 60.0) -> int:
        """Wait for a process that is meant to stop by itself."""
        status = self.process.wait(timeout=timeout)
        self._out.close()
        return status

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far, from /proc/<pid>/stat."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._out.close()
