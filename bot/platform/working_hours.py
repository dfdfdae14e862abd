"""Working hours and public holidays: the one rule for when a message may reach someone.

A moment inside a person's working hours (by default Monday to Friday, 08:00 up to 18:00, in their own Slack time
zone) on a day that is not a public holiday of their calendar stands. Any other moment moves to the start of their
next working day: the same morning when it is early, otherwise the first later day that is a working weekday and not
a holiday. Key messages, pulse rounds and their reminders all ask `next_working_moment`.

Pure date arithmetic: holidays come from the `holidays` package, which computes them without any network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SEARCH_DAYS = 400
"""How far ahead a working day is looked for; working days are never empty, so one is always found well before."""
HOURS_FORMAT = re.compile(r"^\s*(\w{3})(?:\s*-\s*(\w{3}))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")
HOURS_EXAMPLE = "Mon-Fri 08:00-18:00"
HOLIDAY_REASON = "after the holiday"


class CalendarError(ValueError):
    """A country or subdivision the `holidays` package does not know; the message says what to change."""


@dataclass(frozen=True)
class WorkingHours:
    """The organisation's working week: weekdays (0 is Monday) and the hours, from `start` up to `end` (`time.max`
    for midnight, written 24:00: `Mon-Sun 00:00-24:00` is every moment)."""

    days: frozenset[int] = frozenset(range(5))
    start: time = time(8)
    end: time = time(18)

    def covers(self, moment: time) -> bool:
        return self.start <= moment < self.end or (self.end == time.max and moment >= self.start)

    def describe(self) -> str:
        end = "24:00" if self.end == time.max else f"{self.end:%H:%M}"
        return f"{_day_span(self.days)} {self.start:%H:%M}-{end}"


DEFAULT_HOURS = WorkingHours()


@dataclass(frozen=True)
class HolidayCalendar:
    """A country's public holidays, optionally narrowed to one of its subdivisions (a state, a region)."""

    country: str
    subdivision: str = ""

    def holiday(self, day: date) -> str | None:
        """The holiday's name on `day`, or None on an ordinary day."""
        name = _country_days(self.country, self.subdivision).get(day)
        return str(name) if name else None

    def describe(self) -> str:
        return f"{self.country} {self.subdivision}".strip()


def check_calendar(country: str, subdivision: str = "") -> HolidayCalendar:
    """The calendar for a country code (ISO 3166, e.g. `PH`) and optional subdivision (e.g. `CA` in `US`)."""
    code, part = country.strip().upper(), subdivision.strip().upper()
    supported = holidays.list_supported_countries()
    if code not in supported:
        raise CalendarError(
            f"`{country}` is not a country code Cadence knows holidays for. "
            "Use a two-letter ISO code such as `GB`, `US`, `PH` or `DE`."
        )
    parts = [str(p).upper() for p in supported[code]]
    if part and part not in parts:
        listed = ", ".join(f"`{p}`" for p in parts[:12]) + (", …" if len(parts) > 12 else "")
        hint = f"Use one of {listed}, or leave it out." if parts else f"{code} has none: leave it out."
        raise CalendarError(f"`{subdivision}` is not a subdivision of {code}. {hint}")
    return HolidayCalendar(code, part)


@lru_cache(maxsize=256)
def _country_days(country: str, subdivision: str) -> Any:
    return holidays.country_holidays(country, subdiv=subdivision or None)


def is_working_day(day: date, hours: WorkingHours, calendar: HolidayCalendar | None) -> bool:
    return day.weekday() in hours.days and (calendar is None or calendar.holiday(day) is None)


def next_working_moment(
    when: datetime, zone: ZoneInfo, hours: WorkingHours = DEFAULT_HOURS, calendar: HolidayCalendar | None = None
) -> datetime:
    """`when` (UTC) if it falls in working hours in `zone` on a working day of `calendar`; otherwise the start of
    the next working day there (the same day's start when `when` is before it), in UTC."""
    local = when.astimezone(zone)
    day = local.date()
    if is_working_day(day, hours, calendar):
        if hours.covers(local.time()):
            return when
        if local.time() < hours.start:
            return _start_of(day, zone, hours)
    return next_working_morning(when, zone, hours, calendar)


def next_working_morning(
    when: datetime, zone: ZoneInfo, hours: WorkingHours = DEFAULT_HOURS, calendar: HolidayCalendar | None = None
) -> datetime:
    """The start of the first working day in `zone` after the day of `when` (UTC): "the next working day", for
    what should reach people a day later than `when`, at the start of their day."""
    day = when.astimezone(zone).date()
    for ahead in range(1, SEARCH_DAYS):
        later = day + timedelta(days=ahead)
        if is_working_day(later, hours, calendar):
            return _start_of(later, zone, hours)
    return when


def why_moved(
    when: datetime, zone: ZoneInfo, hours: WorkingHours = DEFAULT_HOURS, calendar: HolidayCalendar | None = None
) -> str:
    """Why `next_working_moment` moves `when`, in a few words ("after the holiday"); empty when it stands."""
    local = when.astimezone(zone)
    if next_working_moment(when, zone, hours, calendar) == when:
        return ""
    if calendar is not None and calendar.holiday(local.date()):
        return HOLIDAY_REASON
    if local.weekday() not in hours.days:
        return "after the weekend"
    return "before working hours" if local.time() < hours.start else "after working hours"


def _start_of(day: date, zone: ZoneInfo, hours: WorkingHours) -> datetime:
    return datetime.combine(day, hours.start, tzinfo=zone).astimezone(UTC)


def parse_working_hours(text: str) -> WorkingHours:
    """`Mon-Fri 08:00-18:00` (or one day, `Sat 10:00-14:00`; days may wrap, `Sun-Thu`). Raises ValueError."""
    match = HOURS_FORMAT.match(text)
    if match is None:
        raise ValueError(f"working hours look like {HOURS_EXAMPLE}")
    first, last, start, end = match.groups()
    names = [n.lower() for n in DAY_NAMES]
    if first.lower() not in names or (last or first).lower() not in names:
        raise ValueError(f"days are written {', '.join(DAY_NAMES)}, as in {HOURS_EXAMPLE}")
    a, b = names.index(first.lower()), names.index((last or first).lower())
    days = frozenset((a + i) % 7 for i in range((b - a) % 7 + 1))
    opens, closes = _clock_time(start), time.max if end == "24:00" else _clock_time(end)
    if opens >= closes:
        raise ValueError(f"the day must start before it ends, as in {HOURS_EXAMPLE}")
    return WorkingHours(days, opens, closes)


def _clock_time(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ValueError(f"times are 00:00 to 23:59, as in {HOURS_EXAMPLE}")
    return time(hours, minutes)


def _day_span(days: frozenset[int]) -> str:
    """The days as one span, wrapping past Sunday when it must (`Sun-Thu`); every day when all seven."""
    first = next((d for d in sorted(days) if (d - 1) % 7 not in days), 0)
    last = (first + len(days) - 1) % 7
    return DAY_NAMES[first] if len(days) == 1 else f"{DAY_NAMES[first]}-{DAY_NAMES[last]}"
