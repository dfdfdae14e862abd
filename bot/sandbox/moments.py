"""Where the sandbox's clock can jump to, in the organisation's time zone: the moments Cadence's week turns on."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.demo.organisation import ORG_TIMEZONE

MOMENTS = {
    "hour": "1 hour later",
    "tomorrow": "to tomorrow 09:00",
    "tuesday": "to next Tuesday 11:00 (key messages out)",
    "wednesday": "to next Wednesday 10:30 (a pulse opens)",
    "monday": "to next Monday 09:00 (digests)",
}
_WEEKLY = {"monday": (0, time(9, 0)), "tuesday": (1, time(11, 0)), "wednesday": (2, time(10, 30))}


def moment_after(now: datetime, moment: str) -> datetime:
    """The first such moment strictly after `now` (UTC)."""
    if moment == "hour":
        return now + timedelta(hours=1)
    zone = ZoneInfo(ORG_TIMEZONE)
    today = now.astimezone(zone).date()
    if moment == "tomorrow":
        return datetime.combine(today + timedelta(days=1), time(9, 0), tzinfo=zone).astimezone(UTC)
    weekday, at = _WEEKLY[moment]
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    if datetime.combine(day, at, tzinfo=zone) <= now:
        day += timedelta(weeks=1)
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
