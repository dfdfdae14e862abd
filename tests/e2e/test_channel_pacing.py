"""A burst of posts to one channel while a DM fan-out runs, under Slack's tiers (the emulator's: about one post a
second in a channel, bursts of ten, and a workspace-wide limit).

Forty shout-outs are celebrated in #kudos while two hundred DMs go out. The channel's posts wait for that channel's
turns (put back, not waited for, when a turn is more than a second off), so the DMs are not held behind them nor
paused by the channel's `429`s, and the workspace's learned pace is left alone; everything arrives exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.platform.outbox import keys
from bot.platform.outbox.keys import DeliveryKey, DeliveryKind
from bot.platform.outbox.queue import enqueue_alone
from bot.platform.outbox.report import DrainReport
from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace, ratelimit
from storage import deliveries
from storage.db import session_scope
from storage.models import DeliveryState
from tests.e2e.conftest import RECOGNITION
from tests.e2e.fault_support import emulator_on_the_test_clock

PEOPLE = [f"U8D{n:04d}" for n in range(200)]
SHOUTOUTS = range(1, 41)
POST = "chat.postMessage"


@pytest.fixture
def slack(workspace: Workspace, clock: ManualTime) -> Iterator[SlackEmulator]:
    with emulator_on_the_test_clock(workspace, clock, PEOPLE) as emulator:
        yield emulator


def celebrations_and_fan_out(runtime: Runtime, clock: ManualTime) -> DrainReport:
    """The celebrations queued first, so they lead the claim, then the DMs; one drain sends them all."""
    for n in SHOUTOUTS:
        text = f"Kudos #{n}"
        enqueue_alone(
            runtime.engine, keys.shoutout_post(n), channel=RECOGNITION, payload={"text": text}, now=clock.now()
        )
    for user_id in PEOPLE:
        key = DeliveryKey(f"t:{user_id}", DeliveryKind.NOTICE)
        enqueue_alone(runtime.engine, key, channel=user_id, payload={"text": "our promise"}, now=clock.now())
    return runtime.delivery_worker().drain()


def key_of(message: object) -> str:
    return str((getattr(message, "metadata", None) or {}).get("event_payload", {}).get("key"))


def assert_everything_arrived_once(slack: SlackEmulator) -> None:
    assert sorted(key_of(m) for m in slack.messages(RECOGNITION)) == sorted(
        keys.shoutout_post(n).key for n in SHOUTOUTS
    )
    assert all([key_of(m) for m in slack.dms_to(u)] == [f"t:{u}"] for u in PEOPLE)


def assert_dms_not_held_back(slack: SlackEmulator, runtime: Runtime) -> None:
    """No DM was refused, and no `429` taught the workspace's pacer: it never paused the DMs nor cut their pace
    (a pacer taught a `429` pauses for its Retry-After and is given a rate)."""
    refused_dms = [
        c for c in slack.calls_to(POST, include_failed=True) if c.status == 429 and c.args["channel"] in PEOPLE
    ]
    assert refused_dms == []
    assert runtime.pacers.of(POST).rate is None
    assert runtime.pacers.paused_until() is None


def assert_no_attempt_counted_for_waiting(runtime: Runtime) -> None:
    with session_scope(runtime.engine) as session:
        rows = deliveries.get_by_keys(session, [keys.shoutout_post(n).key for n in SHOUTOUTS])
    assert {(r.state, r.attempts) for r in rows} == {(DeliveryState.SENT, 1)}


def test_kudos_celebrated_during_a_dm_fan_out_hold_no_dm_back_and_all_arrive_once(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    report = celebrations_and_fan_out(runtime, clock)

    assert report.sent == len(SHOUTOUTS) + len(PEOPLE)  # in one drain, the channel's retried posts included
    assert_everything_arrived_once(slack)
    assert_dms_not_held_back(slack, runtime)
    posted = sorted(float(m.ts) for m in slack.messages(RECOGNITION))
    assert posted[-1] - posted[0] >= len(SHOUTOUTS) - ratelimit.POST_CHANNEL_BURST  # about one a second
    assert_no_attempt_counted_for_waiting(runtime)


def test_a_channel_slower_than_slacks_published_pace_is_learned_from_its_429s_without_slowing_the_dms(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ratelimit, "POST_PER_CHANNEL_PER_MINUTE", 20)
    monkeypatch.setattr(ratelimit, "POST_CHANNEL_BURST", 1)
    report = celebrations_and_fan_out(runtime, clock)

    refused = [c for c in slack.calls_to(POST, include_failed=True) if c.status == 429]
    assert refused and {c.args["channel"] for c in refused} == {RECOGNITION}
    assert report.rate_limited == len(refused)
    assert report.put_back > 0  # while #kudos waited out its Retry-After, its posts were put back, not waited for
    assert report.sent == len(SHOUTOUTS) + len(PEOPLE)
    assert_everything_arrived_once(slack)
    assert_dms_not_held_back(slack, runtime)
    kudos = runtime.pacers.in_channel(RECOGNITION).rate
    assert kudos is not None and kudos < 20 / 60 * 1.2  # learned near the channel's limit
    assert_no_attempt_counted_for_waiting(runtime)
