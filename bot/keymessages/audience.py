"""Who a key message reaches and when: each recipient in the zone whose working hours apply (a person's own Slack
zone; for a channel post, the schedule's), and the moment an occurrence reaches them once their working hours and
holidays are applied. The planner times deliveries with it and the composer tells the leader the same times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.keymessages.draft import zone_of
from bot.keymessages.views import CHANNEL_MODE, LOCAL
from bot.platform.calendars import WorkingTime, working_time
from bot.platform.local_time import local_instant
from bot.platform.runtime import Runtime


@dataclass(frozen=True)
class Recipient:
    """A person or channel, in the zone whose working hours apply; `floating` when the occurrence is at the same
    wall-clock time in that zone (each recipient's local time)."""

    id: str
    zone: ZoneInfo
    floating: bool = False


def recipients(runtime: Runtime, audience: Sequence[str], mode: str, zone: str) -> list[Recipient]:
    """Everyone (or every channel) a schedule with this audience, delivery mode and zone reaches. Raises
    DirectoryError when Slack cannot say."""
    if mode == CHANNEL_MODE:
        channel_zone = zone_of(zone) or runtime.settings.timezone
        return [Recipient(channel, channel_zone) for channel in audience]
    people = runtime.directory.audience(audience)
    known = runtime.directory.people(people)
    fallback = runtime.settings.timezone
    floating = zone == LOCAL
    return [Recipient(uid, p.zone if (p := known.get(uid)) else fallback, floating) for uid in people]


def working_time_of(runtime: Runtime, mode: str, reached: Sequence[Recipient]) -> WorkingTime:
    """The working hours and holiday calendars of the people (or channels) reached."""
    ids = [r.id for r in reached]
    return working_time(runtime, channels=ids) if mode == CHANNEL_MODE else working_time(runtime, ids)


def due_at(occurs_at: datetime, recipient: Recipient, work: WorkingTime) -> datetime:
    """When an occurrence reaches the recipient: at its time (in their zone when floating), moved to their next
    working morning when that falls outside their working hours or on their holiday."""
    at = local_instant(occurs_at, recipient.zone) if recipient.floating else occurs_at
    return work.moment(at, recipient.zone, recipient.id)


def due_reason(occurs_at: datetime, recipient: Recipient, work: WorkingTime) -> str:
    """Why the occurrence reaches the recipient later than its time ("after the holiday"), or empty text."""
    at = local_instant(occurs_at, recipient.zone) if recipient.floating else occurs_at
    return work.reason(at, recipient.zone, recipient.id)
