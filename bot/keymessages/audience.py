"""Who a key message reaches and when: each recipient in the zone whose working hours apply (a person's own Slack
zone; for a channel post, the schedule's), and the moment an occurrence reaches them once their working hours and
holidays are applied. The planner times deliveries with it and the composer tells the leader the same times."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.keymessages.cascade import NO_MANAGER, by_role, plain_roles, versions
from bot.keymessages.draft import zone_of
from bot.keymessages.views import CASCADE_MODE, CHANNEL_MODE, EVERYONE, LOCAL, MEMBER
from bot.platform.calendars import WorkingTime, working_time
from bot.platform.local_time import local_instant
from bot.platform.runtime import Runtime
from bot.teams import lines

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


@dataclass(frozen=True)
class RecipientBatches:
    """An audience resolved, read in batches on each call to `read`, so memory stays flat however large it is;
    `versions` are the roles its people may get the message in."""

    read: Callable[[], Iterator[list[Recipient]]]
    versions: tuple[str, ...]


def recipient_batches(runtime: Runtime, audience: Sequence[str], mode: str, zone: str) -> RecipientBatches:
    """Everyone (or every channel) a schedule reaches, resolved now (any Slack or database read it needs happens
    here, before the fan-out's unit of work) and read in batches on each call. Sent through managers the audience
    is read whole: who gets which version depends on all of it. Raises DirectoryError when Slack cannot say."""
    teams = lines(runtime)
    if mode in (CHANNEL_MODE, CASCADE_MODE):
        whole = recipients(runtime, audience, mode, zone)
        return RecipientBatches(lambda: iter([whole]), versions(mode, teams) if mode == CASCADE_MODE else (EVERYONE,))
    resolved = runtime.directory.resolve(audience)
    floating = zone == LOCAL

    def batches() -> Iterator[list[Recipient]]:
        for batch in resolved.batches():
            placed = plain_roles(teams, [p.id for p in batch])
            yield [Recipient(p.id, p.zone, floating, role=v.role) for p, v in zip(batch, placed, strict=True)]

    return RecipientBatches(batches, versions(mode, teams))


def recipients(runtime: Runtime, audience: Sequence[str], mode: str, zone: str) -> list[Recipient]:
    """Everyone (or every channel) a schedule with this audience, delivery mode and zone reaches, as one list (for
    the composer's preview, and a message sent through managers). Raises DirectoryError when Slack cannot say."""
    if mode == CHANNEL_MODE:
        channel_zone = zone_of(zone) or runtime.settings.timezone
        return [Recipient(channel, channel_zone) for channel in audience]
    if mode != CASCADE_MODE:
        return [r for batch in recipient_batches(runtime, audience, mode, zone).read() for r in batch]
    placed = by_role(runtime, mode, runtime.directory.audience(audience))
    known = runtime.directory.people([p.id for p in placed])
    fallback = runtime.settings.timezone
    floating = zone == LOCAL
    return [
        Recipient(
            p.id,
            person.zone if (person := known.get(p.id)) else fallback,
            floating,
            role=p.role,
            manager=p.manager,
            after_manager=p.role == MEMBER,
        )
        for p in placed
    ]


def working_time_of(runtime: Runtime, mode: str, audience: Sequence[str]) -> WorkingTime:
    """The working hours and holiday calendars of a schedule's channels (posted in), or of everyone (sent by DM)."""
    return working_time(runtime, channels=audience) if mode == CHANNEL_MODE else working_time(runtime, people=None)


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
