"""How far a key message travelled: deliveries from the outbox, and who said "Got it" or "Discussed"."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.keymessages import recurrence
from bot.keymessages.cascade import clicked_delivery, occurrence_cascade, role_in
from bot.keymessages.clarity import latest_understood
from bot.keymessages.draft import zone_of
from bot.keymessages.policy import may_see_every_schedule
from bot.keymessages.schedules import KeyMessageError, recurrence_of, series_index, series_of
from bot.keymessages.views import CASCADE_MODE, CHANNEL_MODE, MANAGER, MEMBER, Reach, Schedule, ScheduleSummary
from bot.platform.directory import DirectoryError
from bot.platform.ids import parse_id
from bot.platform.outbox import keys
from bot.platform.outbox.queue import count_by_state
from bot.platform.roles import Actor
from bot.platform.runtime import Runtime
from bot.teams import lines
from content.blocks.keymessage_notices import when
from content.blocks.keymessages import DISCUSSED, GOT_IT, RecentMessage
from storage import keymessages as store
from storage.models import DeliveryState, KeySchedule

log = logging.getLogger(__name__)

NOT_YOURS = "That key message wasn't sent to you, so nothing was recorded."
MANAGERS_ONLY = "Only a team's manager says they discussed it with their team; nothing was recorded."


@dataclass(frozen=True)
class Acknowledged:
    schedule_id: int
    recorded: bool
    given: frozenset[str]
    counts: dict[str, int]


def occurrence_reach(session: Any, schedule_id: int, occurs_at: datetime | None = None) -> Reach:
    """Reach of one occurrence, or of every occurrence of the schedule when `occurs_at` is None."""
    stamp = recurrence.stamp(occurs_at) if occurs_at else None
    states = count_by_state(session, keys.key_messages_of(schedule_id, stamp))
    acks = store.ack_counts(session, schedule_id=schedule_id, occurs_at=occurs_at)
    return Reach(
        delivered=states.get(DeliveryState.SENT, 0),
        failed=states.get(DeliveryState.FAILED, 0),
        pending=states.get(DeliveryState.PENDING, 0) + states.get(DeliveryState.SENDING, 0),
        acknowledged=acks.get(GOT_IT, 0),
        discussed=acks.get(DISCUSSED, 0),
    )


def summaries(runtime: Runtime, actor: Actor) -> list[ScheduleSummary]:
    """The caller's schedules (everyone's, for whom `may_see_every_schedule`), with next delivery, last result
    and reach."""
    owner = None if may_see_every_schedule(actor).allowed else actor.user_id
    now, min_size = runtime.clock.now(), runtime.settings.min_group_size
    found: list[ScheduleSummary] = []
    with runtime.session() as session:
        for schedule in store.schedules_of(session, owner=owner)[:20]:
            assert schedule.id is not None
            last = store.last_occurrence(session, schedule.id)
            floating = schedule.zone == "local"
            after = max(schedule.plan_from, recurrence.opens_at(last.occurs_at, floating=floating)) if last else None
            next_at = recurrence.next_occurrence(
                recurrence_of(schedule), zone_of(schedule.zone), after=after or schedule.plan_from
            )
            series, sent = series_of(schedule), store.planned_count(session, schedule.id)
            index = series_index(sent, len(series), cycle=schedule.series_cycle)
            found.append(
                ScheduleSummary(
                    schedule=schedule_view(schedule),
                    next_at=next_at if schedule.state == "active" and index is not None else None,
                    last_at=last.occurs_at if last else None,
                    last_state=last.state if last else "",
                    last_reach=occurrence_reach(session, schedule.id, last.occurs_at) if last else Reach(),
                    total=occurrence_reach(session, schedule.id),
                    next_message="" if index is None else series[index].title or series[index].text,
                    next_number=0 if index is None else index + 1,
                    series_length=len(series),
                    cascade=occurrence_cascade(session, schedule, last) if last else None,
                    understood=latest_understood(session, schedule, now=now, min_size=min_size),
                )
            )
    return found


def schedule_view(schedule: KeySchedule) -> Schedule:
    return Schedule(
        id=schedule.id or 0,
        owner=schedule.owner,
        title=schedule.title,
        text=schedule.text,
        kind=schedule.kind,
        start_date=schedule.start_date,
        at_time=schedule.at_time,
        weekdays=tuple(schedule.weekdays),
        interval_weeks=schedule.interval_weeks,
        until_date=schedule.until_date,
        zone=schedule.zone,
        state=schedule.state,
    )


@dataclass(frozen=True)
class Click:
    """Who clicked, on which message (its channel and timestamp)."""

    user_id: str
    channel: str
    ts: str


def acknowledge(runtime: Runtime, click: Click, ack_value: str, kind: str) -> Acknowledged:
    """Record a click on "Got it" or "Discussed with my team"; a repeat click is recorded once."""
    schedule_id, occurs_at = _parse_ack_value(ack_value)
    if kind not in (GOT_IT, DISCUSSED):
        raise KeyMessageError("That button is not one Cadence knows.")
    now, user_id = runtime.clock.now(), click.user_id
    managers = lines(runtime).keys()
    with runtime.session() as session:
        schedule = store.get_schedule(session, schedule_id)
    if schedule is None:
        raise KeyMessageError("That key message no longer exists.")
    if schedule.mode == CHANNEL_MODE:
        _check_member(runtime, click)
    with runtime.session() as session:
        _check_offered(session, schedule, occurs_at, click, kind, managers)
        recorded = store.record_ack(
            session, schedule_id=schedule_id, occurs_at=occurs_at, user_id=user_id, kind=kind, now=now
        )
        given = store.ack_kinds(session, schedule_id=schedule_id, occurs_at=occurs_at, user_id=user_id)
        counts = store.ack_counts(session, schedule_id=schedule_id, occurs_at=occurs_at)
    log.info("key message %s: %s from %s (%s)", ack_value, kind, user_id, "new" if recorded else "repeat")
    return Acknowledged(schedule_id, recorded, frozenset(given), counts)


def _check_member(runtime: Runtime, click: Click) -> None:
    """A post's buttons are for the members of the channel it was posted in (asked with no unit of work open, for
    the directory may ask Slack)."""
    try:
        member = click.user_id in runtime.directory.audience([click.channel])
    except DirectoryError as exc:
        raise KeyMessageError(f"Slack could not confirm who this was sent to ({exc.error}); try again.") from exc
    if not member:
        raise KeyMessageError(NOT_YOURS)


def _check_offered(
    session: Any, schedule: KeySchedule, occurs_at: datetime, click: Click, kind: str, managers: Collection[str]
) -> None:
    """Refuse a click Cadence never offered this person: on a message that is not the occurrence's delivery to
    them (or, for a post, to the channel clicked in), "Got it" from a manager of a cascade, or "Discussed" from
    someone who leads no team once teams are known."""
    stamp, user_id = recurrence.stamp(occurs_at), click.user_id
    role = MEMBER
    if schedule.mode == CASCADE_MODE:
        occurrence = store.get_occurrence(session, schedule.id or 0, occurs_at)
        role = (role_in(occurrence, user_id) if occurrence is not None else None) or ""
        if not role:
            raise KeyMessageError(NOT_YOURS)
        if (kind == DISCUSSED) != (role == MANAGER):
            raise KeyMessageError(MANAGERS_ONLY if kind == DISCUSSED else "You share this one with your team.")
    elif kind == DISCUSSED and managers and user_id not in managers:
        raise KeyMessageError(MANAGERS_ONLY)
    recipient = click.channel if schedule.mode == CHANNEL_MODE else user_id
    if not clicked_delivery(session, schedule, stamp, recipient, role, channel=click.channel, ts=click.ts):
        raise KeyMessageError(NOT_YOURS)


def _parse_ack_value(value: str) -> tuple[int, datetime]:
    schedule_part, _, stamp = value.partition(":")
    try:
        schedule_id = parse_id(schedule_part)
        if schedule_id is None:
            raise ValueError(schedule_part)
        return schedule_id, recurrence.parse_stamp(stamp)
    except ValueError as exc:
        raise KeyMessageError("That button is out of date; nothing was recorded.") from exc


def latest(runtime: Runtime, *, limit: int = 3) -> list[RecentMessage]:
    """The key messages that went out most recently, one per schedule, for `/promise`."""
    with runtime.session() as session:
        rows = store.latest_planned(session, limit=limit * 5)
    seen: set[int] = set()
    recent: list[RecentMessage] = []
    for schedule, occurrence in rows:
        if schedule.id in seen or occurrence.occurs_at > runtime.clock.now():
            continue
        seen.add(schedule.id or 0)
        recent.append(
            RecentMessage(schedule.title, schedule.text, schedule.owner, when(occurrence.occurs_at, schedule.zone))
        )
    return recent[:limit]
