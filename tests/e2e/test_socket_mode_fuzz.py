"""Envelopes of random shapes over Socket Mode, to `python -m bot run`, as `test_fuzz_requests` sends them over HTTP.

Slack sends each request's body inside an envelope (`slash_commands` carry the form's fields, `interactive` the
parsed `payload`, `events_api` the event callback). Whatever shape that body has, Cadence acknowledges the envelope
and logs no traceback and no error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator import SlackEmulator
from emulator.socket_client import SocketModeSlackClient
from tests.e2e.conftest import ADMIN, GENERAL
from tests.e2e.fuzz_requests import Body, any_request
from tests.e2e.socket_mode_support import socket_mode_bot  # noqa: F401 (the module's bot)
from tests.e2e.team_support import TEAMS, workspace_with_teams
from tests.support.cli import BotProcess

EXAMPLES = int(os.environ.get("CADENCE_FUZZ_EXAMPLES", "500")) // 5
ACK_TIMEOUT_SECONDS = 10.0


@pytest.fixture(scope="module")
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(workspace_with_teams()) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def requests(slack: SlackEmulator, bot: BotProcess) -> st.SearchStrategy[Body]:
    """Once the bot knows teams and a holiday calendar (set by the commands, which answer once they are stored), so
    that random `/cadence teams` and `/cadence holidays` commands change real rows. Drawn from what the bot had
    shown by then: hypothesis needs a strategy that stays the same."""
    admin = SocketModeSlackClient(slack, timeout=ACK_TIMEOUT_SECONDS)
    for manager, team in TEAMS.items():
        members = " ".join(f"<@{member}>" for member in team)
        assert "team" in admin.command(ADMIN, "/cadence", f"teams set <@{manager}> {members}", channel=GENERAL).text
    assert "GB" in admin.command(ADMIN, "/cadence", "holidays default GB", channel=GENERAL).text
    return any_request(slack)


def envelope(body: Body) -> tuple[str, dict[str, Any]] | None:
    """The envelope Slack would carry `body` in: its type and payload; None for a body no envelope carries (Socket
    Mode carries a JSON object, never raw text or another JSON value; what is inside the object may be anything)."""
    if body.content_type == "application/json" or body.text.startswith(("{", "[")):
        kind, text = "events_api", body.text
    else:
        fields = dict(parse_qsl(body.text, keep_blank_values=True))
        if "payload" not in fields:
            return "slash_commands", fields
        kind, text = "interactive", fields["payload"]
    try:
        payload = json.loads(text)
    except ValueError:
        return None
    return (kind, payload) if isinstance(payload, dict) else None


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_envelope_shape_is_acknowledged_without_a_traceback(
    data: st.DataObject, slack: SlackEmulator, bot: BotProcess, requests: st.SearchStrategy[Body]
) -> None:
    drawn = envelope(data.draw(requests, label="body"))
    if drawn is None:
        return
    kind, payload = drawn
    logged = len(bot.output)

    slack.socket_mode.deliver(kind, payload, accepts_response_payload=kind != "events_api", timeout=ACK_TIMEOUT_SECONDS)

    said = bot.output[logged:]
    assert "Traceback" not in said and " ERROR " not in said, said[-3000:]
