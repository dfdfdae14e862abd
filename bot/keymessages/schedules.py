"""Key messages: leaders schedule them, pause, resume, edit and cancel them. Planning and delivery live in
`bot.keymessages.planner`; reach and acknowledgements in `bot.keymessages.reach`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.keymessages import recurrence
from bot.keymessages.arrivals import arrivals
from bot.keymessages.draft import Draft, Plan, check, planning_start, zone_of
from bot.keymessages.policy import may_change_schedule
from bot.keymessages.views import EVERYONE, MANAGER, MEMBER, SERIES_BREAK, Arrival, SeriesMessage
from bot.platform.outbox import keys
from bot.platform.outbox.queue import cancel_pending, enqueue
from bot.platform.roles import Actor
from bot.platform.runtime import Runtime
from content.blocks.keymessages import (
    KeyMessageView,
    manager_blocks,
    member_blocks,
    message_blocks,
    notification_text,
)
from storage import keymessages as store
from storage.models import KeySchedule, ScheduleState

log = logging.getLogger(__name__)

PAUSE, RESUME, CANCEL = "pause", "resume", "cancel"


class KeyMessageError(Exception):
    """A request Cadence refuses; the message says why and what to do instead."""


@dataclass(frozen=True)
class Saved:
    schedule_id: int
    next_at: datetime | None
    zone: str
    audience: tuple[str, ...]
    mode: str
    arrivals: tuple[Arrival, ...] = ()
    """When the next occurrence reaches each group of recipients."""


def save(
    runtime: Runtime, actor: Actor, draft: Draft, *, schedule_id: int | None = None
) -> tuple[Saved | None, dict[str, str]]:
    """Create (or, with `schedule_id`, edit) a schedule from a draft. Returns the field errors when it can't.
    Whether `actor` may schedule at all is `policy.may_schedule`, asked by the surface; an edit asks
    `policy.may_change_schedule` here, where the schedule's owner is known.

    An edit applies from now on: occurrences already planned keep what they were sent with, and planning
    resumes after the edit, so no occurrence is sent twice."""
    user_id = actor.user_id
    now = runtime.clock.now()
    plan, errors = check(runtime, draft, now=now)
    if plan is None:
        return None, errors
    with runtime.session() as session:
        if schedule_id is None:
            schedule = store.add_schedule(session, owner=user_id, created_at=now, **_fields(plan, now))
        else:
            schedule = _editable(session, actor, schedule_id)
            store.update_schedule(session, schedule_id, **_fields(plan, now))
            session.refresh(schedule)
        assert schedule.id is not None
        saved_id = schedule.id
        if plan.preview:
            _queue_preview(runtime, session, schedule, user_id, now)
        next_at = recurrence.next_occurrence(plan.recurrence, zone_of(plan.zone), after=schedule.plan_from)
        log.info("key message schedule %s saved by %s", schedule.id, user_id)
    arriving = arrivals(runtime, plan.audience, plan.mode, plan.zone, next_at) if next_at else ()
    return Saved(saved_id, next_at, plan.zone, plan.audience, plan.mode, arriving), {}


def _fields(plan: Plan, now: datetime) -> dict[str, Any]:
    rec = plan.recurrence
    return {
        "title": plan.title,
        "library_key": plan.library_key,
        "text": plan.text,
        "prompt_key": plan.prompt_key,
        "series": [{"key": m.key, "title": m.title, "text": m.text} for m in plan.series],
        "series_cycle": plan.cycle,
        "clarity": plan.clarity,
        "audience": list(plan.audience),
        "mode": plan.mode,
        "kind": _kind_name(rec),
        "start_date": rec.start,
        "at_time": rec.at,
        "weekdays": list(rec.weekdays),
        "interval_weeks": rec.interval,
        "until_date": rec.until,
        "zone": plan.zone,
        "state": ScheduleState.ACTIVE,
        "plan_from": planning_start(now, plan.zone),
        "updated_at": now,
    }


def _kind_name(rec: recurrence.Recurrence) -> str:
    if rec.kind is recurrence.Kind.WEEKLY and rec.interval > 1:
        return "every_n_weeks"
    return rec.kind.value


def recurrence_of(schedule: KeySchedule) -> recurrence.Recurrence:
    kind = recurrence.Kind.WEEKLY if schedule.kind == "every_n_weeks" else recurrence.Kind(schedule.kind)
    return recurrence.Recurrence(
        kind,
        schedule.start_date,
        schedule.at_time,
        tuple(schedule.weekdays),
        schedule.interval_weeks,
        schedule.until_date,
    )


def draft_of(runtime: Runtime, actor: Actor, schedule_id: int) -> Draft:
    """A saved schedule as a draft, to prefill the compose modal for an edit."""
    with runtime.session() as session:
        s = _editable(session, actor, schedule_id)
        groups = " ".join(a for a in s.audience if a.startswith("S"))
        series = series_of(s)
        keys = tuple(m.key for m in series if m.key)
        written = f"\n{SERIES_BREAK}\n".join(m.text for m in series if not m.key)
        return Draft(
            library_key=keys[0] if len(keys) == 1 else "",
            text=written,
            prompt_key=s.prompt_key,
            series_keys=keys if len(keys) > 1 else (),
            cycle=s.series_cycle,
            channels=tuple(a for a in s.audience if not a.startswith("S")),
            groups=groups,
            mode=s.mode,
            kind=s.kind,
            start=s.start_date,
            at=s.at_time,
            weekdays=tuple(s.weekdays),
            interval=str(s.interval_weeks) if s.kind == "every_n_weeks" else "",
            until=s.until_date,
            zone=s.zone,
            clarity=s.clarity,
        )


def change_state(runtime: Runtime, actor: Actor, schedule_id: int, action: str) -> str:
    """Pause, resume or cancel a schedule; returns what happened, in a sentence. Pausing or cancelling also
    withdraws deliveries planned but not yet sent; resuming plans from now on (a pause is not caught up)."""
    now = runtime.clock.now()
    with runtime.session() as session:
        schedule = _editable(session, actor, schedule_id)
        if schedule.state == ScheduleState.CANCELLED:
            raise KeyMessageError("That schedule was cancelled already.")
        if action == RESUME:
            if schedule.state == ScheduleState.ACTIVE:
                return "That schedule is running already."
            store.update_schedule(
                session, schedule_id, state=ScheduleState.ACTIVE, plan_from=planning_start(now, schedule.zone)
            )
            return "Resumed: the next occurrence goes out as planned."
        state = ScheduleState.PAUSED if action == PAUSE else ScheduleState.CANCELLED
        withdrawn = cancel_pending(session, keys.key_messages_of(schedule_id))
        store.update_schedule(session, schedule_id, state=state, updated_at=now)
        log.info("key message schedule %s %s by %s (%d withdrawn)", schedule_id, state, actor.user_id, withdrawn)
        return "Paused: nothing more goes out until you resume it." if action == PAUSE else "Cancelled."


def _editable(session: Any, actor: Actor, schedule_id: int) -> KeySchedule:
    schedule = store.get_schedule(session, schedule_id)
    if schedule is None or schedule.state == ScheduleState.CANCELLED:
        raise KeyMessageError("That schedule no longer exists. Run `/promise list` to see your schedules.")
    decision = may_change_schedule(actor, schedule.owner)
    if not decision.allowed:
        raise KeyMessageError(decision.reason)
    return schedule


def series_of(schedule: KeySchedule) -> tuple[SeriesMessage, ...]:
    """A schedule's messages in order; one saved before series existed carries just its own."""
    if not schedule.series:
        return (SeriesMessage(schedule.library_key, schedule.title, schedule.text),)
    return tuple(SeriesMessage(m.get("key", ""), m.get("title", ""), m.get("text", "")) for m in schedule.series)


