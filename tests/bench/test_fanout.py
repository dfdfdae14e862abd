"""Fan-out of one key message to 10,000 DMs against the emulator (`make bench`).

The emulator answers every call after 100 ms and limits `chat.postMessage` with a token bucket that answers `429`
with `Retry-After`. The worker is not told that limit: its pacer learns it from the `429`s and the answers. The
figures: messages per second as a fraction of the allowed rate (target ≥ 0.9), duplicates (0) and lost recipients
(0); then the same when the sending process is killed with SIGKILL halfway and a fresh
worker finishes the job (the dead worker's in-flight deliveries are settled against conversation history, at the
pace Slack's tiers allow those lookups).
Real time throughout: a benchmark measures the clock on the wall.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.keymessages.planner import plan_schedule
from bot.platform.outbox.keys import DeliveryKind, Selection
from bot.platform.outbox.queue import count_by_state
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import SystemTime
from emulator import SlackEmulator
from storage.db import session_scope
from storage.models import DeliveryState
from tests.bench.directory_support import walk_users_list
from tests.bench.fanout_support import paced_worker, schedule_one, tally
from tests.conftest import fresh_engine
from tests.e2e.conftest import build_workspace, settings_env

RECIPIENTS = int(os.environ.get("CADENCE_BENCH_RECIPIENTS", "10000"))
PER_MINUTE = 4_800  # 80 a second: 10,000 messages take about 125 s at the limit
BURST = 80  # one second's worth, what the bucket refills during a one-second Retry-After
LATENCY = 0.1
CONCURRENCY = 32
BATCH = 500  # 6 s of sending at the limit: the pause between batches costs little
KILLED_BATCH = 100
"""What the killed sender claims at a time (a sender's default): every delivery of its last claim is settled after
the kill, each by `conversations.open` and `conversations.history`, Tier 3 (fifty a minute) in the emulator as in
Slack, so a smaller claim leaves less to look up."""
LEASE_SECONDS = 15.0  # longer than one batch takes to send
CROWD = "C0CROWD"
PEOPLE = [f"U2P{n:05d}" for n in range(RECIPIENTS)]
KEY_MESSAGES = Selection((DeliveryKind.KEY_MESSAGE,))


@dataclass
class Fanout:
    runtime: Runtime
    slack: SlackEmulator
    database_url: str

    @property
    def engine(self) -> Engine:
        return self.runtime.engine


@pytest.fixture
def fanout(tmp_path: Path) -> Iterator[Fanout]:
    workspace = build_workspace()
    for user_id in PEOPLE:
        workspace.add_user(user_id, name=user_id.lower(), tz="Europe/London")
    workspace.add_channel(CROWD, name="crowd", members=PEOPLE)
    database_url = os.environ.get("CADENCE_BENCH_DATABASE_URL") or f"sqlite:///{tmp_path / 'fanout.db'}"
    with SlackEmulator(workspace) as slack:
        engine = fresh_engine(database_url)
        settings = load_settings(settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=database_url))
        runtime = build_runtime(settings, clock=SystemTime(), engine=engine)
        walk_users_list(runtime, datetime.now(UTC))  # the kept directory a running Cadence has by now
        yield Fanout(runtime, slack, database_url)
        engine.dispose()


def plan_one_message(fanout: Fanout) -> float:
    """Schedule one key message to every member of the crowd, due now, and let the real planner fan it out."""
    schedule = schedule_one(fanout.engine, [CROWD], datetime.now(UTC))
    started = time.perf_counter()
    plan_schedule(fanout.runtime, schedule)
    return time.perf_counter() - started


class AfterTheLeases(SystemTime):
    """The real clock, read as a sender restarted once the dead one's leases have run out would read it, so the
    benchmark need not wait those seconds out."""

    def now(self) -> datetime:
        return super().now() + timedelta(seconds=LEASE_SECONDS)


def worker(fanout: Fanout, clock: SystemTime | None = None) -> DeliveryWorker:
    lease = timedelta(seconds=LEASE_SECONDS)
    return paced_worker(
        fanout.engine, fanout.runtime.client, clock or SystemTime(), concurrency=CONCURRENCY, batch=BATCH, lease=lease
    )


def report(
    title: str, planning: float, seconds: float, fanout: Fanout, sender: DeliveryWorker
) -> tuple[float, int, int]:
    duplicates, lost = tally(fanout.slack, PEOPLE)
    rate = RECIPIENTS / seconds
    allowed = PER_MINUTE / 60
    with session_scope(fanout.engine) as session:
        states = count_by_state(session, KEY_MESSAGES)
    learned = sender.pacers.of("chat.postMessage").rate
    print(
        f"\n== {title} ==\n"
        f"recipients {RECIPIENTS}, emulator latency {LATENCY * 1000:.0f} ms, chat.postMessage limit {PER_MINUTE}/min "
        f"(burst {BURST}), worker concurrency {CONCURRENCY}, not told the limit\n"
        f"planning (audience + {RECIPIENTS} outbox rows): {planning:.1f} s\n"
        f"sending: {seconds:.1f} s, {rate:.1f} msg/s = {rate / allowed:.2f} of the allowed {allowed:.0f}/s "
        f"(429s answered: {fanout.slack.rate_limit_hits}; rate learned: {learned or 0:.1f}/s)\n"
        f"duplicates: {duplicates}, lost: {lost}, outbox: {states}"
    )
    return rate / allowed, duplicates, lost


def throttle(slack: SlackEmulator) -> None:
    slack.set_latency(LATENCY)
    slack.set_rate_limit("chat.postMessage", per_minute=PER_MINUTE, burst=BURST)


def test_fanout_to_ten_thousand_dms_runs_at_the_rate_limit_exactly_once(fanout: Fanout) -> None:
    planning = plan_one_message(fanout)
    throttle(fanout.slack)

    sender = worker(fanout)
    started = time.perf_counter()
    sender.drain()
    seconds = time.perf_counter() - started

    fraction, duplicates, lost = report("fan-out, one worker", planning, seconds, fanout, sender)
    assert (duplicates, lost) == (0, 0)
    assert fraction >= 0.9


def test_fanout_killed_halfway_and_restarted_sends_everyone_once(fanout: Fanout) -> None:
    planning = plan_one_message(fanout)
    throttle(fanout.slack)
    args = [fanout.database_url, fanout.slack.api_url, str(CONCURRENCY), str(KILLED_BATCH), str(LEASE_SECONDS)]

    started = time.perf_counter()
    doomed = subprocess.Popen([sys.executable, "-m", "tests.bench.fanout_worker", *args], cwd=Path.cwd())
    while sent(fanout) < RECIPIENTS // 2 and doomed.poll() is None:
        time.sleep(0.2)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    in_flight = count(fanout, DeliveryState.SENDING)
    print(f"\nkilled the sender with SIGKILL after {sent(fanout)} sent; {in_flight} deliveries left mid-send")
    restarted = worker(fanout, AfterTheLeases())
    recovered = 0
    for _ in range(20):  # as successive ticks of the clock process would
        if count(fanout, DeliveryState.SENDING) == 0 and count(fanout, DeliveryState.PENDING) == 0:
            break
        recovered += restarted.drain().recovered
    seconds = time.perf_counter() - started

    print(f"recovered {recovered} deliveries left mid-send (sent again only if Slack did not have them)")
    _, duplicates, lost = report("fan-out, killed halfway and restarted", planning, seconds, fanout, restarted)
    assert (duplicates, lost) == (0, 0)
    assert count(fanout, DeliveryState.SENT) == RECIPIENTS


def sent(fanout: Fanout) -> int:
    return count(fanout, DeliveryState.SENT)


def count(fanout: Fanout, state: str) -> int:
    with session_scope(fanout.engine) as session:
        return count_by_state(session, KEY_MESSAGES).get(state, 0)
