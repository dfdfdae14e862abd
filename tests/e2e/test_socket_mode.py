"""`python -m bot run` end to end over Socket Mode, against the emulator's Socket Mode server.

One bot process serves the module. Each test plays what Slack does — a slash command, a click, an event — or ends
the connection the ways Slack and networks end one, then checks that the next envelope is acknowledged within 5 s of
the fault, on a new connection, and that the process spent little CPU while it reconnected.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from content.blocks.home import REFRESH
from emulator import SlackEmulator
from emulator.socket_client import SocketModeSlackClient
from emulator.socket_mode import SocketModeServer
from tests.e2e.conftest import ALICE, GENERAL
from tests.e2e.socket_mode_support import PROMISE, promise_after, socket_mode_bot, socket_mode_slack  # noqa: F401 (the module's fixtures)
from tests.support.cli import BotProcess, wait_until

RECONNECT_BUDGET_SECONDS = 5.0


@pytest.fixture
def person(slack: SlackEmulator, bot: BotProcess) -> SocketModeSlackClient:
    return SocketModeSlackClient(slack, timeout=30)


def reconnect_seconds(
    fault: Callable[[], None], slack: SlackEmulator, person: SocketModeSlackClient, bot: BotProcess
) -> float:
    reconnect = promise_after(fault, slack, person, bot)
    cpu, elapsed = reconnect.cpu_seconds, reconnect.seconds
    assert cpu < 0.3 + 0.2 * elapsed, f"{cpu:.2f} s of CPU in {elapsed:.2f} s: the client is spinning"
    return elapsed


def test_the_bot_connects_and_answers_a_slash_command_in_its_ack(
    slack: SlackEmulator, person: SocketModeSlackClient, bot: BotProcess
) -> None:
    reply = person.command(ALICE, "/promise", channel=GENERAL)

    assert PROMISE in reply.text
    assert person.acks[-1].type == "slash_commands"
    assert person.acks[-1].latency < 3.0
    assert "Socket Mode connected" in bot.output


def test_an_event_and_a_click_on_what_the_bot_published_are_acknowledged_and_acted_on(
    slack: SlackEmulator, person: SocketModeSlackClient
) -> None:
    person.event({"type": "app_home_opened", "user": ALICE, "channel": "D" + ALICE[1:], "tab": "home"})

    assert person.acks[-1].type == "events_api"
    assert wait_until(lambda: slack.home_view(ALICE) is not None), "no Home published"
    published = len(slack.calls_to("views.publish"))

    person.click(ALICE, action_id=REFRESH, view=slack.home_view(ALICE))

    assert person.acks[-1].type == "interactive"
    assert wait_until(lambda: len(slack.calls_to("views.publish")) > published), "the click did not refresh Home"


ENDINGS: dict[str, Callable[[SocketModeServer], None]] = {
    "disconnect refresh_requested": lambda server: server.disconnect("refresh_requested"),
    "disconnect warning": lambda server: server.disconnect("warning"),
    "close frame, no disconnect first": lambda server: server.close_connections(),
    "TCP drop, no close frame": lambda server: server.drop_connections(),
    "reset, no close frame": lambda server: server.reset_connections(),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_after_the_connection_ends_the_next_envelope_is_acked_within_5_s_without_spinning(
    ending: str, slack: SlackEmulator, person: SocketModeSlackClient, bot: BotProcess
) -> None:
    elapsed = reconnect_seconds(lambda: ENDINGS[ending](slack.socket_mode), slack, person, bot)

    assert elapsed < RECONNECT_BUDGET_SECONDS


def test_a_peer_gone_silent_is_noticed_by_the_missing_pongs(
    slack: SlackEmulator, person: SocketModeSlackClient, bot: BotProcess
) -> None:
    elapsed = reconnect_seconds(slack.socket_mode.silence_connections, slack, person, bot)

    assert elapsed < 15.0
    assert "ping/pong timed out" in bot.output


def test_the_operator_reads_one_line_per_connection_and_no_library_chatter(
    slack: SlackEmulator, bot: BotProcess
) -> None:
    output = bot.output

    assert output.count("Socket Mode connected") == slack.socket_mode.connections_accepted
    for chatter in ("on_error invoked", "A new session has been established", "Websocket connected", "goodbye"):
        assert chatter not in output
