"""A crowd answering a pulse over HTTP against `python -m bot serve` in a process of its own: the burst benchmark
and the kill test share it.

The round is opened and delivered by a scheduler tick against the bot's database, so every click is a real button
from the DM each person received, signed as Slack signs it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, select

from bot.jobs import tick
from bot.platform.runtime import build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import ManualTime
from bot.pulses.campaigns import CampaignDraft, answer_token, create_campaign
from content.blocks.pulses import parse_answer_value
from emulator import Message, SlackEmulator
from emulator.signing import signed_headers
from storage.db import create_db_engine, session_scope
from storage.models import PulseAnswer
from tests.bench.bot_process import ServedBot
from tests.e2e.conftest import SIGNING_SECRET, build_workspace, settings_env
from tests.support.bot import TEAM_ID

CROWD = "C0CROWD"
QUESTIONS = ("align-role-meaning", "align-leaders-consistent", "empower-fix-without-approval")
PULSE_SECRET = settings_env()["CADENCE_PULSE_SECRET"]

Answer = tuple[str, str, int]  # token, question id, score


@dataclass(frozen=True)
class Crowd:
    bot: ServedBot
    slack: SlackEmulator
    engine: Engine
    people: tuple[str, ...]

    @property
    def backend(self) -> str:
        return self.engine.dialect.name


@contextmanager
def served_crowd(database_url: str, tmp_path: Path, people: list[str]) -> Iterator[Crowd]:
    """An empty database, the emulator with `people` in one channel, and Cadence serving HTTP (it migrates the
    schema itself). On leaving, the bot's log must hold no error."""
    engine = create_db_engine(database_url)
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    workspace = build_workspace()
    for user_id in people:
        workspace.add_user(user_id, name=user_id.lower(), real_name=f"Person {user_id}", tz="Europe/London")
    workspace.add_channel(CROWD, name="crowd", members=people)
    with SlackEmulator(workspace) as slack:
        env = settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=database_url)
        with ServedBot(env, tmp_path / "bot.log") as bot:
            yield Crowd(bot, slack, engine, tuple(people))
            log = bot.stop()
        assert "Traceback" not in log and " ERROR " not in log, log[-3000:]
    engine.dispose()


def deliver_round(crowd: Crowd) -> None:
    """Create a one-off pulse for the crowd opening at the next minute, and let a scheduler tick deliver it."""
    settings = load_settings(settings_env(SLACK_API_URL=crowd.slack.api_url, DATABASE_URL=str(crowd.engine.url)))
    now = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    local = now.astimezone(settings.timezone)
    clock = ManualTime(now)
    runtime = build_runtime(settings, clock=clock, engine=crowd.engine)
    draft = CampaignDraft(QUESTIONS, (CROWD,), (), 0, local.weekday(), local.strftime("%H:%M"), 72, False)
    with session_scope(crowd.engine) as session:
        campaign = create_campaign(session, draft, creator="U0LEADER", settings=settings, now=clock.now())
    clock.set(campaign.starts_at)
    tick(runtime)


def click(slack: SlackEmulator, n: int, user: str) -> tuple[str, dict[str, str], Answer]:
    """What person `n` clicks in the DM they received (question 1 + n % 3, score 1 + n % 5): the signed request
    (body and headers), and the answer row it must leave."""
    message = slack.dms_to(user)[-1]
    block = next(b for b in message.blocks or () if b.get("block_id") == f"pulse-q-{1 + n % 3}")
    button = next(e for e in block["elements"] if e["action_id"].endswith(f":{1 + n % 5}"))
    round_id, question_id, score = parse_answer_value(button["value"]) or (0, "", 0)
    body, headers = button_click(slack, user, message, block, button)
    return body, headers, (answer_token(PULSE_SECRET, round_id, user), question_id, score)


def button_click(
    slack: SlackEmulator, user: str, message: Message, block: dict[str, Any], button: dict[str, Any]
) -> tuple[str, dict[str, str]]:
    """The signed `block_actions` request (body and headers) of `user` clicking `button` of `block` in `message`."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "team": {"id": TEAM_ID},
        "trigger_id": slack.new_trigger_id(user),
        "actions": [{**button, "block_id": block["block_id"], "action_ts": f"{time.time():.6f}"}],
        "container": {"type": "message", "message_ts": message.ts, "channel_id": message.channel},
        "channel": {"id": message.channel},
        "message": {"ts": message.ts, "text": message.text, "blocks": message.blocks},
        "response_url": slack.response_url(message.channel, user, message.ts),
    }
    body = urlencode({"payload": json.dumps(payload)})
    return body, signed_headers(SIGNING_SECRET, body, content_type="application/x-www-form-urlencoded")


def stored_answers(engine: Engine) -> list[Answer]:
    with session_scope(engine) as session:
        rows = session.exec(select(PulseAnswer.token, PulseAnswer.question_id, PulseAnswer.score)).all()
    return [(token, question, score) for token, question, score in rows]
