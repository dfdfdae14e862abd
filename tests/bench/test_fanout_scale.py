"""Fan-out to 100,000 recipients (`make bench`): planning streams in flat memory, and sending keeps to the rate
Slack allows, exactly once.

The directory is kept as a running Cadence keeps it (written here straight into the database: what keeping it costs
in Slack calls is `test_directory.py`'s measure), so an audience resolves with no Slack call. Planning reads the
audience from the kept directory a page at a time and writes the outbox in batches. The planning benchmark plans
one key message to a 10,000-person channel and one to a 100,000-person channel under tracemalloc, in a database of
their own: the peak must not grow with the audience; then it plans the 100,000 again untraced, for the time per
10,000, and checks the outbox holds one delivery for each of the 100,000, none twice.

Sending 100,000 DMs at a rate this 2-CPU machine can hold with the bot, the emulator and the database on it (about
130 a second with the machine loaded by other work; the limit must be below that, or the machine and not the limit
holds the sender back and the rate figure means nothing) takes a quarter of an hour, too long for `make bench`. So
the sending benchmark sends `SENT` DMs, from the same 100,000-person directory, at `PER_MINUTE`, half as fast again
as the 10,000-DM fan-out's limit (`test_fanout.py`): the emulator's limit, a setting of this benchmark, which the
worker is never told and learns from the `429`s. The figures: peak memory at 10,000 and at 100,000, planning time
per 10,000, messages per second as a fraction of the allowed rate (≥ 0.9), duplicates (0) and lost recipients (0).
Real time throughout.
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
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.keymessages.planner import plan_schedule
from bot.platform.outbox.keys import DeliveryKind, Selection
from bot.platform.outbox.queue import count_by_state
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import SystemTime
from emulator import SlackEmulator
from storage import directory
from storage.db import session_scope
from storage.models import Delivery, DirectoryPerson
from tests.bench.fanout_support import paced_worker, schedule_one, tally
from tests.conftest import fresh_engine
from tests.e2e.conftest import build_workspace, settings_env

RECIPIENTS = int(os.environ.get("CADENCE_BENCH_SCALE_RECIPIENTS", "100000"))
SMALL = RECIPIENTS // 10
SENT = int(os.environ.get("CADENCE_BENCH_SCALE_SENT", "15000"))
PER_MINUTE = int(os.environ.get("CADENCE_BENCH_SCALE_PER_MINUTE", "7200"))
"""120 a second: the `SENT` DMs take about two minutes at the limit."""
BURST = PER_MINUTE // 60
LATENCY = 0.1
CONCURRENCY = 48
BATCH = 1_000
LEASE_SECONDS = 30.0
CROWD, TEAM, SENDING = "C0CROWD", "C0TEAM", "C0SENDING"
PEOPLE = [f"U4P{n:06d}" for n in range(RECIPIENTS)]
CHANNELS = {CROWD: PEOPLE, TEAM: PEOPLE[:SMALL], SENDING: PEOPLE[:SENT]}
KEY_MESSAGES = Selection((DeliveryKind.KEY_MESSAGE,))


@dataclass
class Scale:
    slack: SlackEmulator
    tmp_path: Path

    def runtime(self, name: str, url: str | None = None) -> Runtime:
        """Cadence on a fresh database (`url`, or a SQLite file called `name`) holding the kept directory."""
        engine = fresh_engine(url or f"sqlite:///{self.tmp_path / name}")
        keep_directory(engine)
        return runtime_for(self.slack, engine)


@pytest.fixture(scope="module")
def scale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scale]:
    workspace = build_workspace()
    for user_id in PEOPLE:
        workspace.add_user(user_id, name=user_id.lower(), tz="Europe/London")
    for channel, members in CHANNELS.items():
        workspace.add_channel(channel, name=channel.lower(), members=members)
    with SlackEmulator(workspace) as slack:
        yield Scale(slack, tmp_path_factory.mktemp("scale"))


def runtime_for(slack: SlackEmulator, engine: Engine) -> Runtime:
    url = engine.url.render_as_string(hide_password=False)
    settings = load_settings(settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=url))
    return build_runtime(settings, clock=SystemTime(), engine=engine)


def keep_directory(engine: Engine) -> None:
    """The people and the channels, as the directory's sync and events keep them."""
    now = datetime.now(UTC)
    rows = [DirectoryPerson(user_id=u, name=u.lower(), tz="Europe/London", updated_at=now) for u in PEOPLE]
    with session_scope(engine) as session:
        directory.save_people(session, rows)
        for channel, members in CHANNELS.items():
            directory.replace_channel_members(session, channel_id=channel, members=members, now=now)


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


