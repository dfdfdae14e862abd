"""When a cascaded message reaches a manager's members: the next working day after their manager got it."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

WORKING_DAYS = range(0, 5)
"""Monday to Friday."""


def members_due_at(manager_due: datetime, zone: tzinfo | None = None) -> datetime:
    """The same time of day on the next working day (Monday–Friday) in `zone` (UTC when None), so a manager who
    gets a message on Friday has the weekend and Monday morning's stand-up before the team hears it on Monday."""
    local = manager_due.astimezone(zone or ZoneInfo("UTC"))
    day = local.date() + timedelta(days=1)
    while day.weekday() not in WORKING_DAYS:
        day += timedelta(days=1)
    wall = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=local.tzinfo)
    return wall.astimezone(manager_due.tzinfo)
