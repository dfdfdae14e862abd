"""`python -m bot serve` in a process of its own, as Cadence is deployed, for the benchmarks that go over HTTP.

The process gets only the environment it is given (plus PATH and the like): no `.env`, no developer's settings.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServedBot:
    """The HTTP app (`python -m bot serve`) on a free port, `url` once started; or, with `command="clock"`, the
    scheduler alone, started once it has said so. Stopping returns what it logged."""

    def __init__(self, env: dict[str, str], log: Path, command: str = "serve") -> None:
        self.command = command
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CADENCE_", "DATABASE_URL"))}
        self._env.update(env, PORT=str(self.port), CADENCE_ENV_FILE=os.devnull, PYTHONUNBUFFERED="1")
        self._log = log
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ServedBot:
        with self._log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", self.command],
                cwd=REPO,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_SECONDS
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"`python -m bot {self.command}` did not start:\n{self.stop()}")
            time.sleep(0.1)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _healthy(self) -> bool:
        if self.command == "clock":
            return "the scheduler alone" in self._log.read_text()
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def stop(self) -> str:
        """Stop the process the way a platform does (SIGTERM, then SIGKILL) and return its log."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self._log.read_text()