def planned_recipients(runtime: Runtime) -> tuple[int, int]:
    """(deliveries, distinct recipients) the outbox holds."""
    counted = select(func.count(col(Delivery.id)), func.count(func.distinct(col(Delivery.channel))))
    with session_scope(runtime.engine) as session:
        deliveries, recipients = session.exec(counted).one()
    return int(deliveries), int(recipients)


def test_planning_a_hundred_thousand_dms_streams_in_flat_memory(scale: Scale) -> None:
    traced = scale.runtime("traced.db")
    small_peak = traced_peak(traced, TEAM)
    large_peak = traced_peak(traced, CROWD)
    traced.engine.dispose()
    timed = scale.runtime("timed.db")
    planning = plan(timed, CROWD)
    deliveries, recipients = planned_recipients(timed)
    timed.engine.dispose()

    print(
        f"\n== planning one key message to {RECIPIENTS} DMs ==\n"
        f"peak memory while planning (tracemalloc): {small_peak / 2**20:.1f} MB for {SMALL} recipients, "
        f"{large_peak / 2**20:.1f} MB for {RECIPIENTS}: {large_peak / small_peak:.2f}x for ten times the people\n"
        f"planning {RECIPIENTS}: {planning:.1f} s, {planning / (RECIPIENTS / 10_000):.2f} s per 10,000 "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n"
        f"outbox: {deliveries} deliveries to {recipients} distinct recipients"
    )
    assert large_peak < 1.5 * small_peak  # flat: ten times the people, not ten times the memory
    assert deliveries == recipients == RECIPIENTS


def test_sending_from_a_hundred_thousand_person_directory_keeps_to_the_learned_rate_once(scale: Scale) -> None:
    runtime = scale.runtime("sending.db", os.environ.get("CADENCE_BENCH_DATABASE_URL"))
    planning = plan(runtime, SENDING)
    scale.slack.set_latency(LATENCY)
    scale.slack.set_rate_limit("chat.postMessage", per_minute=PER_MINUTE, burst=BURST)
    lease = timedelta(seconds=LEASE_SECONDS)
    sender = paced_worker(
        runtime.engine, runtime.client, SystemTime(), concurrency=CONCURRENCY, batch=BATCH, lease=lease
    )
    started = time.perf_counter()
    sender.drain()
    seconds = time.perf_counter() - started

    duplicates, lost = tally(scale.slack, PEOPLE[:SENT])
    allowed = PER_MINUTE / 60
    fraction = SENT / seconds / allowed
    with session_scope(runtime.engine) as session:
        states = count_by_state(session, KEY_MESSAGES)
    runtime.engine.dispose()
    print(
        f"\n== sending {SENT} DMs from a {RECIPIENTS}-person directory ==\n"
        f"planning: {planning:.1f} s; sending: {seconds:.1f} s at latency {LATENCY * 1000:.0f} ms, concurrency "
        f"{CONCURRENCY}, chat.postMessage limit {PER_MINUTE}/min (burst {BURST}) not told: {SENT / seconds:.1f} msg/s "
        f"= {fraction:.2f} of the allowed {allowed:.0f}/s (429s answered: {scale.slack.rate_limit_hits}; rate learned "
        f"{sender.pacers.of('chat.postMessage').rate or 0:.1f}/s; load average {os.getloadavg()[0]:.1f})\n"
        f"duplicates: {duplicates}, lost: {lost}, outbox: {states}"
    )
    assert (duplicates, lost) == (0, 0)
    assert states == {"sent": SENT}
    assert fraction >= 0.9
