"""The weekly digest end to end: posted once at its slot with its chart, caught up after downtime, never lost to a
Slack failure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from storage import deliveries
from storage.db import session_scope
from storage.models import DeliveryState
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPIONS
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData

SLOT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 09:00 Europe/London
WEEK_KEY = f"digest:{CHAMPIONS}:2026-W48"
CHART_KEY = f"digest-chart:{CHAMPIONS}:2026-W48"


def likert(score: int) -> dict[str, int]:
    return {"align-role-meaning": score, "empower-fix-without-approval": score - 1, "outcome-recommend": score * 2}


@pytest.fixture
def history(runtime: Runtime) -> ProgrammeData:
    """A week with a pulse of six people, a shout-out and a key message, and a pulse the week before."""
    data = ProgrammeData(runtime.engine)
    data.pulse_round(closes_at=SLOT - timedelta(days=11), answers=[likert(3)] * 6, invited=8)
    data.pulse_round(closes_at=SLOT - timedelta(days=4), answers=[likert(4)] * 6, invited=10)
    data.shoutout(
        giver=ALICE, recipients=[BOB], at=SLOT - timedelta(days=2), behaviour="own-it", message="Saved the day"
    )
    return data


def state(runtime: Runtime, key: str) -> str | None:
    with session_scope(runtime.engine) as session:
        row = deliveries.get_by_key(session, key)
        return row.state if row else None


def digests_in(slack: SlackEmulator) -> list[Any]:
    return [m for m in slack.messages(CHAMPIONS) if m.blocks and "Weekly digest" in str(m.blocks[0])]


def assert_one_digest_with_its_chart(slack: SlackEmulator) -> None:
    assert len(digests_in(slack)) == 1
    assert len(slack.uploaded_files) == 1


def test_digest_waits_for_its_slot_then_posts_once_with_its_chart(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, history: ProgrammeData
) -> None:
    bot.tick()
    assert digests_in(slack) == []

    clock.set(SLOT + timedelta(minutes=1))
    bot.tick()
    bot.tick()

    [digest] = digests_in(slack)
    assert "*Alignment*: 75 / 100, ↑ up from 50" in str(digest.blocks)
    [chart] = slack.uploaded_files
    assert chart.channel_id == CHAMPIONS
    assert chart.content.startswith(b"\x89PNG")
    assert chart.title.startswith("Pulse trend")
    assert state(bot.runtime, CHART_KEY) == DeliveryState.SENT


def test_a_slot_missed_while_down_is_sent_on_start_by_a_second_process_and_only_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot: Callable[..., BotUnderTest], history: Any
) -> None:
    clock.set(SLOT - timedelta(hours=1))
    bot.tick()  # Cadence was running before the slot, then stopped
    clock.set(SLOT + timedelta(days=2))
    restarted = make_bot()

    restarted.tick()
    bot.tick()
    restarted.tick()

    assert_one_digest_with_its_chart(slack)


def test_a_week_whose_slot_passed_entirely_while_down_is_reported_not_sent_late(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, history: Any
) -> None:
    clock.set(SLOT - timedelta(days=7, hours=1))
    bot.tick()  # running an hour before last week's slot, then down for eight days
    clock.set(SLOT + timedelta(days=1))

    bot.tick()

    texts = [m.text for m in slack.messages(CHAMPIONS)]
    assert any("week 2026-W47" in t and "was not sent" in t for t in texts)
    assert len(digests_in(slack)) == 1  # this week's, late within its week


@pytest.mark.parametrize(
    "fault",
    [
        Fault.rate_limited("chat.postMessage", retry_after=30),
        Fault.server_error("chat.postMessage", status=503),
        Fault.error("chat.postMessage", "internal_error"),
    ],
    ids=["429", "5xx", "internal_error"],
)
def test_a_transient_slack_failure_on_the_message_is_retried_by_later_ticks(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, history: Any, fault: Fault
) -> None:
    clock.set(SLOT)
    slack.faults.add(fault)
    bot.tick()
    clock.advance(timedelta(minutes=5))
    bot.tick()
    bot.tick()

    assert_one_digest_with_its_chart(slack)


def test_not_in_channel_fails_the_week_for_good_and_tells_the_owner(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, history: Any
) -> None:
    clock.set(SLOT)
    slack.faults.add(Fault.error("chat.postMessage", "not_in_channel", when=lambda a: a.get("channel") == CHAMPIONS))
    bot.tick()
    bot.tick()

    assert state(bot.runtime, WEEK_KEY) == DeliveryState.FAILED
    assert state(bot.runtime, CHART_KEY) == DeliveryState.FAILED
    assert slack.uploaded_files == []
    assert any("could not be posted" in m.text and "not_in_channel" in m.text for m in slack.dms_to(ADMIN))


@pytest.mark.parametrize("method", ["files.getUploadURLExternal", "files.completeUploadExternal"])
def test_a_failed_chart_upload_is_retried_without_posting_the_digest_again(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, history: Any, method: str
) -> None:
    clock.set(SLOT)
    slack.faults.add(Fault.server_error(method, status=500))
    bot.tick()
    assert state(bot.runtime, CHART_KEY) == DeliveryState.PENDING

    clock.advance(timedelta(minutes=2))
    bot.tick()

    assert_one_digest_with_its_chart(slack)
