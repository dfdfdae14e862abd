"""Catching up after downtime under working hours: a recipient misses an occurrence only when their own delivery
time (the occurrence moved to their next working morning) is more than the catch-up grace (120 minutes) in the
past, and an occurrence is recorded missed only when everyone did. Time moves an hour at a time with a tick."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from storage.models import KeyOccurrence
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER, build_workspace
from tests.e2e.keymessage_support import schedule
from tests.e2e.test_working_hours import key_dms
from tests.e2e.working_hours_support import WORKING_WEEK, hour_by_hour
from tests.support.bot import BotUnderTest

LONDON = "C0LONDON"
DAWN = {"date": "2026-11-24", "time": "05:00", "zone": "Europe/London"}  # a Tuesday; London is on UTC


@pytest.fixture
def workspace() -> Workspace:
    ws = build_workspace()
    ws.add_channel(LONDON, name="london", members=[ALICE, ADMIN])
    return ws


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return WORKING_WEEK


def down_until(bot: BotUnderTest, clock: ManualTime, at: datetime) -> None:
    """The clock process was down from before the occurrence until `at`, when it ticks once."""
    clock.set(at)
    bot.tick()


def on_the_hour(bot: BotUnderTest, clock: ManualTime, hours: int) -> None:
    """From the next full hour on, a tick each hour for `hours` hours."""
    clock.set(clock.now().replace(minute=0) + timedelta(hours=1))
    bot.tick()
    hour_by_hour(bot, clock, hours - 1)


def arrivals(slack: SlackEmulator, *users: str) -> dict[str, list[str]]:
    """When each user's key messages reached them, in UTC."""
    return {
        user: [datetime.fromtimestamp(float(m.ts), UTC).strftime("%H:%M") for m in key_dms(slack, user)]
        for user in users
    }


def occurrence(bot: BotUnderTest) -> KeyOccurrence:
    with bot.runtime.session() as session:
        [found] = session.exec(select(KeyOccurrence))
        return found


def notices(slack: SlackEmulator) -> list[Any]:
    return [m for m in slack.dms_to(LEADER) if "could not go out on time" in m.text]


def test_a_message_moved_to_a_working_morning_still_ahead_is_delivered_then_with_nothing_missed(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot: Callable[..., BotUnderTest]
) -> None:
    schedule(bot, slack, channels=[LONDON], **DAWN)
    second_clock = make_bot(**WORKING_WEEK)

    down_until(bot, clock, datetime(2026, 11, 24, 7, 30, tzinfo=UTC))  # 150 minutes after 05:00
    second_clock.tick()
    assert arrivals(slack, ALICE, ADMIN) == {ALICE: [], ADMIN: []}  # their delivery, 08:00, is still to come
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    for _ in range(24):
        bot.tick()
        second_clock.tick()
        clock.advance(timedelta(hours=1))

    assert arrivals(slack, ALICE, ADMIN) == {ALICE: ["08:00"], ADMIN: ["08:00"]}
    assert (occurrence(bot).state, occurrence(bot).recipients, occurrence(bot).missed) == ("planned", 2, 0)
    assert notices(slack) == []


def test_a_clock_down_past_the_moved_time_and_the_grace_records_it_missed_and_tells_the_owner_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot: Callable[..., BotUnderTest]
) -> None:
    schedule(bot, slack, channels=[LONDON], **DAWN)

    down_until(bot, clock, datetime(2026, 11, 24, 10, 30, tzinfo=UTC))  # 08:00 plus the grace is 10:00
    restarted = make_bot(**WORKING_WEEK)
    restarted.tick()
    hour_by_hour(bot, clock, 24)

    assert arrivals(slack, ALICE, ADMIN) == {ALICE: [], ADMIN: []}
    assert (occurrence(bot).state, occurrence(bot).recipients, occurrence(bot).missed) == ("missed", 0, 2)
    [notice] = notices(slack)
    assert "1 occurrence(s) could not go out on time" in notice.text
    assert "Tue 24 Nov 2026, 05:00 Europe/London — not sent" in str(notice.blocks)


def test_across_zones_the_late_are_counted_missed_and_the_others_get_it_in_their_working_hours(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, **DAWN)  # team-a: London, New York (2), Singapore, Madrid, Sydney

    down_until(bot, clock, datetime(2026, 11, 24, 7, 30, tzinfo=UTC))
    on_the_hour(bot, clock, 24)

    assert arrivals(slack, ALICE, BOB, CHAMPION, DAN, CAROL, ERIN) == {
        ALICE: ["08:00"],  # London's working morning
        BOB: ["13:00"],  # 08:00 in New York
        CHAMPION: ["13:00"],
        DAN: ["07:30"],  # 08:00 in Madrid, 30 minutes late: within the grace, sent at once
        CAROL: [],  # 13:00 in Singapore: due at 05:00, 150 minutes before the clock came back
        ERIN: [],  # 16:00 in Sydney, likewise
    }
    assert (occurrence(bot).state, occurrence(bot).recipients, occurrence(bot).missed) == ("planned", 4, 2)
    [notice] = notices(slack)
    assert "2 recipient(s) whose delivery time had passed were skipped; the others got it" in str(notice.blocks)
