"""Fan-out of one key message to 100,000 DMs (`make bench`): planning streams, memory stays flat, sending keeps
to the rate Slack allows, exactly once.

The directory is kept as a running Cadence keeps it (written here straight into the database: what keeping it costs
in Slack calls is `test_directory.py`'s measure), so the audience resolves with no Slack call. Planning reads the
audience from the kept directory a page at a time and writes the outbox in batches: its peak memory (tracemalloc)
is measured for a 10,000-person channel and for a 100,000-person one, in a database of their own, and must not grow
with the audience; its time is reported per 10,000 recipients. Then the 100,000 DMs are sent against the emulator
(100 ms a call), whose `chat.postMessage` limit is a setting of this benchmark, `PER_MINUTE`: the worker is never
told it and learns it from the `429`s. 100,000 DMs at Slack's own workspace-wide pace would take hours, so the limit
is set to what this 2-CPU machine sustains with the bot, the emulator and the database on it (the limit, not the
machine, must be what holds the sender back for the rate figure to mean anything). The figures: peak memory at
10,000 and at 100,000, planning time per 10,000, messages per second as a fraction of the allowed rate (≥ 0.9),
duplicates (0) and lost recipients (0). Real time throughout.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.keymessages.planner import plan_schedule
from bot.platform.outbox.keys import DeliveryKind, Selection
from bot.platform.outbox.queue import count_by_state
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import SystemTime
from emulator import SlackEmulator
from storage import directory
from storage.db import session_scope
from storage.models import DirectoryPerson
from tests.bench.fanout_support import paced_worker, schedule_one, tally
from tests.conftest import fresh_engine
from tests.e2e.conftest import build_workspace, settings_env

RECIPIENTS = int(os.environ.get("CADENCE_BENCH_SCALE_RECIPIENTS", "100000"))
SMALL = RECIPIENTS // 10
PER_MINUTE = int(os.environ.get("CADENCE_BENCH_SCALE_PER_MINUTE", "18000"))
"""300 a second: 100,000 messages take about 5.5 minutes at the limit."""
BURST = PER_MINUTE // 60
LATENCY = 0.1
CONCURRENCY = 64
BATCH = 2_000
LEASE_SECONDS = 30.0
CROWD, TEAM = "C0CROWD", "C0TEAM"
PEOPLE = [f"U4P{n:06d}" for n in range(RECIPIENTS)]
KEY_MESSAGES = Selection((DeliveryKind.KEY_MESSAGE,))


@dataclass
class Scale:
    slack: SlackEmulator
    runtime: Runtime
    tmp_path: Path

    @property
    def engine(self) -> Engine:
        return self.runtime.engine


@pytest.fixture
def scale(tmp_path: Path) -> Iterator[Scale]:
    workspace = build_workspace()
    for user_id in PEOPLE:
        workspace.add_user(user_id, name=user_id.lower(), tz="Europe/London")
    workspace.add_channel(CROWD, name="crowd", members=PEOPLE)
    database_url = os.environ.get("CADENCE_BENCH_DATABASE_URL") or f"sqlite:///{tmp_path / 'scale.db'}"
    with SlackEmulator(workspace) as slack:
        engine = fresh_engine(database_url)
        scale = Scale(slack, runtime_for(slack, engine), tmp_path)
        keep_directory(engine)
        yield scale
        engine.dispose()


def runtime_for(slack: SlackEmulator, engine: Engine) -> Runtime:
    url = engine.url.render_as_string(hide_password=False)
    settings = load_settings(settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=url))
    return build_runtime(settings, clock=SystemTime(), engine=engine)


def keep_directory(engine: Engine) -> None:
    """The people and the two channels, as the directory's sync and events keep them."""
    now = datetime.now(UTC)
    rows = [DirectoryPerson(user_id=u, name=u.lower(), tz="Europe/London", updated_at=now) for u in PEOPLE]
    with session_scope(engine) as session:
        directory.save_people(session, rows)
        directory.replace_channel_members(session, channel_id=CROWD, members=PEOPLE, now=now)
        directory.replace_channel_members(session, channel_id=TEAM, members=PEOPLE[:SMALL], now=now)


def plan(runtime: Runtime, channel: str) -> float:
    """Plan one key message to `channel`, due now; the seconds planning took."""
    schedule = schedule_one(runtime.engine, [channel], datetime.now(UTC))
    started = time.perf_counter()
    plan_schedule(runtime, schedule)
    return time.perf_counter() - started


def traced_peak(runtime: Runtime, channel: str) -> int:
    """The peak of memory allocated while planning one key message to `channel` (bytes)."""
    tracemalloc.start()
    try:
        plan(runtime, channel)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_fanout_to_a_hundred_thousand_dms_plans_in_flat_memory_and_sends_at_the_rate_once(scale: Scale) -> None:
    traced = fresh_engine(f"sqlite:///{scale.tmp_path / 'traced.db'}")
    keep_directory(traced)
    small_peak = traced_peak(runtime_for(scale.slack, traced), TEAM)
    large_peak = traced_peak(runtime_for(scale.slack, traced), CROWD)
    traced.dispose()

    planning = plan(scale.runtime, CROWD)
    scale.slack.set_latency(LATENCY)
    scale.slack.set_rate_limit("chat.postMessage", per_minute=PER_MINUTE, burst=BURST)
    sender = paced_worker(
        scale.engine,
        scale.runtime.client,
        SystemTime(),
        concurrency=CONCURRENCY,
        batch=BATCH,
        lease=timedelta(seconds=LEASE_SECONDS),
    )
    started = time.perf_counter()
    sender.drain()
    seconds = time.perf_counter() - started

    duplicates, lost = tally(scale.slack, PEOPLE)
    allowed = PER_MINUTE / 60
    fraction = RECIPIENTS / seconds / allowed
    with session_scope(scale.engine) as session:
        states = count_by_state(session, KEY_MESSAGES)
    print(
        f"\n== fan-out, {RECIPIENTS} DMs ==\n"
        f"planning peak memory (tracemalloc): {small_peak / 2**20:.1f} MB for {SMALL}, "
        f"{large_peak / 2**20:.1f} MB for {RECIPIENTS} ({large_peak / small_peak:.2f}x for 10x the people)\n"
        f"planning {RECIPIENTS}: {planning:.1f} s, {planning / (RECIPIENTS / 10_000):.2f} s per 10,000\n"
        f"sending: {seconds:.1f} s at latency {LATENCY * 1000:.0f} ms, concurrency {CONCURRENCY}, limit "
        f"{PER_MINUTE}/min not told: {RECIPIENTS / seconds:.1f} msg/s = {fraction:.2f} of the allowed {allowed:.0f}/s "
        f"(429s answered: {scale.slack.rate_limit_hits}; rate learned "
        f"{sender.pacers.of('chat.postMessage').rate or 0:.1f}/s)\n"
        f"duplicates: {duplicates}, lost: {lost}, outbox: {states}"
    )
    assert large_peak < 1.5 * small_peak  # flat: ten times the people, not ten times the memory
    assert (duplicates, lost) == (0, 0)
    assert fraction >= 0.9
