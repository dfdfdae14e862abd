"""`python -m bot run` against the emulator's Socket Mode server, and the measure of one reconnect."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from emulator import SlackEmulator
from emulator.socket_client import SocketModeSlackClient
from tests.e2e.conftest import ALICE, GENERAL, build_workspace, settings_env
from tests.support.cli import BotProcess

PROMISE = "We make every customer feel known, helped and respected"


@pytest.fixture(scope="module", name="slack")
def socket_mode_slack() -> Iterator[SlackEmulator]:
    """One emulator for a module's Socket Mode tests (import this and `socket_mode_bot` into the module)."""
    with SlackEmulator(build_workspace()) as emulator:
        yield emulator


@pytest.fixture(scope="module", name="bot")
def socket_mode_bot(slack: SlackEmulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """`python -m bot run` for the module's tests; stopped after them, having logged no traceback and no error."""
    process = start_bot(slack, tmp_path_factory.mktemp("socket-mode"))
    yield process
    process.stop()
    assert "Traceback" not in process.output and " ERROR " not in process.output, process.output[-3000:]


def start_bot(slack: SlackEmulator, folder: Path) -> BotProcess:
    """The bot in Socket Mode on a database of its own, once it has connected."""
    env = settings_env(
        SLACK_APP_TOKEN=slack.workspace.app_token,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=f"sqlite:///{folder / 'cadence.db'}",
        CADENCE_TICK_SECONDS="300",
    )
    process = BotProcess("run", cwd=folder, env=env, log=folder / "run.log")
    if not slack.socket_mode.wait_connected(1, timeout=60):
        process.stop()
        raise AssertionError(f"`python -m bot run` did not connect:\n{process.output}")
    return process


@dataclass(frozen=True)
class Reconnect:
    seconds: float
    """From the fault to the ack of the next envelope."""
    cpu_seconds: float
    """CPU time the bot process used meanwhile."""


def promise_after(
    fault: Callable[[], None], slack: SlackEmulator, person: SocketModeSlackClient, bot: BotProcess
) -> Reconnect:
    """End the connection with `fault`, then ask for the promise: how long until it was acknowledged, at what cost."""
    assert slack.socket_mode.wait_connected(1)
    connections_before = slack.socket_mode.connections_accepted
    cpu_before, started = bot.cpu_seconds(), time.monotonic()

    fault()
    try:
        reply = person.command(ALICE, "/promise", channel=GENERAL)
    except TimeoutError as exc:
        raise AssertionError(f"{exc}; the bot logged:\n{bot.output[-3000:]}") from exc

    reconnect = Reconnect(time.monotonic() - started, bot.cpu_seconds() - cpu_before)
    assert PROMISE in reply.text
    assert person.acks[-1].connection > connections_before, "acknowledged on a new connection"
    return reconnect
