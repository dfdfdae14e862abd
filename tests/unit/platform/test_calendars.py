"""A fan-out's working time: each person's calendar (theirs, else the default) applied by the one rule."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.platform.calendars import WorkingTime
from bot.platform.working_hours import DEFAULT_HOURS, HolidayCalendar

MANILA = ZoneInfo("Asia/Manila")
BONIFACIO_DAY_NINE = datetime(2026, 11, 30, 9, 0, tzinfo=MANILA).astimezone(UTC)
TUESDAY_EIGHT = datetime(2026, 12, 1, 8, 0, tzinfo=MANILA).astimezone(UTC)


def test_a_person_without_a_calendar_of_their_own_follows_the_default() -> None:
    work = WorkingTime(DEFAULT_HOURS, default=HolidayCalendar("GB"), calendars={"U0MARIA": HolidayCalendar("PH")})

    assert work.calendar_of("U0MARIA") == HolidayCalendar("PH")
    assert work.calendar_of("U0ALICE") == HolidayCalendar("GB")
    assert work.moment(BONIFACIO_DAY_NINE, MANILA, "U0MARIA") == TUESDAY_EIGHT
    assert work.reason(BONIFACIO_DAY_NINE, MANILA, "U0MARIA") == "after the holiday"
    assert work.moment(BONIFACIO_DAY_NINE, MANILA, "U0ALICE") == BONIFACIO_DAY_NINE


def test_the_next_morning_skips_a_persons_holiday() -> None:
    work = WorkingTime(DEFAULT_HOURS, calendars={"U0MARIA": HolidayCalendar("PH")})
    sunday = datetime(2026, 11, 29, 15, 0, tzinfo=MANILA).astimezone(UTC)

    assert work.next_morning(sunday, MANILA, "U0MARIA") == TUESDAY_EIGHT
    assert work.next_morning(sunday, MANILA, "U0ALICE") == datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
