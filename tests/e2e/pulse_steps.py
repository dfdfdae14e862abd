"""Steps the pulse scenarios share: set up a pulse through the form, answer from the DM, read what was stored."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from emulator import SlackEmulator
from emulator.client import SlackClient
from storage.models import PulseAnswer, PulseComment, PulseParticipation, PulseRound
from tests.e2e.conftest import LEADER, TEAM_A
from tests.support.bot import BotUnderTest, Reply

QUESTIONS = ["align-role-meaning", "align-leaders-consistent", "align-work-impact"]


def form_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "questions": QUESTIONS,
        "channels": [TEAM_A],
        "groups": "",
        "cadence": "0",
        "weekday": "0",
        "time": "09:00",
        "window": "72",
        "reminder": ["remind"],
    }
    values.update(overrides)
    return values


def submit_new_pulse(bot: BotUnderTest, slack: SlackEmulator, user: str = LEADER, **overrides: Any) -> Reply:
    reply = bot.command(user, "/pulse", "new")
    assert reply.status == 200 and not reply.json.get("text"), reply.text
    view = slack.opened_views(user)[-1]
    return bot.submit(user, view, form_values(**overrides))


def latest_dm(slack: SlackEmulator, user: str) -> Any:
    return slack.dms_to(user)[-1]


def answer(bot: SlackClient, slack: SlackEmulator, user: str, question: int, score: int, message: Any = None) -> Reply:
    """Click `score` on question number `question` (from 1) in the user's latest pulse DM."""
    message = message or latest_dm(slack, user)
    block = next(b for b in message.blocks if b.get("block_id") == f"pulse-q-{question}")
    element = next(e for e in block["elements"] if e["action_id"] == f"pulse_answer:{score}")
    return bot.click(user, action_id=element["action_id"], value=element["value"], message=message)


def answers(session: Session) -> list[PulseAnswer]:
    return list(session.exec(select(PulseAnswer)))


def comments(session: Session) -> list[PulseComment]:
    return list(session.exec(select(PulseComment)))


def participations(session: Session) -> list[PulseParticipation]:
    return list(session.exec(select(PulseParticipation)))


def rounds(session: Session) -> list[PulseRound]:
    return list(session.exec(select(PulseRound)))
