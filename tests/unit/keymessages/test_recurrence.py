"""When key messages fall due: each recurrence kind, end dates, time zones and floating local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.keymessages.recurrence import (
    Kind,
    Recurrence,
    next_occurrence,
    occurrences,
    opens_at,
    parse_stamp,
    stamp,
)
from bot.platform.local_time import local_instant

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # a Monday


def days(rec: Recurrence, count: int = 60) -> list[str]:
    return [d.isoformat() for d in rec.dates(rec.start)][:count]


def test_once_falls_on_its_date_only() -> None:
    assert days(Recurrence(Kind.ONCE, date(2026, 11, 24), time(9))) == ["2026-11-24"]


def test_weekly_falls_on_the_chosen_days_until_the_end_date_inclusive() -> None:
    rec = Recurrence(Kind.WEEKLY, date(2026, 11, 24), time(9), weekdays=(0, 3), until=date(2026, 12, 7))

    assert days(rec) == ["2026-11-26", "2026-11-30", "2026-12-03", "2026-12-07"]


def test_every_n_weeks_counts_weeks_from_the_first_dates_week() -> None:
    rec = Recurrence(Kind.WEEKLY, date(2026, 11, 25), time(9), weekdays=(0, 2), interval=3, until=date(2027, 1, 6))

    # the week of 23 Nov is week 0: its Monday is before the first date, so only its Wednesday counts
    assert days(rec) == ["2026-11-25", "2026-12-14", "2026-12-16", "2027-01-04", "2027-01-06"]


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months() -> None:
    rec = Recurrence(Kind.MONTHLY, date(2027, 1, 31), time(9), until=date(2027, 5, 1))

    assert days(rec) == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]


def test_problems_name_what_a_leader_must_change() -> None:
    assert Recurrence(Kind.WEEKLY, date(2026, 11, 24), time(9)).problems() == ["Pick at least one day of the week."]
    late = Recurrence(Kind.WEEKLY, date(2026, 11, 24), time(9), weekdays=(1,), until=date(2026, 11, 1))
    assert late.problems() == ["The end date must be on or after the first date."]
    assert Recurrence(Kind.WEEKLY, date(2026, 11, 24), time(9), weekdays=(1,), interval=60).problems()


def test_fixed_zone_occurrences_are_instants_in_that_zone_across_a_clock_change() -> None:
    rec = Recurrence(Kind.WEEKLY, date(2027, 3, 22), time(9), weekdays=(0,))

    found = list(
        occurrences(rec, LONDON, after=datetime(2027, 3, 1, tzinfo=UTC), upto=datetime(2027, 4, 1, tzinfo=UTC))
    )

    # British Summer Time starts on 28 March 2027: 09:00 London is 09:00 UTC before, 08:00 UTC after
    assert found == [datetime(2027, 3, 22, 9, tzinfo=UTC), datetime(2027, 3, 29, 8, tzinfo=UTC)]


def test_occurrences_are_those_opening_after_the_cursor_and_by_now() -> None:
    rec = Recurrence(Kind.WEEKLY, date(2026, 11, 23), time(9), weekdays=(0, 1, 2, 3, 4))
    monday_nine = datetime(2026, 11, 23, 9, tzinfo=UTC)

    found = list(occurrences(rec, LONDON, after=monday_nine, upto=monday_nine + timedelta(days=2)))

    assert found == [monday_nine + timedelta(days=1), monday_nine + timedelta(days=2)]


def test_a_floating_occurrence_opens_fourteen_hours_early_for_the_first_zone_to_reach_it() -> None:
    rec = Recurrence(Kind.ONCE, date(2026, 11, 25), time(9))
    wall = datetime(2026, 11, 25, 9, tzinfo=UTC)

    assert opens_at(wall, floating=True) == datetime(2026, 11, 24, 19, tzinfo=UTC)
    assert list(occurrences(rec, None, after=START, upto=datetime(2026, 11, 24, 18, tzinfo=UTC))) == []
    assert list(occurrences(rec, None, after=START, upto=datetime(2026, 11, 24, 19, tzinfo=UTC))) == [wall]


def test_local_instant_places_the_wall_time_in_each_zone() -> None:
    wall = datetime(2026, 11, 25, 9, tzinfo=UTC)

    assert local_instant(wall, ZoneInfo("Australia/Sydney")) == datetime(2026, 11, 24, 22, tzinfo=UTC)
    assert local_instant(wall, ZoneInfo("America/New_York")) == datetime(2026, 11, 25, 14, tzinfo=UTC)


def test_next_occurrence_is_none_once_the_recurrence_has_ended() -> None:
    rec = Recurrence(Kind.ONCE, date(2026, 11, 24), time(9))

    assert next_occurrence(rec, LONDON, after=START) == datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert next_occurrence(rec, LONDON, after=datetime(2026, 11, 24, 9, tzinfo=UTC)) is None


def test_stamps_name_an_occurrence_to_the_minute_and_read_back() -> None:
    moment = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

    assert stamp(moment) == "20261130T0900"
    assert parse_stamp("20261130T0900") == moment
