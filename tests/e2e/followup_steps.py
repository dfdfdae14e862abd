"""Steps the follow-up scenarios share: an action taken on from the digest and marked done by its owner, and the
next round for its scope, which asks whether it made a difference."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.db import session_scope
from storage.models import TeamAction
from tests.e2e.action_steps import FOCUS, SLOT, action_values, click_take_on, digests_in, plant_history, week_later
from tests.e2e.conftest import BOB, CHAMPION, LEADER
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


def run_round(
    bot: BotUnderTest,
    slack: SlackEmulator,
    clock: ManualTime,
    respondents: list[str],
    followup: dict[str, int] | None = None,
) -> None:
    """A one-off pulse of the focus item for the team; `respondents` answer every question, and the follow-up as
    `followup` says (4 each when not given; someone left out of it skips it)."""
    submit_new_pulse(bot, slack, LEADER, questions=[FOCUS, "align-role-meaning", "outcome-recommend"])
    clock.set(ROUND_OPEN)
    bot.tick()
    bot.tick()
    scores = dict.fromkeys(respondents, 4) if followup is None else followup
    for person in respondents:
        dm = latest_dm(slack, person)
        row = followup_row(dm)
        answer(bot, slack, person, 1, 4)
        answer(bot, slack, person, 2, 4)
        answer(bot, slack, person, 3, 8)
        if person in scores:
            answer(bot, slack, person, row, scores[person])
