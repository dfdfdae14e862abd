"""Wall-clock times that mean "at this time in each person's own zone" ("floating"), for every feature that
schedules by recipients' local time.

A floating time is kept as the wall-clock date and time labelled UTC; each recipient's zone turns it into an instant.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

EARLIEST_OFFSET = timedelta(hours=14)
"""The furthest ahead of UTC any zone runs (UTC+14): a floating time reaches someone first this early."""
LATEST_OFFSET = timedelta(hours=12)
"""The furthest behind UTC any zone runs (UTC-12)."""


def local_instant(floating: datetime, zone: ZoneInfo) -> datetime:
    """A floating time as an instant for someone in `zone`."""
    return floating.replace(tzinfo=None).replace(tzinfo=zone).astimezone(UTC)