def series_index(occurrence: int, length: int, *, cycle: bool) -> int | None:
    """Which message of a series occurrence number `occurrence` (from 0) sends: the list in order, starting again
    after the last when cycling; None past the end when not, for the schedule ends with its list."""
    if length <= 0 or (not cycle and occurrence >= length):
        return None
    return occurrence % length


def message_for(schedule: KeySchedule, occurrence: int) -> SeriesMessage | None:
    series = series_of(schedule)
    index = series_index(occurrence, len(series), cycle=schedule.series_cycle)
    return None if index is None else series[index]


def view_of(runtime: Runtime, schedule: KeySchedule, message: SeriesMessage | None = None) -> KeyMessageView:
    """The message as recipients see it: `message` of the series, or (None) the schedule's first."""
    prompt = runtime.pack.prompt(schedule.prompt_key) if schedule.prompt_key else None
    title, text = (message.title, message.text) if message else (schedule.title, schedule.text)
    clarity = runtime.pack.clarity if schedule.clarity else None
    min_size = runtime.settings.min_group_size
    return KeyMessageView(schedule.owner, title, text, prompt, clarity=clarity, min_size=min_size)


def payload(
    runtime: Runtime,
    schedule: KeySchedule,
    *,
    ack_value: str | None,
    preview: bool = False,
    message: SeriesMessage | None = None,
    role: str = EVERYONE,
) -> dict:
    """The message in the version `role` gets (see `bot.keymessages.cascade`)."""
    view = view_of(runtime, schedule, message)
    if ack_value is not None and role == MANAGER:
        blocks = manager_blocks(view, ack_value=ack_value)
    elif ack_value is not None and role == MEMBER:
        blocks = member_blocks(view, ack_value=ack_value)
    else:
        blocks = message_blocks(view, ack_value=ack_value, preview=preview)
    return {"text": notification_text(view), "blocks": blocks}


def _queue_preview(runtime: Runtime, session: Any, schedule: KeySchedule, user_id: str, now: datetime) -> None:
    enqueue(
        session,
        keys.key_message_preview(schedule.id or 0, user_id, now),
        channel=user_id,
        payload=payload(runtime, schedule, ack_value=None, preview=True),
        due_at=now,
        now=now,
    )
