"""Key messages sent through managers: who gets which version, when members get theirs, and reach line by line.

Once teams are known, a DM goes to managers with both buttons and to everyone else with "Got it" only. Sent
through managers, the audience's managers get the message (with the talking points and "Discussed with my team")
at its time, and the members — of those managers, and everyone else in the audience who manages nobody — get
theirs the next working day. Each person gets one version, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.keymessages import recurrence
from bot.keymessages.views import CASCADE_MODE, EVERYONE, MANAGER, MEMBER, CascadeReach, LineReach
from bot.platform.local_time import LATEST_OFFSET
from bot.platform.outbox import keys
from bot.platform.outbox.queue import selected
from bot.platform.runtime import Runtime
from bot.platform.working_hours import next_working_morning
from bot.teams import lines
from content.blocks.keymessages import DISCUSSED, GOT_IT
from storage import deliveries
from storage import keymessages as store
from storage.models import DeliveryState, KeyOccurrence, KeySchedule

NO_MANAGER = ""
STOPPED_AFTER = 2
"""A line has stopped cascading when its manager discussed none of the last this many messages sent through them."""
LOOKBACK = 50


@dataclass(frozen=True)
class Placement:
    """The version of a message one person gets."""

    id: str
    role: str = EVERYONE
    manager: str = NO_MANAGER
    """For a member in a cascade, the manager whose line reached them."""


class Placed(Protocol):
    """Anything that says who gets which version (a `Placement`, or a recipient timed by the planner)."""

    @property
    def id(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def manager(self) -> str: ...


def by_role(runtime: Runtime, mode: str, people: list[str]) -> list[Placement]:
    """The people of a DM schedule's audience (sent in `mode`), each with the version they get."""
    teams = lines(runtime)
    if mode != CASCADE_MODE:
        return plain_roles(teams, people)
    managers = [uid for uid in people if uid in teams]
    manager_of = {member: manager for manager in managers for member in teams[manager]}
    wanted = dict.fromkeys([*manager_of, *(uid for uid in people if uid not in teams)])
    reachable = set(runtime.directory.audience(list(wanted))) if wanted else set()
    leading = set(managers)
    members = [
        Placement(uid, role=MEMBER, manager=manager_of.get(uid, NO_MANAGER))
        for uid in wanted
        if uid in reachable and uid not in leading
    ]
    return [*(Placement(uid, role=MANAGER) for uid in managers), *members]


def versions(mode: str, teams: dict[str, list[str]]) -> tuple[str, ...]:
    """The versions (roles) a DM schedule sent in `mode` may go out in, the order they are queued in."""
    if mode == CASCADE_MODE:
        return (MANAGER, MEMBER)
    return (EVERYONE, MEMBER) if teams else (EVERYONE,)


def plain_roles(teams: dict[str, list[str]], people: list[str]) -> list[Placement]:
    """A plain DM's versions: once teams are known, managers get both buttons and everyone else "Got it" only."""
    return [Placement(uid, role=EVERYONE if not teams or uid in teams else MEMBER) for uid in people]


def lines_of(schedule: KeySchedule, recipients: Sequence[Placed]) -> dict[str, list[str]] | None:
    """Who got which version of a cascaded occurrence, as `KeyOccurrence.cascade` keeps it; None for others."""
    if schedule.mode != CASCADE_MODE:
        return None
    found: dict[str, list[str]] = {r.id: [] for r in recipients if r.role == MANAGER}
    for r in recipients:
        if r.role == MEMBER:
            found.setdefault(r.manager, []).append(r.id)
    return found


def delivery_key(schedule: KeySchedule, stamp: str, recipient: str, role: str) -> keys.DeliveryKey:
    """Sent through managers, a delivery's key names the version too: one per recipient and role."""
    if schedule.mode == CASCADE_MODE:
        return keys.key_message_cascade(schedule.id or 0, stamp, recipient, role)
    return keys.key_message(schedule.id or 0, stamp, recipient)


def clicked_delivery(
    session: Any, schedule: KeySchedule, stamp: str, recipient: str, role: str, *, channel: str, ts: str
) -> bool:
    """Whether a click on the message (`channel`, `ts`) is on the occurrence's delivery to `recipient` (a person,
    or the channel of a post): one was queued for them and, once Slack said which message it is, it is that one.
    So nobody's click is counted, or shown, through a copy that was sent to someone else or never sent."""
    delivery = deliveries.get_by_key(session, delivery_key(schedule, stamp, recipient, role).key)
    if delivery is None:
        return False
    return delivery.message_ts is None or (delivery.message_channel, delivery.message_ts) == (channel, ts)


def role_in(occurrence: KeyOccurrence, user_id: str) -> str | None:
    """The version a person got of a cascaded occurrence, or None when it was not sent to them."""
    cascade = occurrence.cascade or {}
    if user_id in cascade and user_id != NO_MANAGER:
        return MANAGER
    return MEMBER if any(user_id in members for members in cascade.values()) else None


def line_reach(session: Any, occurrence: KeyOccurrence) -> CascadeReach:
    """A cascaded occurrence line by line: who discussed, how many members each line reached and got it."""
    cascade = occurrence.cascade or {}
    stamp = recurrence.stamp(occurrence.occurs_at)
    sent = {
        d.channel
        for d in selected(session, keys.key_messages_of(occurrence.schedule_id, stamp))
        if d.state == DeliveryState.SENT
    }
    acks = store.ackers(session, schedule_id=occurrence.schedule_id, occurs_at=occurrence.occurs_at)
    discussed, got_it = acks.get(DISCUSSED, set()), acks.get(GOT_IT, set())
    found = tuple(
        LineReach(
            manager=manager,
            discussed=manager in discussed,
            members=len(members),
            delivered=len(sent.intersection(members)),
            acknowledged=len(got_it.intersection(members)),
        )
        for manager, members in cascade.items()
        if manager != NO_MANAGER
    )
    covered = sum(line.members for line in found if line.discussed)
    return CascadeReach(found, covered=covered, people=sum(len(members) for members in cascade.values()))


def occurrence_cascade(session: Any, schedule: KeySchedule, occurrence: KeyOccurrence) -> CascadeReach | None:
    """An occurrence's reach line by line, when it was sent through managers."""
    return line_reach(session, occurrence) if schedule.mode == CASCADE_MODE and occurrence.cascade is not None else None


def _members_day(occurs_at: datetime) -> datetime:
    """By when every member of a cascaded occurrence has had their working morning after it, wherever they are
    (the default working week; a later holiday only makes a line look stopped a day late)."""
    return next_working_morning(occurs_at, ZoneInfo("UTC")) + LATEST_OFFSET


def stopped_lines(session: Any, *, until: Any) -> list[str]:
    """Managers who discussed none of the last `STOPPED_AFTER` messages sent through them whose members' day has
    come by `until`, so a message still with the manager alone is not held against them."""
    history: dict[str, list[bool]] = {}
    for occurrence in store.cascaded_occurrences(session, until=until, limit=LOOKBACK):
        if _members_day(occurrence.occurs_at) > until:
            continue
        discussed = store.ackers(session, schedule_id=occurrence.schedule_id, occurs_at=occurrence.occurs_at)
        for manager in occurrence.cascade or {}:
            seen = history.setdefault(manager, [])
            if manager != NO_MANAGER and len(seen) < STOPPED_AFTER:
                seen.append(manager in discussed.get(DISCUSSED, set()))
    return sorted(m for m, seen in history.items() if len(seen) == STOPPED_AFTER and not any(seen))
