"""Settling deliveries left mid-send, under Slack's tiers: the lookups are paced, and a `429` is waited out.

A sender killed with a batch claimed leaves every delivery of it unsettled, and each is looked for in its DM
(`conversations.open`, then `conversations.history`, both Tier 3: fifty a minute in the emulator, as in Slack).
Sixty of them meet the limit; the rate-limited lookups are asked again after `Retry-After`, and every person still
gets exactly one message.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.platform.outbox.keys import DeliveryKey, DeliveryKind, Selection
from bot.platform.outbox.queue import count_by_state, enqueue_alone
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from storage.db import session_scope
from tests.e2e.fault_support import emulator_on_the_test_clock

PEOPLE = [f"U7S{n:04d}" for n in range(60)]
LOOKUPS = ("conversations.open", "conversations.history")


@pytest.fixture
def slack(workspace: Workspace, clock: ManualTime) -> Iterator[SlackEmulator]:
    with emulator_on_the_test_clock(workspace, clock, PEOPLE) as emulator:
        yield emulator


def keys_posted(slack: SlackEmulator, user_id: str) -> list[str]:
    return [str((m.metadata or {}).get("event_payload", {}).get("key")) for m in slack.dms_to(user_id)]


def test_settling_under_tier_limits_waits_out_429s_and_sends_everyone_once(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    for user_id in PEOPLE:
        key = DeliveryKey(f"t:{user_id}", DeliveryKind.NOTICE)
        enqueue_alone(runtime.engine, key, channel=user_id, payload={"text": "hello"}, now=clock.now())
    crashed = DeliveryWorker(runtime.engine, runtime.client, clock, pacers=runtime.pacers, worker_id="crashed")
    assert len(crashed._claim()) == len(PEOPLE)
    for user_id in PEOPLE[::2]:  # the killed sender had posted every other message but recorded none
        runtime.client.chat_postMessage(
            channel=user_id,
            text="hello",
            metadata={"event_type": "cadence_delivery", "event_payload": {"key": f"t:{user_id}"}},
        )
    clock.advance(timedelta(minutes=3))  # its lease has run out

    report = runtime.delivery_worker().drain()

    refused = [c for m in LOOKUPS for c in slack.calls_to(m, include_failed=True) if c.status == 429]
    assert refused, "sixty lookups of each kind should meet the fifty-a-minute tier"
    assert report.rate_limited == len(refused)  # each 429 recorded, none taken for "not there"
    assert (report.recovered, report.sent) == (len(PEOPLE), len(PEOPLE) // 2)
    assert all(keys_posted(slack, u) == [f"t:{u}"] for u in PEOPLE)
    with session_scope(runtime.engine) as session:
        assert count_by_state(session, Selection((DeliveryKind.NOTICE,))) == {"sent": len(PEOPLE)}
