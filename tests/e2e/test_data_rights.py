"""Forgetting a person end to end: an admin confirms, Cadence removes the person's id everywhere, reports what it
changed, and results, recognition and digests still add up."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import inspect, text

from bot.platform.timesource import ManualTime
from bot.pulses.campaigns import answer_token
from bot.recognition.shoutouts import recognition_summary
from emulator import SlackEmulator
from storage.models import AuditEntry, Delivery, DeliveryState, PulseAnswer, Shoutout
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, CHAMPIONS, DAN, ERIN, LEADER
from tests.e2e.pulse_steps import answer, submit_new_pulse
from tests.support.bot import BotUnderTest, Reply
from tests.support.programme_data import ProgrammeData

SCORES = {ALICE: 5, BOB: 4, CAROL: 4, DAN: 2, ERIN: 1}


def closed_round_with_alice(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    for person, score in SCORES.items():
        answer(bot, slack, person, 1, score)
    clock.advance(timedelta(hours=72))
    bot.tick()


def forget(bot: BotUnderTest, person: str, admin: str = ADMIN) -> Reply:
    reply = bot.command(admin, "/cadence", f"forget <@{person}|someone>")
    assert "This cannot be undone" in reply.text, reply.text
    return bot.click(admin, action_id="forget_confirm", value=person, message=bot.shown(admin, reply))


def rows_naming(bot: BotUnderTest, person: str) -> list[str]:
    """Every table and column that still holds `person`'s id, anywhere in its text."""
    found = []
    with bot.runtime.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for column in inspect(connection).get_columns(table):
                query = text(f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column["name"]}" AS TEXT) LIKE :p')
                if connection.execute(query, {"p": f"%{person}%"}).scalar():
                    found.append(f"{table}.{column['name']}")
    return found


def test_forget_removes_the_person_everywhere_and_results_still_add_up(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    data.shoutout(giver=ALICE, recipients=[BOB], at=clock.now(), behaviour="own-it", message="Alice's own words")
    data.shoutout(giver=CAROL, recipients=[ALICE, BOB], at=clock.now(), behaviour="own-it", message="Both of you")
    closed_round_with_alice(bot, slack, clock)
    results_before = bot.command(LEADER, "/pulse", "results 1").text
    week = (clock.now() - timedelta(days=7), clock.now() + timedelta(days=1))
    with bot.runtime.session() as session:
        summary_before = recognition_summary(session, since=week[0], until=week[1], people=None)

    reply = bot.command(ADMIN, "/cadence", f"forget <@{ALICE}|alice>")
    assert rows_naming(bot, ALICE), "the scenario should have stored Alice's id"
    report = bot.click(ADMIN, action_id="forget_confirm", value=ALICE, message=bot.shown(ADMIN, reply))

    assert report.status == 200
    [posted] = [p for p in slack.response_posts if "is forgotten" in json.dumps(p.payload)]
    assert "1 pulse invitations kept as anonymous counts" in json.dumps(posted.payload)
    assert "1 shout-outs they gave" in json.dumps(posted.payload)
    assert rows_naming(bot, ALICE) == []
    assert bot.command(LEADER, "/pulse", "results 1").text == results_before
    with bot.runtime.session() as session:
        summary_after = recognition_summary(session, since=week[0], until=week[1], people=None)
        tokens = set(
            session.exec(PulseAnswer.__table__.select().with_only_columns(PulseAnswer.__table__.c.token)).scalars()
        )
        given = session.get(Shoutout, 1)
    assert (summary_after.count, summary_after.top_behaviours) == (summary_before.count, summary_before.top_behaviours)
    assert answer_token(bot.runtime.settings.pulse_secret, 1, ALICE) not in tokens and len(tokens) == 5
    assert given is not None and given.giver == "UFORGOTTEN" and given.message == ""


def test_the_digest_after_a_forget_counts_the_same_and_names_nobody_forgotten(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    data.shoutout(
        giver=ALICE,
        recipients=[BOB],
        at=clock.now() - timedelta(days=1),
        behaviour="own-it",
        message="Alice wrote this",
    )
    data.shoutout(giver=CAROL, recipients=[ALICE], at=clock.now() - timedelta(days=1), behaviour="own-it")
    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)
    before = json.dumps(slack.messages(CHAMPIONS)[-1].blocks)

    forget(bot, ALICE)
    clock.advance(timedelta(minutes=5))
    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)
    after = json.dumps(slack.messages(CHAMPIONS)[-1].blocks)

    assert "2 shout-outs" in before and "2 shout-outs" in after
    assert ALICE in before and ALICE not in after and "Alice wrote this" not in after


