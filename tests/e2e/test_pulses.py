"""Pulses end to end: a leader sets one up, the team answers by DM, changes, comments, is reminded, the round closes."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER
from tests.e2e.pulse_steps import (
    QUESTIONS,
    answer,
    answers,
    comments,
    latest_dm,
    participations,
    rounds,
    submit_new_pulse,
)
from tests.support.bot import BotUnderTest

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]


def start_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    """Set up a one-off pulse for Monday 09:00 (London), then let the clock reach it."""
    reply = submit_new_pulse(bot, slack)
    assert reply.json["response_action"] == "update"
    clock.advance(timedelta(hours=1))
    bot.tick()


def test_a_new_pulse_reaches_each_team_member_by_dm_at_its_time(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    reply = submit_new_pulse(bot, slack)
    assert "Pulse #1 is set up" in json.dumps(reply.json["view"])

    bot.tick()
    assert slack.dms_to(ALICE) == []

    clock.advance(timedelta(hours=1))
    bot.tick()
    bot.tick()

    for person in TEAM:
        dms = slack.dms_to(person)
        assert len(dms) == 1, person
        question_rows = [b for b in dms[0].blocks if b.get("block_id", "").startswith("pulse-q-")]
        assert [len(b["elements"]) for b in question_rows] == [5, 5, 5]
    assert slack.dms_to(LEADER) == []


def test_an_answer_is_recorded_changeable_and_shown_in_the_updated_dm(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    start_round(bot, slack, clock)
    message = latest_dm(slack, ALICE)

    answer(bot, slack, ALICE, 1, 4, message)
    answer(bot, slack, ALICE, 1, 4, message)  # a double click
    answer(bot, slack, ALICE, 1, 2, message)  # a change of mind

    with runtime.session() as session:
        stored = answers(session)
        asked = {p.user_id: p for p in participations(session)}
    assert [(a.question_id, a.score) for a in stored] == [(QUESTIONS[0], 2)]
    assert asked[ALICE].answered and not asked[BOB].answered
    updated = latest_dm(slack, ALICE)
    assert updated.edited
    assert "You answered *2 Disagree*" in json.dumps(updated.blocks)
    chosen = [e for b in updated.blocks if b.get("block_id") == "pulse-q-1" for e in b["elements"] if e.get("style")]
    assert [e["action_id"] for e in chosen] == ["pulse_answer:2"]


def test_a_click_updates_the_dm_through_its_response_url_not_the_rate_limited_update_method(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    start_round(bot, slack, clock)
    message = latest_dm(slack, ALICE)
    slack.faults.add(Fault.rate_limited("chat.update", retry_after=30, times=None))

    answer(bot, slack, ALICE, 1, 5, message)

    assert "You answered *5 Strongly agree*" in json.dumps(latest_dm(slack, ALICE).blocks)
    assert [p.status for p in slack.response_posts if p.channel == message.channel] == [200]


def test_answers_and_comments_never_carry_who_gave_them(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    start_round(bot, slack, clock)
    answer(bot, slack, ALICE, 1, 5)
    answer(bot, slack, BOB, 1, 5)
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    bot.submit(ALICE, slack.opened_views(ALICE)[-1], {"comment": "More time with customers, please"})

    with runtime.session() as session:
        rows = [a.model_dump() for a in answers(session)] + [c.model_dump() for c in comments(session)]
    stored = json.dumps(rows)
    for person in (ALICE, BOB, "alice", "bob"):
        assert person not in stored
    tokens = {row["token"] for row in rows}
    assert len(tokens) == 2  # one pseudonym per person in the round, shared by their answer and comment


def test_a_comment_is_saved_from_its_form_and_can_be_edited(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    start_round(bot, slack, clock)
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    empty = bot.submit(ALICE, slack.opened_views(ALICE)[-1], {"comment": "  "})
    assert empty.json["errors"] == {"comment": "Write a comment, or press Cancel."}

    bot.submit(ALICE, slack.opened_views(ALICE)[-1], {"comment": "First thought"})
    assert "Edit your comment" in json.dumps(latest_dm(slack, ALICE).blocks)
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    reopened = slack.opened_views(ALICE)[-1]
    assert "First thought" in json.dumps(reopened["blocks"])
    bot.submit(ALICE, reopened, {"comment": "Second thought"})

    with runtime.session() as session:
        assert [c.text for c in comments(session)] == ["Second thought"]


def test_a_late_click_is_told_the_pulse_has_closed_and_changes_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    start_round(bot, slack, clock)
    message = latest_dm(slack, BOB)
    answer(bot, slack, BOB, 1, 3, message)

    clock.advance(timedelta(hours=72))
    bot.tick()
    answer(bot, slack, BOB, 1, 5, message)
    answer(bot, slack, ALICE, 1, 5)

    with runtime.session() as session:
        assert [r.state for r in rounds(session)] == ["closed"]
        assert [a.score for a in answers(session)] == [3]
    for person in (ALICE, BOB):
        notes = slack.ephemerals(user=person)
        assert notes and "This pulse has closed" in notes[-1].text


def test_nobody_gets_more_pulses_a_week_than_the_limit(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    for _ in range(3):
        submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()

    assert len(slack.dms_to(ALICE)) == 2  # CADENCE_PULSE_MAX_PER_WEEK defaults to 2
    with runtime.session() as session:
        skipped = [p for p in participations(session) if p.state == "skipped"]
    assert sorted(p.user_id for p in skipped) == sorted(TEAM)


def test_a_round_missed_entirely_while_cadence_was_down_is_not_sent_late(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(days=4))
    bot.tick()

    assert slack.dms_to(ALICE) == []


def test_slash_pulse_lists_the_callers_open_pulses(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    assert "no open pulses" in bot.command(ALICE, "/pulse").text
    start_round(bot, slack, clock)

    before = bot.command(ALICE, "/pulse").text
    answer(bot, slack, ALICE, 1, 4)
    after = bot.command(ALICE, "/pulse").text

    assert "Pulse #1: 3 questions" in before and "not answered yet" in before
    assert "answered, you can still change it" in after
    assert "no open pulses" in bot.command(LEADER, "/pulse").text
