"""The working-hours rule: a moment outside someone's working hours, on their weekend or on a public holiday of
their calendar moves to the start of their next working day, in their own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.platform.working_hours import (
    DEFAULT_HOURS,
    CalendarError,
    HolidayCalendar,
    WorkingHours,
    check_calendar,
    next_working_moment,
    next_working_morning,
    parse_working_hours,
    why_moved,
)

LONDON, MANILA, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("Asia/Manila"), ZoneInfo("America/New_York")
PH, GB = HolidayCalendar("PH"), HolidayCalendar("GB")


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]


def test_a_moment_inside_working_hours_stands() -> None:
    tuesday_ten = local(LONDON, 2026, 12, 1, 10, 0)

    assert next_working_moment(tuesday_ten, LONDON) == tuesday_ten
    assert why_moved(tuesday_ten, LONDON) == ""


def test_five_in_the_morning_waits_for_eight_the_same_day_in_the_persons_zone() -> None:
    five_in_manila = local(MANILA, 2026, 12, 1, 5, 0)

    assert next_working_moment(five_in_manila, MANILA) == local(MANILA, 2026, 12, 1, 8, 0)
    assert why_moved(five_in_manila, MANILA) == "before working hours"


def test_the_evening_and_the_end_of_the_day_itself_wait_for_the_next_morning() -> None:
    six_pm = local(LONDON, 2026, 12, 1, 18, 0)

    assert next_working_moment(six_pm, LONDON) == local(LONDON, 2026, 12, 2, 8, 0)
    assert why_moved(six_pm, LONDON) == "after working hours"


def test_the_weekend_waits_for_monday_morning() -> None:
    saturday_noon = local(LONDON, 2026, 11, 28, 12, 0)

    assert next_working_moment(saturday_noon, LONDON) == local(LONDON, 2026, 11, 30, 8, 0)
    assert why_moved(saturday_noon, LONDON) == "after the weekend"


def test_a_public_holiday_of_the_persons_calendar_waits_for_the_next_working_morning() -> None:
    bonifacio_day = local(MANILA, 2026, 11, 30, 9, 0)  # a Monday

    assert next_working_moment(bonifacio_day, MANILA, DEFAULT_HOURS, PH) == local(MANILA, 2026, 12, 1, 8, 0)
    assert why_moved(bonifacio_day, MANILA, DEFAULT_HOURS, PH) == "after the holiday"
    assert next_working_moment(bonifacio_day, MANILA) == bonifacio_day  # no calendar, an ordinary Monday


def test_holidays_and_a_weekend_in_a_row_are_all_skipped() -> None:
    christmas_friday = local(LONDON, 2026, 12, 25, 9, 0)  # then the weekend, then Boxing Day observed on Monday

    assert next_working_moment(christmas_friday, LONDON, DEFAULT_HOURS, GB) == local(LONDON, 2026, 12, 29, 8, 0)


def test_a_subdivision_has_its_own_holidays() -> None:
    cesar_chavez_day = local(ZoneInfo("America/Los_Angeles"), 2026, 3, 31, 9, 0)
    la = ZoneInfo("America/Los_Angeles")

    assert next_working_moment(cesar_chavez_day, la, DEFAULT_HOURS, HolidayCalendar("US", "CA")) != cesar_chavez_day
    assert next_working_moment(cesar_chavez_day, la, DEFAULT_HOURS, HolidayCalendar("US")) == cesar_chavez_day


def test_the_next_morning_is_eight_local_time_across_a_daylight_saving_change() -> None:
    friday_evening = local(NEW_YORK, 2026, 3, 6, 19, 0)  # EST; clocks go forward on Sunday 8 March

    moved = next_working_moment(friday_evening, NEW_YORK)

    assert moved == datetime(2026, 3, 9, 12, 0, tzinfo=UTC)  # 08:00 EDT, not 13:00 UTC as in winter
    assert moved.astimezone(NEW_YORK).time() == time(8, 0)


def test_the_night_the_clocks_go_back_still_reaches_eight_local_time() -> None:
    small_hours = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # Sunday, during the repeated hour in London

    assert next_working_moment(small_hours, LONDON) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)  # 08:00 GMT


def test_custom_hours_and_days_move_moments_by_the_organisations_week() -> None:
    gulf_week = parse_working_hours("Sun-Thu 09:30-17:00")
    dubai = ZoneInfo("Asia/Dubai")

    assert gulf_week == WorkingHours(frozenset({6, 0, 1, 2, 3}), time(9, 30), time(17, 0))
    assert next_working_moment(local(dubai, 2026, 12, 4, 10, 0), dubai, gulf_week) == local(dubai, 2026, 12, 6, 9, 30)
    assert next_working_moment(local(dubai, 2026, 12, 6, 9, 0), dubai, gulf_week) == local(dubai, 2026, 12, 6, 9, 30)
    assert gulf_week.describe() == "Sun-Thu 09:30-17:00"


def test_every_day_all_day_never_moves_anything() -> None:
    always = parse_working_hours("Mon-Sun 00:00-24:00")
    midnight_saturday = local(LONDON, 2026, 11, 28, 23, 59)

    assert next_working_moment(midnight_saturday, LONDON, always) == midnight_saturday
    assert always.describe() == "Mon-Sun 00:00-24:00"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("weekdays", "look like Mon-Fri 08:00-18:00"),
        ("Mon-Fry 08:00-18:00", "days are written Mon"),
        ("Mon-Fri 18:00-08:00", "start before it ends"),
        ("Mon-Fri 08:00-25:00", "00:00 to 23:59"),
    ],
)
def test_malformed_working_hours_say_what_to_write(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_working_hours(text)


def test_calendars_are_checked_against_the_holidays_package() -> None:
    assert check_calendar("ph") == HolidayCalendar("PH")
    assert check_calendar("us", "ca") == HolidayCalendar("US", "CA")
    with pytest.raises(CalendarError, match="`XX` is not a country code"):
        check_calendar("XX")
    with pytest.raises(CalendarError, match=r"`ZZ` is not a subdivision of US\. Use one of `AK`"):
        check_calendar("US", "ZZ")


def test_the_next_working_morning_is_the_start_of_the_following_working_day_even_from_inside_working_hours() -> None:
    friday_ten = local(LONDON, 2026, 12, 18, 10, 0)
    before_christmas = local(LONDON, 2026, 12, 24, 9, 0)

    assert next_working_morning(friday_ten, LONDON) == local(LONDON, 2026, 12, 21, 8, 0)
    assert next_working_morning(before_christmas, LONDON, DEFAULT_HOURS, GB) == local(LONDON, 2026, 12, 29, 8, 0)
