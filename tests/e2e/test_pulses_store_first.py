"""Store, then acknowledge: Slack hears that a pulse click worked only once its answer is in the database.

The test holds a write the answer's commit needs (SQLite's write lock; on PostgreSQL the person's participation
row), clicks, and looks at the database the moment the HTTP answer arrives. A bot that acknowledged first would
answer while the write is held, and the look would find nothing stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, create_engine

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from emulator.client import Reply, SlackClient
from storage.models import PulseParticipation
from tests.e2e.conftest import ALICE
from tests.e2e.pulse_steps import QUESTIONS, answer, answers, latest_dm, submit_new_pulse
from tests.support.bot import BotUnderTest

HOLD_SECONDS = 1.0


class LookingClient(SlackClient):
    """Alice's Slack client, which looks at the database as soon as each HTTP answer arrives."""

    def __init__(self, bot: BotUnderTest, look: Callable[[], None]) -> None:
        super().__init__(bot.slack, bot.url, bot.secret, now=bot.now)
        self._look = look

    def post(self, body: str, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        reply = super().post(body, headers, path)
        self._look()
        return reply


@contextmanager
def commit_held(engine: Engine, user_id: str) -> Iterator[None]:
    """Hold, uncommitted, a write on `user_id`'s participation: recording their answer has to wait for it."""
    with engine.begin() as connection:
        connection.execute(
            update(PulseParticipation)
            .where(col(PulseParticipation.user_id) == user_id)
            .values(reminded=PulseParticipation.reminded)
        )
        yield


def test_a_click_is_acknowledged_only_once_its_answer_is_stored(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, engine: Engine
) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    message = latest_dm(slack, ALICE)
    seen: list[list[tuple[str, int]]] = []

    reader = create_engine(engine.url)  # a plain reader: Cadence's SQLite engine would queue for the write lock

    def look() -> None:
        with Session(reader) as session:
            seen.append([(a.question_id, a.score) for a in answers(session)])

    replies: list[Any] = []
    client = LookingClient(bot, look)
    with commit_held(engine, ALICE):
        clicking = threading.Thread(target=lambda: replies.append(answer(client, slack, ALICE, 1, 4, message)))
        clicking.start()
        clicking.join(timeout=HOLD_SECONDS)  # an acknowledgement sent ahead of the commit would arrive by now
    clicking.join(timeout=30)
    bot.executor.wait_idle()
    reader.dispose()

    assert [r.status for r in replies] == [200]
    assert seen == [[(QUESTIONS[0], 4)]], "the click was acknowledged before its answer was stored"
    assert not bot.executor.errors
