"""The end of the action loop: once the owner marks an action done, the next pulse round for its scope asks
whether it made a difference (answered under the round's tokens like every answer), and the digest shows the focus
item before and after, each only when enough people answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.db import session_scope
from storage.models import PulseAnswer, TeamAction
from tests.e2e.action_steps import FOCUS, digests_in
from tests.e2e.conftest import ALICE, BOB, CAROL, DAN, ERIN, LEADER
from tests.e2e.followup_steps import NEXT_DIGEST, QUESTION, ROUND_OPEN, done_action, run_round
from tests.e2e.pulse_steps import latest_dm, submit_new_pulse
from tests.support.bot import BotUnderTest


@pytest.fixture
def action(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime) -> TeamAction:
    return done_action(bot, slack, clock, runtime)


def test_the_next_round_asks_the_follow_up_and_the_digest_shows_the_item_before_and_after(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, [ALICE, BOB, CAROL, DAN, ERIN])

    with session_scope(runtime.engine) as session:
        stored = session.exec(select(PulseAnswer).where(PulseAnswer.question_id == f"followup-{action.id}")).all()
        claimed = session.exec(select(TeamAction)).one().followup_round_id
    assert len(stored) == 5 and {a.score for a in stored} == {4} and claimed == stored[0].round_id
    assert all(a.token not in (ALICE, BOB, CAROL, DAN, ERIN) and len(a.token) >= 32 for a in stored)

    clock.set(NEXT_DIGEST)
    bot.tick()
    latest = str(digests_in(slack)[-1].blocks)
    assert "You said, we did" in latest
    assert "before *2.0 / 5* (6 people) → since *4.0 / 5* (5 people)" in latest
    assert "Has it made a difference? *4.0 / 5* (5 people)" in latest


def test_before_and_after_stay_hidden_when_too_few_answered_and_each_action_is_followed_up_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, action: TeamAction
) -> None:
    run_round(bot, slack, clock, [ALICE, BOB, CAROL])

    clock.set(NEXT_DIGEST)
    bot.tick()
    latest = str(digests_in(slack)[-1].blocks)
    assert "before *2.0 / 5* (6 people) → since not shown (fewer than 5 people answered" in latest
    assert "Has it made a difference? not shown" in latest

    pulses_before = len(slack.dms_to(ALICE))
    submit_new_pulse(bot, slack, LEADER, questions=[FOCUS, "align-role-meaning", "outcome-recommend"])
    clock.set(ROUND_OPEN + timedelta(days=14))  # the Monday after the next digest
    bot.tick()
    bot.tick()
    assert len(slack.dms_to(ALICE)) == pulses_before + 1
    assert QUESTION not in str(latest_dm(slack, ALICE).blocks)
