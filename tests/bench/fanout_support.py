"""What the fan-out benchmarks share: a key message due now to an audience, a sender not told Slack's limit, and
the tally of what the emulator received."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import time as day_time

from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from bot.platform.outbox.pacer import Pacers
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.timesource import TimeSource
from emulator import SlackEmulator
from storage import keymessages as store
from storage.db import session_scope
from storage.models import KeySchedule
from tests.e2e.conftest import LEADER


def schedule_one(engine: Engine, audience: list[str], at: datetime) -> KeySchedule:
    """One key message by DM to every member of `audience`, due `at`; the schedule as stored."""
    with session_scope(engine) as session:
        schedule = store.add_schedule(
            session,
            owner=LEADER,
            text=f"Our promise, every time ({at:%H:%M}).",
            audience=audience,
            mode="dm",
            kind="once",
            start_date=at.date(),
            at_time=day_time(at.hour, at.minute),
            zone="UTC",
            plan_from=at - timedelta(minutes=5),
            created_at=at,
            updated_at=at,
        )
    with session_scope(engine) as session:
        stored = store.get_schedule(session, schedule.id or 0)
        assert stored is not None
        return stored


def paced_worker(
    engine: Engine, client: WebClient, clock: TimeSource, *, concurrency: int, batch: int, lease: timedelta
) -> DeliveryWorker:
    """A sender with a pacer of its own, which learns Slack's limit from the `429`s and the answers."""
    return DeliveryWorker(
        engine,
        client,
        clock,
        pacers=Pacers(clock, max_in_flight=concurrency),
        concurrency=concurrency,
        batch_size=batch,
        lease=lease,
    )


def tally(slack: SlackEmulator, people: list[str], prefix: str = "keymsg:") -> tuple[int, int]:
    """(duplicates, lost) from what the emulator holds: every recipient's DMs carrying a key-message key (one
    starting with `prefix`)."""
    duplicates = lost = 0
    for user_id in people:
        count = sum(
            1
            for m in slack.dms_to(user_id)
            if str((m.metadata or {}).get("event_payload", {}).get("key", "")).startswith(prefix)
        )
        duplicates += max(count - 1, 0)
        lost += count == 0
    return duplicates, lost
