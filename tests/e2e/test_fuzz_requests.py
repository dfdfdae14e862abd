"""Signed requests of random shapes to every listener Cadence registers, over the real HTTP app.

Whatever the shape (a field missing, null, of another type, a body that is not JSON or is a list), Cadence
answers without a 5xx, logs no traceback, and leaves nothing half-written in the database.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from emulator.signing import signed_headers
from storage.db import session_scope
from storage.models import AuditEntry, Delivery, KeyAck, KeySchedule, PulseCampaign, Shoutout, ShoutoutRecipient
from tests.e2e.conftest import ADMIN, ALICE
from tests.e2e.fuzz_requests import Body, any_request
from tests.e2e.keymessage_support import schedule
from tests.e2e.pulse_steps import submit_new_pulse
from tests.support.bot import BotUnderTest
from tests.support.registrations import registered

EXAMPLES = int(os.environ.get("CADENCE_FUZZ_EXAMPLES", "500"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_every_kind_of_listener_is_fuzzed() -> None:
    found = registered()
    assert {"/cadence", "/promise", "/pulse", "/shoutout"} <= set(found.commands)
    assert len(found.actions) >= 10 and found.views and found.shortcuts
    assert {"app_home_opened", "reaction_added", "user_change"} <= {e["type"] for e in found.events}


class Requests:
    """The strategy, named briefly in hypothesis' report of a failing example."""

    def __init__(self, strategy: st.SearchStrategy[Body]) -> None:
        self.strategy = strategy

    def __repr__(self) -> str:
        return "<random requests>"


@pytest.fixture
def requests(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> Requests:
    """A programme under way (a pulse round open, a key message out, a shout-out given), so that ids in random
    requests name real rows and the buttons the bot posted can be clicked with altered values."""
    submit_new_pulse(bot, slack)
    schedule(bot, slack)
    bot.command(ALICE, "/shoutout", "<@U0BOB|bob> stayed late to fix a customer's order")
    bot.command(ADMIN, "/promise", "list")
    clock.advance(timedelta(hours=1, minutes=30))
    bot.tick()
    bot.tick()
    return Requests(any_request(slack))


@FUZZ_SETTINGS
@given(data=st.data())
def test_any_request_shape_gets_an_answer_and_no_traceback(
    data: st.DataObject, bot: BotUnderTest, requests: Requests, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.clear()
    body: Body = data.draw(requests.strategy, label="body")

    reply = bot.post(body.text, signed_headers(bot.secret, body.text, content_type=body.content_type))

    ignored = any(r.getMessage().startswith("request ignored") for r in caplog.records)
    event(f"{body.kind}: {reply.status}{' before any listener' if ignored else ''}")
    [event(r.getMessage()) for r in caplog.records if r.getMessage().startswith("request ignored")]
    assert reply.status < 500, f"{body.kind} answered {reply.status}"
    tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not tracebacks, f"{body.kind} logged {[(r.name, r.getMessage()) for r in tracebacks]}"
    assert_nothing_half_written(bot)


def test_a_request_that_is_not_signed_is_refused_whatever_its_shape(bot: BotUnderTest) -> None:
    for text_body in ("[1, 2]", '{"type": "block_actions", "actions": []}', "payload=%5B%5D"):
        headers = signed_headers("not-the-secret", text_body, content_type="application/json")
        assert bot.post(text_body, headers).status in (400, 401)


def assert_nothing_half_written(bot: BotUnderTest) -> None:
    """Every stored shout-out has its recipients and its deliveries; nothing is attributed to nobody."""
    with session_scope(bot.runtime.engine) as session:
        if bot.runtime.engine.dialect.name == "sqlite":
            assert not list(session.execute(text("PRAGMA foreign_key_check")))
        for shoutout in session.exec(select(Shoutout)):
            assert shoutout.giver, shoutout
            recipients = session.exec(select(ShoutoutRecipient).where(ShoutoutRecipient.shoutout_id == shoutout.id))
            assert list(recipients), f"shout-out {shoutout.id} has no recipients"
            queued = session.exec(select(Delivery).where(Delivery.key.startswith(f"shoutout:{shoutout.id}:")))
            assert list(queued), f"shout-out {shoutout.id} has no deliveries"
        assert all(s.owner for s in session.exec(select(KeySchedule)))
        assert all(c.creator for c in session.exec(select(PulseCampaign)))
        assert all(a.actor for a in session.exec(select(AuditEntry)))
        assert all(a.user_id for a in session.exec(select(KeyAck)))
