"""Closing a pulse round early: its creator or an admin, from `/pulse close`, `/pulse results` or `/pulse`, each
time through "Close now" found in what the bot posted (behind Slack's confirmation dialog). Anyone else is refused
privately. A closed round takes no more answers, sends no reminder, and shows results as any closed round does.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, GENERAL, LEADER
from tests.e2e.pulse_steps import answer, answers, rounds, submit_new_pulse
from tests.support.bot import BotUnderTest, Reply

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]


def open_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    """LEADER's one-off pulse for Monday 09:00 (London), delivered to the team."""
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()


def close_now(bot: BotUnderTest, user: str, reply: Reply) -> Reply:
    """Click "Close now" in a command's answer (Slack's dialog confirmed)."""
    blocks = json.dumps(reply.json["blocks"])
    assert '"confirm": {"title"' in blocks and "Keep it open" in blocks, "the button asks for confirmation"
    return bot.click(user, action_id="pulse_close", value="1", message=bot.shown(user, reply))


def state_of_round(runtime: Runtime) -> str:
    with runtime.session() as session:
        (pulse_round,) = rounds(session)
        return pulse_round.state


def test_the_creator_closes_a_round_early_with_pulse_close_and_results_follow_the_closed_rules(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    open_round(bot, slack, clock)
    for person, score in zip(TEAM[:5], (4, 4, 3, 5, 2), strict=True):
        answer(bot, slack, person, 1, score)
    assert "still open" in bot.command(LEADER, "/pulse", "results").text

    confirmation = bot.command(LEADER, "/pulse", "close")
    assert "Close round #1 now?" in confirmation.text and "5 of 6 answered" in confirmation.text
    assert state_of_round(runtime) == "open"  # the command alone asks; only the button closes
    close_now(bot, LEADER, confirmation)

    assert state_of_round(runtime) == "closed"
    assert "Round #1 is closed" in json.dumps(slack.response_posts[-1].payload)
    results = bot.command(LEADER, "/pulse", "results").text
    assert "still open" not in results and "Mean *3.6* from 5 answers" in results
    assert "Close now" not in results


def test_after_an_early_close_nobody_is_reminded_and_late_clicks_are_refused(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    open_round(bot, slack, clock)
    answer(bot, slack, ALICE, 1, 4)
    close_now(bot, LEADER, bot.command(LEADER, "/pulse", "close", channel=GENERAL))

    answer(bot, slack, BOB, 1, 5)
    for _ in range(72):
        clock.advance(timedelta(hours=1))
        bot.tick()

    assert "This pulse has closed" in slack.ephemerals(user=BOB)[-1].text
    with runtime.session() as session:
        assert [a.score for a in answers(session)] == [4]
    for person in TEAM:
        assert len(slack.dms_to(person)) == 1, person  # the invitation only: no reminder


def test_an_admin_closes_a_round_from_the_close_now_button_in_pulse_results(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    open_round(bot, slack, clock)

    results = bot.command(ADMIN, "/pulse", "results", channel=GENERAL)
    assert "Open rounds you can close early" in results.text
    close_now(bot, ADMIN, results)

    assert state_of_round(runtime) == "closed"


def test_the_creator_closes_a_round_from_the_close_now_button_in_pulse(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    open_round(bot, slack, clock)

    mine = bot.command(LEADER, "/pulse")
    assert "Round #1 of pulse #1: 0 of 6 answered" in mine.text
    close_now(bot, LEADER, mine)

    assert state_of_round(runtime) == "closed"
    assert "Close now" not in bot.command(LEADER, "/pulse").text
    assert "has already closed" in bot.command(LEADER, "/pulse", "close 1").text


def test_anyone_but_the_creator_and_admins_is_refused_privately_and_the_round_stays_open(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    open_round(bot, slack, clock)
    offered = bot.command(LEADER, "/pulse", "close 1")

    for person in (CHAMPION, ALICE):
        refused = bot.command(person, "/pulse", "close 1")
        assert "Only the person who started this pulse and programme admins" in refused.text
        assert "Close now" not in bot.command(person, "/pulse").text
        bot.click(person, action_id="pulse_close", value="1", message=bot.shown(LEADER, offered))  # a forwarded button
        assert "Only the person who started this pulse" in slack.ephemerals(user=person)[-1].text
    assert "Close now" not in bot.command(CHAMPION, "/pulse", "results 1").text
    assert state_of_round(runtime) == "open"