def test_messages_to_the_person_not_sent_yet_are_cancelled_and_never_sent(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    later = clock.now() + timedelta(hours=1)
    with bot.runtime.session() as session:
        for person in (ALICE, BOB):
            session.add(
                Delivery(
                    key=f"test:{person}",
                    kind="test",
                    channel=person,
                    payload={"text": "hi"},
                    next_attempt_at=later,
                    created_at=later,
                )
            )

    forget(bot, BOB)
    forget(bot, ALICE)
    clock.advance(timedelta(hours=2))
    bot.tick()

    assert slack.dms_to(ALICE) == [] and slack.dms_to(BOB) == []
    with bot.runtime.session() as session:
        rows = session.exec(Delivery.__table__.select().where(Delivery.__table__.c.kind == "test")).all()
    assert {(r.state, r.channel, json.dumps(r.payload)) for r in rows} == {
        (DeliveryState.CANCELLED, "UFORGOTTEN", "{}")
    }
    assert all(r.key.startswith("test:UFORGOTTEN-") for r in rows) and len({r.key for r in rows}) == 2


def test_the_audit_log_records_a_forget_without_saying_who(bot: BotUnderTest, slack: SlackEmulator) -> None:
    forget(bot, ALICE)

    with bot.runtime.session() as session:
        [entry] = session.exec(AuditEntry.__table__.select()).all()
    assert entry.action == "person.forgotten" and entry.actor == ADMIN
    shown = bot.command(ADMIN, "/cadence", "audit").text
    assert "person.forgotten" in shown and "person: not recorded" in shown
    assert ALICE not in json.dumps(entry.detail) and ALICE not in shown


def test_forget_is_refused_to_non_admins_and_for_role_holders(bot: BotUnderTest, slack: SlackEmulator) -> None:
    assert "Only programme admins" in bot.command(BOB, "/cadence", f"forget <@{ALICE}|alice>").text
    assert "hold a role" in bot.command(ADMIN, "/cadence", f"forget <@{LEADER}|leo>").text
    assert "/cadence forget @person" in bot.command(ADMIN, "/cadence", "forget").text
    reply = bot.command(ADMIN, "/cadence", f"forget <@{ALICE}|alice>")

    bot.click(BOB, action_id="forget_confirm", value=ALICE, message=bot.shown(ADMIN, reply))

    assert any("Only programme admins" in json.dumps(p.payload) for p in slack.response_posts)
    with bot.runtime.session() as session:
        assert session.exec(AuditEntry.__table__.select()).all() == []


def test_cancel_changes_nothing(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    ProgrammeData(bot.runtime.engine).shoutout(giver=ALICE, recipients=[BOB], at=clock.now(), message="kept")
    reply = bot.command(ADMIN, "/cadence", f"forget <@{ALICE}|alice>")

    asked = bot.shown(ADMIN, reply)

    bot.click(ADMIN, action_id="forget_cancel", value="cancel", message=asked)

    assert "nothing was changed" in json.dumps(slack.response_posts[-1].payload)
    assert rows_naming(bot, ALICE) == ["shoutout.giver"]
    [shown] = slack.ephemerals(user=ADMIN)  # the question is replaced where the admin saw it
    assert (shown.ts, shown.text) == (asked.ts, "Nothing was changed.")


def test_the_programme_owner_cannot_be_forgotten(make_bot: Callable[..., BotUnderTest]) -> None:
    bot = make_bot(CADENCE_OWNER=DAN)

    assert "programme owner" in bot.command(ADMIN, "/cadence", f"forget <@{DAN}|dan>").text
