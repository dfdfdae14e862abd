"""Starting the sandbox: play the history, serve the web client on 127.0.0.1 until Ctrl-C, then stop everything."""

from __future__ import annotations

import functools
import signal
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from bot.demo.runner import DemoOptions, Stage, staged
from bot.sandbox.moments import moment_after
from bot.sandbox.server import create_sandbox_app
from bot.sandbox.world import Sandbox, carry_on_without

HOST = "127.0.0.1"
"""For trying, not a production surface: never reachable from another machine."""
SAY = functools.partial(print, flush=True)


@dataclass(frozen=True)
class SandboxOptions:
    port: int = 8765
    people: int = 40
    seed: int = 7
    weeks: int = 3


def prepared(stage: Stage, weeks: int) -> Sandbox:
    """`weeks` played, then on to the next Wednesday morning: this week's key message is out and its pulse has
    just opened. From there the organisation's people carry on acting as the visitor moves time."""
    stage.play.run(weeks)
    stage.play.carry_on(moment_after(stage.clock.now(), "wednesday"), guard=carry_on_without)
    stage.client.strict = False
    return Sandbox(stage)


@contextmanager
def sandbox_world(options: SandboxOptions) -> Iterator[Sandbox]:
    """The sandbox on a throwaway database, removed when it stops."""
    with tempfile.TemporaryDirectory(prefix="cadence-sandbox-") as folder:
        demo = DemoOptions(weeks=options.weeks, seed=options.seed, people=options.people, out=Path(folder))
        with staged(demo) as stage:
            yield prepared(stage, options.weeks)


def run_sandbox(options: SandboxOptions, say: Callable[[str], None] = SAY) -> int:
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, options.port))
    except OSError as exc:
        say(f"cadence: port {options.port} is not free ({exc.strerror}); pick another with --port")
        return 2
    signal.signal(signal.SIGTERM, _interrupted)  # uvicorn passes the signal on once it has stopped serving
    weeks = f"{options.weeks} week" + ("" if options.weeks == 1 else "s")
    say(f"Cadence sandbox: playing {weeks} with {options.people} people…")
    with sock, sandbox_world(options) as sandbox:
        server = uvicorn.Server(uvicorn.Config(create_sandbox_app(sandbox), log_level="warning", lifespan="off"))
        say(f"Cadence sandbox: http://{HOST}:{options.port} (Ctrl-C stops it)")
        server.run(sockets=[sock])
    return 0


def _interrupted(signum: int, _frame: object) -> None:
    """SIGTERM stops the sandbox as Ctrl-C does: everything it started is stopped and its database removed."""
    raise KeyboardInterrupt
