"""Weekly slots: when one is due, and the ISO week that names it."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.digests.slots import Slot

LONDON = ZoneInfo("Europe/London")


def test_slot_is_due_from_its_time_until_the_end_of_its_week() -> None:
    slot = Slot(0, time(9, 0), LONDON)

    assert slot.due(datetime(2026, 11, 23, 8, 59, tzinfo=UTC)) is None
    assert slot.due(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert slot.due(datetime(2026, 11, 29, 23, 0, tzinfo=UTC)) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_slot_follows_the_local_clock_across_daylight_saving() -> None:
    slot = Slot(0, time(9, 0), LONDON)

    assert slot.in_week_of(datetime(2026, 7, 1, tzinfo=UTC)) == datetime(2026, 6, 29, 8, 0, tzinfo=UTC)


def test_week_is_named_in_the_slot_s_time_zone() -> None:
    slot = Slot(6, time(23, 30), ZoneInfo("Pacific/Auckland"))
    sunday_night_auckland = datetime(2026, 11, 29, 10, 30, tzinfo=UTC)

    assert slot.week_of(sunday_night_auckland) == "2026-W48"
    assert slot.week_of(datetime(2026, 11, 29, 11, 30, tzinfo=UTC)) == "2026-W49"


def test_earlier_slots_start_when_the_channel_was_first_seen() -> None:
    slot = Slot(0, time(9, 0), LONDON)
    now = datetime(2026, 11, 25, tzinfo=UTC)

    found = slot.earlier_slots(now, since=datetime(2026, 11, 10, tzinfo=UTC))

    assert found == [datetime(2026, 11, 16, 9, 0, tzinfo=UTC)]
