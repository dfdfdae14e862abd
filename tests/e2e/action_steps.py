"""Steps the action-loop scenarios share: a week of pulse history, the digest it gets, and taking an action on from
the digest's own button."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import CHAMPIONS
from tests.support.bot import BotUnderTest, Reply
from tests.support.programme_data import ProgrammeData

SLOT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 09:00 Europe/London
FOCUS = "empower-fix-without-approval"


def answers(score: int) -> dict[str, int]:
    """One person's answers: the empowerment item is the week's lowest."""
    return {"align-role-meaning": score, FOCUS: score - 1, "outcome-recommend": score * 2}


def plant_history(data: ProgrammeData, *, closes_at: datetime, score: int = 3, people: int = 6) -> None:
    data.pulse_round(closes_at=closes_at, answers=[answers(score)] * people, invited=people + 2)


def digests_in(slack: SlackEmulator) -> list[Any]:
    return [m for m in slack.messages(CHAMPIONS) if m.blocks and "Weekly digest" in str(m.blocks[0])]


def first_digest(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> Any:
    """The champions' first weekly digest, on a week of pulse history whose lowest item it offers to take on."""
    plant_history(ProgrammeData(bot.runtime.engine), closes_at=SLOT - timedelta(days=4))
    bot.tick()  # Cadence is running before the digest's slot
    clock.set(SLOT + timedelta(minutes=1))
    bot.tick()
    [posted] = digests_in(slack)
    return posted


def take_on_button(digest: Any) -> dict[str, Any]:
    block = next(b for b in digest.blocks if b.get("block_id") == "digest-take-on")
    return dict(block["elements"][0])


def click_take_on(bot: BotUnderTest, user: str, digest: Any) -> Reply:
    button = take_on_button(digest)
    return bot.click(user, action_id=button["action_id"], value=button["value"], message=digest)


def action_values(text: str, owner: str, due: date | None) -> dict[str, Any]:
    return {"action_text": text, "action_owner": owner, "action_due": due.isoformat() if due else None}


def week_later(slot: datetime) -> datetime:
    return slot + timedelta(days=7, minutes=5)
