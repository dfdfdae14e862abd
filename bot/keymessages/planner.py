"""The key-message planner: turns occurrences that have fallen due into one outbox delivery per recipient, all
referencing the occurrence's one stored payload and written in batches, so memory stays flat however large the
audience.

Each occurrence is recorded in the same unit of work as its deliveries, under a unique (schedule, instant) pair,
and each delivery under `keymsg:{schedule}:{occurrence}:{recipient}`; so a second clock, a restart or a crash
mid-plan never sends twice and never skips anyone. A recipient whose own delivery time (the occurrence moved into
their working hours) is more than the catch-up grace in the past (the clock was down) is counted as having missed
it, and the occurrence is recorded as missed when everyone did; its owner is told once, and nothing is silently
dropped. The audience is read even for an occurrence long past, since working hours may still put a delivery ahead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import chain, islice
from typing import Any

from bot.keymessages import recurrence
from bot.keymessages.audience import Recipient, RecipientBatches, due_at, recipient_batches, working_time_of
from bot.keymessages.cascade import delivery_key, lines_of
from bot.keymessages.draft import CHANNEL_MODE, zone_of
from bot.keymessages.handover import hand_over_lapsed
from bot.keymessages.schedules import message_for, payload, recurrence_of
from bot.keymessages.views import CASCADE_MODE, SeriesMessage
from bot.platform.calendars import WorkingTime
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import enqueue, enqueue_shared, failure_notice
from bot.platform.runtime import Runtime
from content.blocks.keymessage_notices import missed_notice
from storage import keymessages as store
from storage.models import KeySchedule, OccurrenceState, ScheduleState

log = logging.getLogger(__name__)

Targets = Iterator[tuple[Recipient, datetime]]
"""Each recipient queued, with when their delivery falls due."""

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
    try:
        reached = recipient_batches(runtime, schedule.audience, schedule.mode, schedule.zone)
        work = working_time_of(runtime, schedule.mode, schedule.audience)
    except DirectoryError as exc:
        if exc.transient:
            log.warning("schedule %s: audience unavailable (%s); retrying next tick", schedule.id, exc.error)
            return
        _record_failed(runtime, schedule, due, exc.error)
        return
    _fan_out(runtime, schedule, due, reached, work, now - grace)


@dataclass
class Reach:
    """How many of an occurrence's recipients were queued in time and how many were too late, counted as the
    audience streams past (once per version it is read for)."""

    keep_lines: bool = False
    """Sent through managers: keep who got which version (such an audience is read whole, never streamed)."""
    on_time: int = 0
    late: int = 0
    lines: list[Recipient] = field(default_factory=list)

    def in_time(
        self, batches: Iterator[list[Recipient]], role: str, occurs_at: datetime, work: WorkingTime, cutoff: datetime
    ) -> Targets:
        for batch in batches:
            for recipient in batch:
                if recipient.role != role:
                    continue
                at = due_at(occurs_at, recipient, work)
                if at < cutoff:
                    self.late += 1
                    continue
                self.on_time += 1
                if self.keep_lines:
                    self.lines.append(recipient)
                yield recipient, at


def _fan_out(
    runtime: Runtime,
    schedule: KeySchedule,
    due: list[datetime],
    recipients: RecipientBatches,
    work: WorkingTime,
    cutoff: datetime,
) -> None:
    """Record each due occurrence and queue its deliveries, all in one unit of work: each recipient whose delivery
    falls due at or after `cutoff`, the others counted as late. The audience streams into the outbox in batches;
    the occurrence's reach is recorded once it has."""
    assert schedule.id is not None
    now = runtime.clock.now()
    missed: list[Missed] = []
    with runtime.session() as session:
        for occurs_at in due:
            message = message_for(schedule, store.planned_count(session, schedule.id))
            if message is None:
                break  # a series that does not cycle has sent its last message
            if not store.add_occurrence(
                session, schedule_id=schedule.id, occurs_at=occurs_at, state=OccurrenceState.PLANNED, now=now
            ):
                continue  # another clock planned it
            reach = Reach(keep_lines=schedule.mode == CASCADE_MODE)
            for role in recipients.versions:
                in_time = reach.in_time(recipients.read(), role, occurs_at, work, cutoff)
                _queue(runtime, session, schedule, message, occurs_at, in_time, role, now)
            all_missed = reach.late > 0 and not reach.on_time
            state = OccurrenceState.MISSED if all_missed else OccurrenceState.PLANNED
            store.record_reach(
                session,
                schedule.id,
                occurs_at,
                state=state,
                recipients=reach.on_time,
                missed=reach.late,
                cascade=lines_of(schedule, reach.lines),
            )
            if reach.late:
                missed.append(Missed(occurs_at, reach.late, all_missed=all_missed))
        if missed:
            _notify_missed(runtime, session, schedule, missed, now)
    log.info("schedule %s: planned %d occurrence(s), %d missed", schedule.id, len(due), len(missed))


def _queue(
    runtime: Runtime,
    session: Any,
    schedule: KeySchedule,
    message: SeriesMessage,
    occurs_at: datetime,
    targets: Targets,
    role: str,
    now: datetime,
) -> None:
    """The deliveries of one version (role) of the occurrence, sharing its one stored payload, each keyed by
    recipient and role; no payload is stored for a version nobody gets."""
    assert schedule.id is not None
    first = next(targets, None)
    if first is None:
        return
    stamp = recurrence.stamp(occurs_at)
    body = payload(runtime, schedule, ack_value=f"{schedule.id}:{stamp}", message=message, role=role)
    if schedule.mode == CHANNEL_MODE:
        body |= failure_notice(schedule.owner, f"Your key message (schedule {schedule.id}) could not be posted")
    addressed = ((delivery_key(schedule, stamp, r.id, role), r.id, at) for r, at in chain([first], targets))
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
