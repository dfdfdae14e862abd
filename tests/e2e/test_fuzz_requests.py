"""Signed requests of random shapes to every listener Cadence registers, over the real HTTP app.

Whatever the shape (a field missing, null, of another type, a body that is not JSON or is a list), Cadence
answers without a 5xx, logs no traceback, and leaves nothing half-written in the database.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from emulator.signing import signed_headers
from storage.db import session_scope
from storage.models import (
    AuditEntry,
    Delivery,
    KeyAck,
    KeyClarityAnswer,
    KeySchedule,
    PulseCampaign,
    PulseRound,
    Shoutout,
    ShoutoutRecipient,
    TeamAction,
    TeamMember,
)
from tests.e2e.action_steps import SLOT, action_values, click_take_on, digests_in, plant_history, week_later
from tests.e2e.authorisation_support import open_home
from tests.e2e.clarity_support import FIRST
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, DAN, RECOGNITION
from tests.e2e.fuzz_clicks import Seen
from tests.e2e.fuzz_requests import CHANNELS, PEOPLE, Body, any_request
from tests.e2e.keymessage_support import schedule
from tests.e2e.pulse_steps import submit_new_pulse
from tests.e2e.team_support import TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.e2e.test_keymessages_cascade import THROUGH_MANAGERS
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData
from tests.support.registrations import registered

EXAMPLES = int(os.environ.get("CADENCE_FUZZ_EXAMPLES", "500"))
CHECKED_THROUGH_MANAGERS: dict[str, Any] = {**THROUGH_MANAGERS, "date": "2026-11-24", "clarity": ["yes"]}
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


def test_the_programme_fuzzed_has_every_surface_to_click(
    bot: BotUnderTest, slack: SlackEmulator, requests: Requests
) -> None:
    seen = Seen.of(slack, PEOPLE, (*CHANNELS, RECOGNITION))
    clickable = {"action_take_on", "action_status:done", "keymsg_clarity:3", "keymsg_discussed", "keymsg_got_it"}
    clickable |= {"pulse_answer:1", "home_digest_now", "home_pulse_new", "home_results", "home_schedule"}
    assert clickable <= set(seen.block_ids)
    assert any('"question": "empower-fix-without-approval"' in m for m in seen.metadata)
    with session_scope(bot.runtime.engine) as session:
        states = {r.state for r in session.exec(select(PulseRound))}
        assert {"open", "closed"} <= states
        assert session.exec(select(TeamAction)).all() and session.exec(select(TeamMember)).all()
        assert session.exec(select(KeyClarityAnswer)).all() == []


class Requests:
    """The strategy, named briefly in hypothesis' report of a failing example."""

    def __init__(self, strategy: st.SearchStrategy[Body]) -> None:
        self.strategy = strategy

    def __repr__(self) -> str:
        return "<random requests>"


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_teams()


@pytest.fixture
def requests(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> Requests:
    """A programme a week under way, so that ids in random requests name real rows and every surface's buttons
    can be clicked with altered values: teams known, a pulse round closed and the next one open, key messages out
    by DM and through managers with the clarity check, a digest with "Take this on", an action and its owner's DM,
    a shout-out given, and App Home open for each role."""
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    plant_history(ProgrammeData(bot.runtime.engine), closes_at=SLOT - timedelta(days=4))
    bot.tick()  # Cadence is running before the digest's slot
    submit_new_pulse(bot, slack, cadence="1")  # weekly: one round closes, the next opens
    schedule(bot, slack)
    schedule(bot, slack, **CHECKED_THROUGH_MANAGERS)
    bot.command(ALICE, "/shoutout", "<@U0BOB|bob> stayed late to fix a customer's order")
    clock.set(SLOT + timedelta(minutes=1))
    bot.tick()
    take_on_the_focus_item(bot, slack)
    for moment in (FIRST, FIRST + timedelta(days=1), FIRST + timedelta(days=3)):  # to managers, members, closed
        clock.set(moment)
        bot.tick()
    clock.set(week_later(SLOT))
    bot.tick()
    bot.tick()
    for person in (ADMIN, CHAMPION, DAN):
        open_home(bot, slack, person)
    bot.command(ADMIN, "/promise", "list")
    return Requests(any_request(slack))


def take_on_the_focus_item(bot: BotUnderTest, slack: SlackEmulator) -> None:
    """Take the digest's focus item on for Bob, and leave a second "Take this on" modal open."""
    [digest] = digests_in(slack)
    click_take_on(bot, CHAMPION, digest)
    view = slack.opened_views(CHAMPION)[-1]
    bot.submit(CHAMPION, view, action_values("Let people refund up to £50", BOB, SLOT.date() + timedelta(days=11)))
    click_take_on(bot, CHAMPION, digest)


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
    """Every stored shout-out has its recipients and its deliveries; every action its owner and words, every
    clarity answer its token, every team row its manager and member (never one person as both); nothing is
    attributed to nobody."""
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
        assert all(a.owner and a.text.strip() and a.created_by for a in session.exec(select(TeamAction)))
        assert all(a.token for a in session.exec(select(KeyClarityAnswer)))
        assert all(t.manager and t.member and t.manager != t.member for t in session.exec(select(TeamMember)))
