"""Scheduling a key message with the clarity check and tapping it the way recipients do, for the clarity tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from emulator import SlackEmulator
from storage.models import KeyClarityAnswer
from tests.e2e.keymessage_support import schedule
from tests.e2e.test_keymessages import key_dms
from tests.support.bot import BotUnderTest, Reply

WEEKLY = {"kind": "weekly", "weekdays": ["1"], "date": "2026-11-24", "clarity": ["yes"]}
FIRST = datetime(2026, 11, 24, 9, tzinfo=UTC)  # a Tuesday; London is on UTC in November
SECOND = datetime(2026, 12, 1, 9, tzinfo=UTC)


def schedule_with_check(bot: BotUnderTest, slack: SlackEmulator, **values: Any) -> None:
    reply = schedule(bot, slack, **{**WEEKLY, **values})
    assert reply.json.get("response_action") == "update", reply.body


def tap(bot: BotUnderTest, slack: SlackEmulator, user: str, score: int, *, message: Any = None, by: str = "") -> Reply:
    """`by` (default `user`) taps `score` on the check in `user`'s latest key-message DM (or `message`)."""
    message = message or key_dms(slack, user)[-1]
    element = next(
        e
        for b in message.blocks
        if b.get("block_id") == "keymsg_clarity"
        for e in b["elements"]
        if e["action_id"] == f"keymsg_clarity:{score}"
    )
    return bot.click(by or user, action_id=element["action_id"], value=element["value"], message=message)


def answer_rows(bot: BotUnderTest) -> list[KeyClarityAnswer]:
    with bot.runtime.session() as session:
        return list(session.exec(select(KeyClarityAnswer).order_by(KeyClarityAnswer.id)))  # type: ignore[arg-type]


def private_replies(slack: SlackEmulator) -> str:
    """Everything Cadence said privately through response URLs (where a refused click is answered)."""
    return json.dumps(
        [p.payload for p in slack.response_posts if p.payload.get("response_type") == "ephemeral"], ensure_ascii=False
    )
