"""Repository for key-message schedules, their occurrences and acknowledgements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, col, select

from storage.models import KeyAck, KeyOccurrence, KeySchedule, OccurrenceState, ScheduleState


def add_schedule(session: Session, **fields: Any) -> KeySchedule:
    schedule = KeySchedule(**fields)
    session.add(schedule)
    session.flush()
    return schedule


def get_schedule(session: Session, schedule_id: int) -> KeySchedule | None:
    return session.get(KeySchedule, schedule_id)


def update_schedule(session: Session, schedule_id: int, **values: Any) -> None:
    session.exec(update(KeySchedule).where(col(KeySchedule.id) == schedule_id).values(**values))


def schedules_in_state(session: Session, state: str) -> Sequence[KeySchedule]:
    return session.exec(select(KeySchedule).where(col(KeySchedule.state) == state).order_by(col(KeySchedule.id))).all()


def schedules_of(session: Session, *, owner: str | None) -> Sequence[KeySchedule]:
    """Schedules not cancelled, newest first: one owner's, or everyone's when `owner` is None."""
    statement = select(KeySchedule).where(col(KeySchedule.state) != ScheduleState.CANCELLED)
    if owner is not None:
        statement = statement.where(col(KeySchedule.owner) == owner)
    return session.exec(statement.order_by(col(KeySchedule.id).desc())).all()


def active_owned_by(session: Session, owner: str) -> Sequence[KeySchedule]:
    statement = select(KeySchedule).where(
        col(KeySchedule.owner) == owner, col(KeySchedule.state) != ScheduleState.CANCELLED
    )
    return session.exec(statement.order_by(col(KeySchedule.id))).all()


def last_occurrence(session: Session, schedule_id: int) -> KeyOccurrence | None:
    statement = (
        select(KeyOccurrence)
        .where(col(KeyOccurrence.schedule_id) == schedule_id)
        .order_by(col(KeyOccurrence.occurs_at).desc())
        .limit(1)
    )
    return session.exec(statement).first()


def get_occurrence(session: Session, schedule_id: int, occurs_at: datetime) -> KeyOccurrence | None:
    statement = select(KeyOccurrence).where(
        col(KeyOccurrence.schedule_id) == schedule_id, col(KeyOccurrence.occurs_at) == occurs_at
    )
    return session.exec(statement).first()


def add_occurrence(
    session: Session,
    *,
    schedule_id: int,
    occurs_at: datetime,
    state: OccurrenceState,
    now: datetime,
    recipients: int = 0,
    missed: int = 0,
    error: str | None = None,
    cascade: dict[str, list[str]] | None = None,
) -> bool:
    """Record an occurrence unless another process has. True when this call recorded it: only then fan out."""
    values = {
        "cascade": cascade,
        "schedule_id": schedule_id,
        "occurs_at": occurs_at,
        "state": state,
        "recipients": recipients,
        "missed": missed,
        "error": error,
        "planned_at": now,
    }
    return _insert_once(session, KeyOccurrence, values, ["schedule_id", "occurs_at"])


def record_reach(
    session: Session,
    schedule_id: int,
    occurs_at: datetime,
    *,
    state: OccurrenceState,
    recipients: int,
    missed: int,
    cascade: dict[str, list[str]] | None = None,
) -> None:
    """Record how many people an occurrence just planned reached in time, how many it missed, and (sent through
    managers) who got which version."""
    session.exec(
        update(KeyOccurrence)
        .where(col(KeyOccurrence.schedule_id) == schedule_id, col(KeyOccurrence.occurs_at) == occurs_at)
        .values(state=state, recipients=recipients, missed=missed, cascade=cascade)
    )


def latest_planned(session: Session, *, limit: int) -> list[tuple[KeySchedule, KeyOccurrence]]:
    """The most recent occurrences that went out, with their schedules, newest first."""
    statement = (
        select(KeySchedule, KeyOccurrence)
        .join(KeyOccurrence, col(KeyOccurrence.schedule_id) == col(KeySchedule.id))
        .where(col(KeyOccurrence.state) == OccurrenceState.PLANNED)
        .order_by(col(KeyOccurrence.occurs_at).desc(), col(KeyOccurrence.id).desc())
        .limit(limit)
    )
    return [(schedule, occurrence) for schedule, occurrence in session.exec(statement)]


def cascaded_occurrences(session: Session, *, until: datetime, limit: int) -> list[KeyOccurrence]:
    """The latest occurrences sent through managers up to `until`, newest first."""
    statement = (
        select(KeyOccurrence)
        .join(KeySchedule, col(KeyOccurrence.schedule_id) == col(KeySchedule.id))
        .where(
            col(KeySchedule.mode) == "cascade",
            col(KeyOccurrence.state) == OccurrenceState.PLANNED,
            col(KeyOccurrence.occurs_at) <= until,
        )
        .order_by(col(KeyOccurrence.occurs_at).desc(), col(KeyOccurrence.id).desc())
        .limit(limit)
    )
    return list(session.exec(statement))


def recent_planned(
    session: Session, schedule_id: int, *, limit: int, before: datetime | None = None
) -> list[KeyOccurrence]:
    """A schedule's latest occurrences that went out (before `before`, if given), newest first."""
    statement = select(KeyOccurrence).where(
        col(KeyOccurrence.schedule_id) == schedule_id, col(KeyOccurrence.state) == OccurrenceState.PLANNED
    )
    if before is not None:
        statement = statement.where(col(KeyOccurrence.occurs_at) < before)
    return list(session.exec(statement.order_by(col(KeyOccurrence.occurs_at).desc()).limit(limit)))


