"""When a key message falls due: once, weekly on chosen days, every N weeks, or monthly on a day.

Pure date arithmetic, no database and no Slack. A recurrence produces *nominal* occurrences: in a fixed time zone,
the UTC instant of each wall-clock date and time there; in recipients' local time (`zone=None`), the wall-clock
date and time itself, labelled UTC ("floating"), which each recipient's own zone turns into an instant later.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.platform.local_time import EARLIEST_OFFSET
from bot.platform.local_time import LATEST_OFFSET as LATEST_OFFSET  # read by the composer as recurrence's

MAX_INTERVAL_WEEKS = 52
SEARCH_DAYS = 800


class Kind(StrEnum):
    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Recurrence:
    """`weekdays` are 0 (Monday) to 6; `interval` counts weeks from the week of `start` (1 = every week);
    monthly falls on `start`'s day of the month, or a shorter month's last day."""

    kind: Kind
    start: date
    at: time
    weekdays: tuple[int, ...] = ()
    interval: int = 1
    until: date | None = None

    def problems(self) -> list[str]:
        """What makes this recurrence impossible, in words a leader can act on (empty when it is fine)."""
        found: list[str] = []
        if self.kind is Kind.WEEKLY and not self.weekdays:
            found.append("Pick at least one day of the week.")
        if self.kind is Kind.WEEKLY and not 1 <= self.interval <= MAX_INTERVAL_WEEKS:
            found.append(f"Repeat every 1 to {MAX_INTERVAL_WEEKS} weeks.")
        if any(not 0 <= day <= 6 for day in self.weekdays):
            found.append("Days of the week must be Monday to Sunday.")
        if self.until is not None and self.kind is not Kind.ONCE and self.until < self.start:
            found.append("The end date must be on or after the first date.")
        return found

    def dates(self, since: date) -> Iterator[date]:
        """Every date on or after `since` (and `start`) this recurrence falls on, in order, up to `until`."""
        day = max(since, self.start)
        last = self.start if self.kind is Kind.ONCE else self.until
        for _ in range(SEARCH_DAYS):
            if last is not None and day > last:
                return
            if self._falls_on(day):
                yield day
            day += timedelta(days=1)

    def _falls_on(self, day: date) -> bool:
        if self.kind is Kind.ONCE:
            return day == self.start
        if self.kind is Kind.MONTHLY:
            return day.day == min(self.start.day, calendar.monthrange(day.year, day.month)[1])
        weeks = (day - _monday(self.start)).days // 7
        return day.weekday() in self.weekdays and weeks % self.interval == 0


def nominal(day: date, at: time, zone: ZoneInfo | None) -> datetime:
    """The occurrence on `day` at `at`: an instant in `zone`, or the floating wall-clock time when `zone` is None."""
    if zone is None:
        return datetime.combine(day, at, tzinfo=UTC)
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def opens_at(occurs_at: datetime, *, floating: bool) -> datetime:
    """The first instant anyone is due this occurrence (the earliest zone's, for a floating one)."""
    return occurs_at - EARLIEST_OFFSET if floating else occurs_at


def occurrences(rec: Recurrence, zone: ZoneInfo | None, *, after: datetime, upto: datetime) -> Iterator[datetime]:
    """Nominal occurrences that open after `after` and no later than `upto` (both instants), oldest first."""
    floating = zone is None
    first_day = (after - timedelta(days=1) if floating else after.astimezone(zone)).date() - timedelta(days=1)
    for day in rec.dates(first_day):
        occurs = nominal(day, rec.at, zone)
        opening = opens_at(occurs, floating=floating)
        if opening > upto:
            return
        if opening > after:
            yield occurs


def next_occurrence(rec: Recurrence, zone: ZoneInfo | None, *, after: datetime) -> datetime | None:
    """The first nominal occurrence that opens after `after`, or None when the recurrence has ended."""
    return next(occurrences(rec, zone, after=after, upto=after + timedelta(days=SEARCH_DAYS)), None)


def stamp(occurs_at: datetime) -> str:
    """An occurrence's name in keys and button values: `20261130T0900`."""
    return occurs_at.astimezone(UTC).strftime("%Y%m%dT%H%M")


def parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y%m%dT%H%M").replace(tzinfo=UTC)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
