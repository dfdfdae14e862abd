"""`/pulse results` shows the follow-ups a round asked, labelled with the action each follows up, through the same
disclosure gate as its other questions: nothing while the round is open, nothing below the minimum group, and no
distribution when everyone gave the same answer. A follow-up stays out of the digest's focus and drivers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.db import session_scope
from storage.models import PulseRound, TeamAction
from tests.e2e.action_steps import digests_in
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER
from tests.e2e.followup_steps import NEXT_DIGEST, WHAT, done_action, run_round
from tests.support.blockkit import assert_valid_blocks
from tests.support.bot import BotUnderTest, Reply

TEAM = [ALICE, BOB, CAROL, DAN, ERIN]
LABEL = f"4. Follow-up of the action “{WHAT}”: has it made a difference?"


@pytest.fixture
def action(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime) -> TeamAction:
    return done_action(bot, slack, clock, runtime)


def close_round(bot: BotUnderTest, clock: ManualTime, runtime: Runtime) -> None:
    with session_scope(runtime.engine) as session:
        closes_at = session.get(PulseRound, followup_round(runtime))
    assert closes_at is not None
    clock.set(closes_at.closes_at + timedelta(minutes=1))
    bot.tick()


def followup_section(reply: Reply) -> str:
    """The text of the results' section about the follow-up."""
    [found] = [b["text"]["text"] for b in reply.json["blocks"] if LABEL in str(b.get("text", {}).get("text", ""))]
    return str(found)


def followup_round(runtime: Runtime) -> int:
    with session_scope(runtime.engine) as session:
        return session.exec(select(TeamAction)).one().followup_round_id or 0


def test_results_list_the_follow_up_with_its_figures_once_the_round_closes(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, TEAM, followup={ALICE: 5, BOB: 4, CAROL: 4, DAN: 3, ERIN: 4})
    open_text = bot.command(LEADER, "/pulse", "results latest").text
    close_round(bot, clock, runtime)

    reply = bot.command(CHAMPION, "/pulse", f"results {followup_round(runtime)}")

    assert f"round #{followup_round(runtime)}" in open_text and "still open" in open_text
    assert "Follow-up" not in open_text and "Mean" not in open_text
    assert followup_section(reply) == (
        f"*{LABEL}*\nMean *4.0* from 5 answers\nDistribution: 3: 1  4: 3  5: 1\nBy group: <#C0TEAMA> 4.0 (5)"
    )
    assert_valid_blocks(reply.json["blocks"])


def test_a_unanimous_follow_up_shows_its_mean_but_not_its_distribution(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, TEAM)
    close_round(bot, clock, runtime)

    section = followup_section(bot.command(LEADER, "/pulse", f"results {followup_round(runtime)}"))

    assert section.startswith(f"*{LABEL}*\nMean *4.0* from 5 answers\n_Everyone gave the same answer")
    assert "Distribution" not in section


def test_a_follow_up_three_people_answered_is_not_shown_beside_a_round_that_is(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, TEAM, followup={ALICE: 5, BOB: 1, CAROL: 3})
    close_round(bot, clock, runtime)

    reply = bot.command(LEADER, "/pulse", f"results {followup_round(runtime)}")

    assert "Mean *4.0* from 5 answers" in reply.text  # the round's own items, answered by all five
    assert followup_section(reply) == f"*{LABEL}*\n_Fewer than 5 people answered this question, so it is not shown._"
    assert "5: 1" not in reply.text and "1: 1" not in reply.text


def test_a_round_below_the_minimum_shows_neither_its_items_nor_its_follow_up(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, [ALICE, BOB, CAROL])
    close_round(bot, clock, runtime)

    text = bot.command(LEADER, "/pulse", f"results {followup_round(runtime)}").text

    assert "3 of 6 people answered" in text and "Fewer than 5 people answered, so no scores" in text
    assert "Follow-up" not in text and "Mean" not in text


def test_forged_requests_for_the_follow_up_round_show_nothing_new(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, TEAM)
    round_id = followup_round(runtime)
    while_open = bot.command(LEADER, "/pulse", f"results #{round_id}").text
    close_round(bot, clock, runtime)

    employee = bot.command(ALICE, "/pulse", f"results {round_id}").text
    unknown = bot.command(CHAMPION, "/pulse", f"results {round_id + 1000}").text
    other = bot.command(CHAMPION, "/pulse", f"results {round_id - 1}").text

    assert "still open" in while_open and "Follow-up" not in while_open
    assert "Pulse results" not in employee and "Follow-up" not in employee and "Mean" not in employee
    assert f"There is no pulse round `{round_id + 1000}`" in unknown
    with session_scope(runtime.engine) as session:
        earlier = session.get(PulseRound, round_id - 1)
    assert earlier is not None and earlier.followups == []
    assert "Follow-up" not in other  # the round before asked none, whatever the request names


def test_the_digest_after_keeps_the_follow_up_out_of_its_focus(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, TEAM, followup={ALICE: 1, BOB: 1, CAROL: 2, DAN: 1, ERIN: 1})
    clock.set(NEXT_DIGEST)
    bot.tick()

    digest = str(digests_in(slack)[-1].blocks)

    assert "has it made a difference" not in digest.split("What do we do next?")[0].lower()
    take_on = next(b for b in digests_in(slack)[-1].blocks if b.get("block_id") == "digest-take-on")
    assert not take_on["elements"][0]["value"].startswith("followup-")  # though its answers are the lowest
