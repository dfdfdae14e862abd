"""A second fan-out to the same audience an hour later makes no `users.list` call (`make bench`).

The emulator answers every call after 100 ms and pays Slack's tiers (`users.list` Tier 2, `users.info` and
`conversations.members` Tier 4). The directory is walked once, as a running Cadence's sync has done; then one key
message goes to every member of a 10,000-person channel, and another an hour later. The figures: the directory
calls each fan-out's planning made (`users.list`, `users.info`, `conversations.members`) and its planning time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.keymessages.planner import plan_schedule
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.bench.directory_support import walk_users_list
from tests.bench.fanout_support import schedule_one
from tests.conftest import fresh_engine
from tests.e2e.conftest import build_workspace, settings_env

PEOPLE_COUNT = int(os.environ.get("CADENCE_BENCH_RECIPIENTS", "10000"))
LATENCY = 0.1
CROWD = "C0CROWD"
PEOPLE = [f"U3P{n:05d}" for n in range(PEOPLE_COUNT)]
DIRECTORY_METHODS = ("users.list", "users.info", "conversations.members")
NINE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def crowd(tmp_path: Path) -> Iterator[tuple[Runtime, SlackEmulator, ManualTime]]:
    workspace = build_workspace()
    for user_id in PEOPLE:
        workspace.add_user(user_id, name=user_id.lower(), tz="Europe/London")
    workspace.add_channel(CROWD, name="crowd", members=PEOPLE)
    database_url = os.environ.get("CADENCE_BENCH_DATABASE_URL") or f"sqlite:///{tmp_path / 'directory.db'}"
    clock = ManualTime(NINE)
    with SlackEmulator(workspace) as slack:
        slack.set_latency(LATENCY)
        engine = fresh_engine(database_url)
        settings = load_settings(settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=database_url))
        yield build_runtime(settings, clock=clock, engine=engine), slack, clock
        engine.dispose()


def fan_out(runtime: Runtime, slack: SlackEmulator, at: datetime) -> tuple[dict[str, int], float]:
    """One key message to every member of the crowd, due `at`; the directory calls its planning made, and its time."""
    schedule = schedule_one(runtime.engine, [CROWD], at)
    slack.reset_calls()
    started = time.perf_counter()
    plan_schedule(runtime, schedule)
    seconds = time.perf_counter() - started
    return {m: len(slack.calls_to(m, include_failed=True)) for m in DIRECTORY_METHODS}, seconds


def test_a_second_fan_out_an_hour_later_makes_no_users_list_call(
    crowd: tuple[Runtime, SlackEmulator, ManualTime],
) -> None:
    runtime, slack, clock = crowd
    started = time.perf_counter()
    pages = walk_users_list(runtime, NINE - timedelta(hours=1))
    walked = time.perf_counter() - started

    first, first_seconds = fan_out(runtime, slack, NINE)
    clock.advance(timedelta(hours=1))
    second, second_seconds = fan_out(runtime, slack, NINE + timedelta(hours=1))

    print(
        f"\n== directory: {PEOPLE_COUNT} people in one channel, emulator latency {LATENCY * 1000:.0f} ms, "
        f"Slack's tiers ==\n"
        f"sync walked users.list in {pages} pages, {walked:.1f} s\n"
        f"first fan-out: planning {first_seconds:.1f} s, directory calls {first}\n"
        f"second fan-out an hour later: planning {second_seconds:.1f} s, directory calls {second}\n"
        f"users.list calls on the second fan-out an hour later: {second['users.list']}"
    )
    assert first["users.list"] == 0 and first["users.info"] == 0
    assert second == {method: 0 for method in DIRECTORY_METHODS}
