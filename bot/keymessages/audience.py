"""Who a key message reaches and when: each recipient in the zone whose working hours apply (a person's own Slack
zone; for a channel post, the schedule's), and the moment an occurrence reaches them once their working hours and
holidays are applied. The planner times deliveries with it and the composer tells the leader the same times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.keymessages.cascade import NO_MANAGER, by_role
from bot.keymessages.draft import zone_of
from bot.keymessages.views import CASCADE_MODE, CHANNEL_MODE, EVERYONE, LOCAL, MEMBER
from bot.platform.calendars import WorkingTime, working_time
from bot.platform.local_time import local_instant
from bot.platform.runtime import Runtime

AFTER_MANAGER_REASON = "a working day after their manager"


@dataclass(frozen=True)
class Recipient:
    """A person or channel, in the zone whose working hours apply; `floating` when the occurrence is at the same
    wall-clock time in that zone (each recipient's local time). `role` is the version they get (see
    `bot.keymessages.cascade`); `after_manager` when, a member of a message sent through managers, they get it the
    working day after their manager."""

    id: str
    zone: ZoneInfo
    floating: bool = False
    role: str = EVERYONE
    manager: str = NO_MANAGER
    after_manager: bool = False


def recipients(runtime: Runtime, audience: Sequence[str], mode: str, zone: str) -> list[Recipient]:
    """Everyone (or every channel) a schedule with this audience, delivery mode and zone reaches. Raises
    DirectoryError when Slack cannot say."""
    if mode == CHANNEL_MODE:
        channel_zone = zone_of(zone) or runtime.settings.timezone
        return [Recipient(channel, channel_zone) for channel in audience]
    placed = by_role(runtime, mode, runtime.directory.audience(audience))
    known = runtime.directory.people([p.id for p in placed])
    fallback = runtime.settings.timezone
    floating = zone == LOCAL
    waits = mode == CASCADE_MODE
    return [
        Recipient(
            p.id,
            person.zone if (person := known.get(p.id)) else fallback,
            floating,
            role=p.role,
            manager=p.manager,
            after_manager=waits and p.role == MEMBER,
        )
        for p in placed
    ]


def working_time_of(runtime: Runtime, mode: str, reached: Sequence[Recipient]) -> WorkingTime:
    """The working hours and holiday calendars of the people (or channels) reached."""
    ids = [r.id for r in reached]
    return working_time(runtime, channels=ids) if mode == CHANNEL_MODE else working_time(runtime, ids)


def due_at(occurs_at: datetime, recipient: Recipient, work: WorkingTime) -> datetime:
    """When an occurrence reaches the recipient: at its time (in their zone when floating), moved to their next
    working morning when that falls outside their working hours or on their holiday; a member of a message sent
    through managers gets it on their next working morning after that day."""
    at = local_instant(occurs_at, recipient.zone) if recipient.floating else occurs_at
    if recipient.after_manager:
        return work.next_morning(at, recipient.zone, recipient.id)
    return work.moment(at, recipient.zone, recipient.id)


def due_reason(occurs_at: datetime, recipient: Recipient, work: WorkingTime) -> str:
    """Why the occurrence reaches the recipient later than its time ("after the holiday"), or empty text."""
    if recipient.after_manager:
        return AFTER_MANAGER_REASON
    at = local_instant(occurs_at, recipient.zone) if recipient.floating else occurs_at
    return work.reason(at, recipient.zone, recipient.id)
