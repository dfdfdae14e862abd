"""When each champions' channel gets its digest: one weekly slot, named by the ISO week it falls in.

A slot is a weekday and a local time in a time zone. The key of a week's digest is the ISO year and week of the
slot in that zone (`2026-W48`), so the outbox's unique key makes it exactly once per channel per week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.digests.views import WEEKDAYS

DEFAULT_WEEKDAY = 0
DEFAULT_TIME = time(9, 0)
MISSED_LOOKBACK_WEEKS = 4
"""How far back a restart looks for weeks whose digest was never sent (to report them, not to send them late)."""


@dataclass(frozen=True)
class Slot:
    weekday: int
    at: time
    zone: ZoneInfo

    def describe(self) -> str:
        return f"{WEEKDAYS[self.weekday]}s at {self.at:%H:%M} ({self.zone.key})"

    def in_week_of(self, instant: datetime) -> datetime:
        """The slot's instant (UTC) in the ISO week, in the slot's zone, that contains `instant`."""
        local = instant.astimezone(self.zone)
        day = local.date() - timedelta(days=local.weekday()) + timedelta(days=self.weekday)
        return datetime.combine(day, self.at, tzinfo=self.zone).astimezone(UTC)

    def week_of(self, instant: datetime) -> str:
        year, week, _ = instant.astimezone(self.zone).isocalendar()
        return f"{year}-W{week:02d}"

    def due(self, now: datetime) -> datetime | None:
        """This week's slot when it has come (late is fine within the same week), else None."""
        slot = self.in_week_of(now)
        return slot if slot <= now else None

    def earlier_slots(self, now: datetime, *, since: datetime) -> list[datetime]:
        """Slots in the weeks before this one (up to `MISSED_LOOKBACK_WEEKS`), at or after `since`, oldest first."""
        this_week = self.in_week_of(now)
        found = [self.in_week_of(this_week - timedelta(weeks=back)) for back in range(MISSED_LOOKBACK_WEEKS, 0, -1)]
        return [slot for slot in found if slot >= since]