def planned_with_check(
    session: Session, *, since: datetime, until: datetime
) -> list[tuple[KeySchedule, KeyOccurrence]]:
    """Occurrences in [since, until) that went out carrying the clarity check, with their schedules, oldest first."""
    statement = (
        select(KeySchedule, KeyOccurrence)
        .join(KeyOccurrence, col(KeyOccurrence.schedule_id) == col(KeySchedule.id))
        .where(
            col(KeySchedule.clarity),
            col(KeyOccurrence.state) == OccurrenceState.PLANNED,
            col(KeyOccurrence.occurs_at) >= since,
            col(KeyOccurrence.occurs_at) < until,
        )
        .order_by(col(KeyOccurrence.occurs_at), col(KeyOccurrence.id))
    )
    return [(schedule, occurrence) for schedule, occurrence in session.exec(statement)]


def record_ack(
    session: Session, *, schedule_id: int, occurs_at: datetime, user_id: str, kind: str, now: datetime
) -> bool:
    """Record one acknowledgement; False when this person had already given it (a double click, a retry)."""
    values = {"schedule_id": schedule_id, "occurs_at": occurs_at, "user_id": user_id, "kind": kind, "created_at": now}
    return _insert_once(session, KeyAck, values, ["schedule_id", "occurs_at", "user_id", "kind"])


def ack_kinds(session: Session, *, schedule_id: int, occurs_at: datetime, user_id: str) -> set[str]:
    statement = select(KeyAck.kind).where(
        col(KeyAck.schedule_id) == schedule_id, col(KeyAck.occurs_at) == occurs_at, col(KeyAck.user_id) == user_id
    )
    return set(session.exec(statement))


def ackers(session: Session, *, schedule_id: int, occurs_at: datetime) -> dict[str, set[str]]:
    """Who gave each acknowledgement of one occurrence."""
    statement = select(KeyAck.kind, KeyAck.user_id).where(
        col(KeyAck.schedule_id) == schedule_id, col(KeyAck.occurs_at) == occurs_at
    )
    found: dict[str, set[str]] = {}
    for kind, user_id in session.exec(statement):
        found.setdefault(kind, set()).add(user_id)
    return found


def ack_counts(session: Session, *, schedule_id: int, occurs_at: datetime | None = None) -> dict[str, int]:
    """How many people gave each acknowledgement, for one occurrence or (None) the whole schedule."""
    statement = select(KeyAck.kind, func.count()).where(col(KeyAck.schedule_id) == schedule_id)
    if occurs_at is not None:
        statement = statement.where(col(KeyAck.occurs_at) == occurs_at)
    return {kind: count for kind, count in session.exec(statement.group_by(KeyAck.kind))}


def _insert_once(session: Session, model: type[SQLModel], values: dict[str, Any], unique: list[str]) -> bool:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    table: Any = model.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=unique).returning(table.c.id)
    return session.exec(statement).first() is not None


def planned_count(session: Session, schedule_id: int) -> int:
    """How many occurrences of a schedule went out (missed and failed ones aside): the index of its next one."""
    statement = (
        select(func.count())
        .select_from(KeyOccurrence)
        .where(col(KeyOccurrence.schedule_id) == schedule_id, col(KeyOccurrence.state) == OccurrenceState.PLANNED)
    )
    return int(session.exec(statement).one())
