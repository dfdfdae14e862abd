"""The end of the action loop: once the owner marks an action done, the next pulse round for its scope asks
whether it made a difference (answered under the round's tokens like every answer), and the digest shows the focus
item before and after, each only when enough people answered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.db import session_scope
from storage.models import PulseAnswer, TeamAction
from tests.e2e.action_steps import FOCUS, SLOT, action_values, click_take_on, digests_in, plant_history, week_later
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER
from tests.e2e.pulse_steps import answer, latest_dm, submit_new_pulse
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData

WHAT = "Let people refund up to £50 without asking"
QUESTION = "Since 23 November we let people refund up to £50 without asking: has it made a difference?"
ROUND_OPEN = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)  # Monday 7 Dec 09:00 has passed in every team member's zone
NEXT_DIGEST = datetime(2026, 12, 14, 9, 1, tzinfo=UTC)


def done_action(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime) -> TeamAction:
    """The digest's focus item taken on, the owner's weekly DM, and Done tapped in it."""
    plant_history(ProgrammeData(runtime.engine), closes_at=SLOT - timedelta(days=4), score=3)
    bot.tick()
    clock.set(SLOT + timedelta(minutes=1))
    bot.tick()
    click_take_on(bot, CHAMPION, digests_in(slack)[0])
    bot.submit(CHAMPION, slack.opened_views(CHAMPION)[-1], action_values(WHAT, BOB, date(2026, 12, 4)))
    clock.set(week_later(SLOT))
    bot.tick()
    nudge = next(m for m in slack.dms_to(BOB) if "How far is the action" in m.text)
    with session_scope(runtime.engine) as session:
        action = session.exec(select(TeamAction)).one()
    bot.click(BOB, action_id="action_status:done", value=f"{action.id}:done", message=nudge)
    return action


def followup_row(message: object) -> int:
    """The number of the follow-up question in a pulse DM."""
    rows = [b for b in message.blocks if b.get("block_id", "").startswith("pulse-q-")]  # type: ignore[attr-defined]
    texts = [str(b) for b in message.blocks if b.get("type") == "section"]  # type: ignore[attr-defined]
    assert any(QUESTION in t for t in texts), texts
    return len(rows)


def run_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, respondents: list[str]) -> None:
    """A one-off pulse of the focus item for the team; `respondents` answer every question, the follow-up 4."""
    submit_new_pulse(bot, slack, LEADER, questions=[FOCUS, "align-role-meaning", "outcome-recommend"])
    clock.set(ROUND_OPEN)
    bot.tick()
    bot.tick()
    for person in respondents:
        dm = latest_dm(slack, person)
        followup = followup_row(dm)
        answer(bot, slack, person, 1, 4)
        answer(bot, slack, person, 2, 4)
        answer(bot, slack, person, 3, 8)
        answer(bot, slack, person, followup, 4)


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
