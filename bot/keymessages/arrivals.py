"""When the next occurrence of a schedule reaches its recipients, grouped by time zone and timing, for the composer
to tell the leader ("Manila: 09:00 Tue 1 Dec, after the holiday")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.keymessages.audience import due_at, due_reason, recipients, working_time_of
from bot.keymessages.views import Arrival
from bot.platform.directory import DirectoryError
from bot.platform.runtime import Runtime
from bot.platform.working_hours import HOLIDAY_REASON


def arrivals(
    runtime: Runtime, audience: Sequence[str], mode: str, zone: str, occurs_at: datetime
) -> tuple[Arrival, ...]:
    """Each group's arrival, those held back by a holiday first (the surprise worth telling), then earliest first.
    Empty when Slack cannot say who is reached just now: the schedule is saved all the same, and the planner times
    each delivery when it falls due."""
    try:
        reached = recipients(runtime, audience, mode, zone)
        work = working_time_of(runtime, mode, audience)
    except DirectoryError:
        return ()
    groups: Counter[tuple[datetime, str, str]] = Counter()
    zones = {}
    for recipient in reached:
        at = due_at(occurs_at, recipient, work)
        groups[(at, recipient.zone.key, due_reason(occurs_at, recipient, work))] += 1
        zones[recipient.zone.key] = recipient.zone
    found = [
        Arrival(place_of(key), at.astimezone(zones[key]), count, reason) for (at, key, reason), count in groups.items()
    ]
    return tuple(sorted(found, key=lambda a: (a.reason != HOLIDAY_REASON, a.at)))


def place_of(zone_key: str) -> str:
    """`Asia/Manila` as `Manila`, `America/Argentina/Buenos_Aires` as `Buenos Aires`."""
    return zone_key.rsplit("/", 1)[-1].replace("_", " ")
