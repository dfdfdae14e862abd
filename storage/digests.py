"""Repository for digests: champions' channels set up in Slack, and the read-only aggregates a digest is built
from. Every figure is computed in SQL (sums and counts), so a digest costs a few indexed queries however large
the organisation; answers are read by round, group and question, never by person."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, time
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import (
    DigestChannel,
    DigestPost,
    DigestWatch,
    KeyOccurrence,
    KeySchedule,
    OccurrenceState,
    PulseAnswer,
)


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


# --- channels -------------------------------------------------------------------------------------------------------


def save_channel(
    session: Session,
    *,
    channel: str,
    scope_kind: str,
    scope_ids: list[str],
    weekday: int,
    at_time: time,
    timezone: str,
    by: str,
    now: datetime,
) -> None:
    """Create or replace the setup of `channel` (one row per channel, enforced by the database)."""
    values = {"scope_kind": scope_kind, "scope_ids": scope_ids, "weekday": weekday, "at_time": at_time}
    values |= {"timezone": timezone, "created_by": by, "updated_at": now}
    statement = (
        _insert(session)(DigestChannel)
        .values(channel=channel, created_at=now, **values)
        .on_conflict_do_update(index_elements=["channel"], set_=values)
    )
    session.exec(statement)


def configured_channels(session: Session) -> Sequence[DigestChannel]:
    return session.exec(select(DigestChannel).order_by(col(DigestChannel.channel))).all()


def record_post(session: Session, *, channel: str, delivery_id: int, headline: str, now: datetime) -> None:
    """Record the digest that delivery `delivery_id` posts in `channel`."""
    session.add(DigestPost(channel=channel, delivery_id=delivery_id, headline=headline[:300], queued_at=now))


def watch(session: Session, *, channel: str, now: datetime) -> datetime:
    """When digests were first planned for `channel` (now, the first time it is asked)."""
    session.exec(_insert(session)(DigestWatch).values(channel=channel, first_seen_at=now).on_conflict_do_nothing())
    return session.exec(select(DigestWatch.first_seen_at).where(col(DigestWatch.channel) == channel)).one()


# --- pulses ---------------------------------------------------------------------------------------------------------


def _in_groups(column: Any, groups: Collection[str] | None) -> list[Any]:
    return [] if groups is None else [column.in_(list(groups))]


def answer_counts(
    session: Session, round_ids: Collection[int], groups: Collection[str] | None, question_ids: Collection[str]
) -> dict[str, int]:
    """How many answers each of `question_ids` got in these rounds."""
    statement = (
        select(PulseAnswer.question_id, func.count())
        .where(
            col(PulseAnswer.round_id).in_(list(round_ids)),
            col(PulseAnswer.question_id).in_(list(question_ids)),
            *_in_groups(col(PulseAnswer.group), groups),
        )
        .group_by(col(PulseAnswer.question_id))
    )
    return {question_id: int(n) for question_id, n in session.exec(statement)}


def pair_sums(
    session: Session,
    round_ids: Collection[int],
    groups: Collection[str] | None,
    outcome_id: str,
    items: Collection[str] | None = None,
) -> list[tuple[str, int, float, float, float, float, float]]:
    """For each item (of `items`, when given): (question id, n, Σx, Σy, Σxy, Σx², Σy²), the sums Pearson's r
    needs, over respondents who answered it and the outcome item in the same round (paired through the round's
    token)."""
    table: Any = PulseAnswer.__table__  # type: ignore[attr-defined]
    item, outcome = table.alias("item"), table.alias("outcome")
    x, y = item.c.score, outcome.c.score
    statement = (
        sa_select(item.c.question_id, func.count(), func.sum(x), func.sum(y), func.sum(x * y), func.sum(x * x))
        .add_columns(func.sum(y * y))
        .join(outcome, and_(outcome.c.round_id == item.c.round_id, outcome.c.token == item.c.token))
        .where(
            item.c.round_id.in_(list(round_ids)),
            outcome.c.question_id == outcome_id,
            item.c.question_id != outcome_id,
            *_in_groups(item.c.group, groups),
            *([item.c.question_id.in_(list(items))] if items is not None else []),
        )
        .group_by(item.c.question_id)
    )
    rows = session.exec(statement)  # type: ignore[call-overload]
    return [(q, int(n), *(float(v or 0) for v in sums)) for q, n, *sums in rows]


# --- recognition ----------------------------------------------------------------------------------------------------


# --- key messages ---------------------------------------------------------------------------------------------------


def occurrences(session: Session, *, since: datetime, until: datetime) -> list[tuple[KeySchedule, KeyOccurrence]]:
    """Key-message occurrences in [since, until), with their schedules, oldest first."""
    statement = (
        select(KeySchedule, KeyOccurrence)
        .join(KeyOccurrence, col(KeyOccurrence.schedule_id) == col(KeySchedule.id))
        .where(col(KeyOccurrence.occurs_at) >= since, col(KeyOccurrence.occurs_at) < until)
        .order_by(col(KeyOccurrence.occurs_at), col(KeyOccurrence.id))
    )
    return [(schedule, occurrence) for schedule, occurrence in session.exec(statement)]


def last_key_message_at(session: Session, *, before: datetime) -> datetime | None:
    statement = select(func.max(KeyOccurrence.occurs_at)).where(
        col(KeyOccurrence.state) == OccurrenceState.PLANNED, col(KeyOccurrence.occurs_at) < before
    )
    return session.exec(statement).one()
