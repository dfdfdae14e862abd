"""The key-message planner: turns occurrences that have fallen due into one outbox delivery per recipient, all
referencing the occurrence's one stored payload and written in batches, so memory stays flat however large the
audience.

Each occurrence is recorded in the same unit of work as its deliveries, under a unique (schedule, instant) pair,
and each delivery under `keymsg:{schedule}:{occurrence}:{recipient}`; so a second clock, a restart or a crash
mid-plan never sends twice and never skips anyone. An occurrence missed for longer than the catch-up grace (the
clock was down) is recorded as missed, and its owner told once; it is never silently dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from bot.keymessages import recurrence
from bot.keymessages.audience import Recipient, due_at, recipients, working_time_of
from bot.keymessages.cascade import delivery_key, lines_of
from bot.keymessages.draft import CHANNEL_MODE, zone_of
from bot.keymessages.handover import hand_over_lapsed
from bot.keymessages.schedules import message_for, payload, recurrence_of
from bot.keymessages.views import SeriesMessage
from bot.platform.calendars import WorkingTime
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import enqueue, enqueue_shared, failure_notice
from bot.platform.runtime import Runtime
from content.blocks.keymessage_notices import missed_notice
from storage import keymessages as store
from storage.models import KeySchedule, OccurrenceState, ScheduleState

log = logging.getLogger(__name__)

MAX_OCCURRENCES_PER_PASS = 50


@dataclass
class Missed:
    """An occurrence (or part of one) that went unsent: `people` missed it, or all of it was missed."""

    occurs_at: datetime
    people: int
    all_missed: bool


def plan_key_messages(runtime: Runtime) -> None:
    """The planner registered with the scheduler."""
    schedules = _active(runtime)
    if hand_over_lapsed(runtime, {s.owner for s in schedules}):
        schedules = _active(runtime)
    for schedule in schedules:
        try:
            plan_schedule(runtime, schedule)
        except Exception:
            # One schedule's failure must not hold up the others; its occurrences stay unplanned for the next tick.
            log.exception("planning key message schedule %s failed", schedule.id)


def _active(runtime: Runtime) -> list[KeySchedule]:
    with runtime.session() as session:
        return list(store.schedules_in_state(session, ScheduleState.ACTIVE))


def plan_schedule(runtime: Runtime, schedule: KeySchedule) -> None:
    assert schedule.id is not None
    now = runtime.clock.now()
    floating = schedule.zone == "local"
    with runtime.session() as session:
        last = store.last_occurrence(session, schedule.id)
        if message_for(schedule, store.planned_count(session, schedule.id)) is None:
            return  # its series has ended
    after = schedule.plan_from
    if last is not None:
        after = max(after, recurrence.opens_at(last.occurs_at, floating=floating))
    found = recurrence.occurrences(recurrence_of(schedule), zone_of(schedule.zone), after=after, upto=now)
    due = list(islice(found, MAX_OCCURRENCES_PER_PASS))
    if not due:
        return
    grace = timedelta(minutes=runtime.settings.catchup_grace_minutes)
    needs_audience = floating or any(now - occurs_at <= grace for occurs_at in due)
    try:
        reached = recipients(runtime, schedule.audience, schedule.mode, schedule.zone) if needs_audience else None
        work = working_time_of(runtime, schedule.mode, reached or [])
    except DirectoryError as exc:
        if exc.transient:
            log.warning("schedule %s: audience unavailable (%s); retrying next tick", schedule.id, exc.error)
            return
        _record_failed(runtime, schedule, due, exc.error)
        return
    _fan_out(runtime, schedule, due, reached, work, now - grace)


def _fan_out(
    runtime: Runtime,
    schedule: KeySchedule,
    due: list[datetime],
    recipients: list[Recipient] | None,
    work: WorkingTime,
    cutoff: datetime,
) -> None:
    """Record each due occurrence and queue its deliveries, all in one unit of work. `recipients` is None when
    every due occurrence is past the grace period, so nobody needed looking up."""
    assert schedule.id is not None
    now = runtime.clock.now()
    missed: list[Missed] = []
    with runtime.session() as session:
        for occurs_at in due:
            message = message_for(schedule, store.planned_count(session, schedule.id))
            if message is None:
                break  # a series that does not cycle has sent its last message
            targets = [(r, due_at(occurs_at, r, work)) for r in recipients or []]
            on_time = [(r, at) for r, at in targets if at >= cutoff]
            late = len(targets) - len(on_time)
            all_missed = recipients is None or (late > 0 and not on_time)
            state = OccurrenceState.MISSED if all_missed else OccurrenceState.PLANNED
            if not store.add_occurrence(
                session,
                schedule_id=schedule.id,
                occurs_at=occurs_at,
                state=state,
                now=now,
                recipients=len(on_time),
                missed=late,
                cascade=lines_of(schedule, [r for r, _ in on_time]),
            ):
                continue  # another clock planned it
            _queue(runtime, session, schedule, message, occurs_at, on_time, now)
            if late or all_missed:
                missed.append(Missed(occurs_at, late, all_missed=all_missed))
        if missed:
            _notify_missed(runtime, session, schedule, missed, now)
    log.info("schedule %s: planned %d occurrence(s), %d missed", schedule.id, len(due), len(missed))


def _queue(
    runtime: Runtime,
    session: Any,
    schedule: KeySchedule,
    message: SeriesMessage,
    occurs_at: datetime,
    targets: list[tuple[Recipient, datetime]],
    now: datetime,
) -> None:
    """One shared payload per version (role) the targets get, each delivery keyed by recipient and role."""
    assert schedule.id is not None
    stamp = recurrence.stamp(occurs_at)
    for role in dict.fromkeys(r.role for r, _ in targets):
        body = payload(runtime, schedule, ack_value=f"{schedule.id}:{stamp}", message=message, role=role)
        if schedule.mode == CHANNEL_MODE:
            body |= failure_notice(schedule.owner, f"Your key message (schedule {schedule.id}) could not be posted")
        addressed = (
            (delivery_key(schedule, stamp, r.id, r.role), r.id, due_at) for r, due_at in targets if r.role == role
        )
        enqueue_shared(session, addressed, payload=body, now=now)


def _record_failed(runtime: Runtime, schedule: KeySchedule, due: list[datetime], error: str) -> None:
    """The audience itself is gone (a channel or group Slack no longer knows): record it and tell the owner."""
    assert schedule.id is not None
    now = runtime.clock.now()
    with runtime.session() as session:
        recorded = [
            occurs_at
            for occurs_at in due
            if store.add_occurrence(
                session,
                schedule_id=schedule.id,
                occurs_at=occurs_at,
                state=OccurrenceState.FAILED,
                now=now,
                error=error,
            )
        ]
        if recorded:
            missed = [Missed(o, 0, all_missed=True) for o in recorded]
            _notify_missed(runtime, session, schedule, missed, now, error=error)
    log.warning("schedule %s: audience could not be resolved (%s)", schedule.id, error)


def _notify_missed(
    runtime: Runtime, session: Any, schedule: KeySchedule, missed: list[Missed], now: datetime, error: str = ""
) -> None:
    first, last = recurrence.stamp(missed[0].occurs_at), recurrence.stamp(missed[-1].occurs_at)
    text, blocks = missed_notice(schedule.id or 0, schedule.title or schedule.text, missed, schedule.zone, error)
    enqueue(
        session,
        keys.key_messages_missed(schedule.id or 0, first, last),
        channel=schedule.owner,
        payload={"text": text, "blocks": blocks},
        due_at=now,
        now=now,
    )
