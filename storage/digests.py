"""Repository for digests: champions' channels set up in Slack, and the read-only aggregates a digest is built
from. Every figure is computed in SQL (sums and counts), so a digest costs a few indexed queries however large
the organisation; answers are read by round, group and question, never by person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime, time
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.models import (
    DigestChannel,
    DigestPost,
    DigestWatch,
    KeyOccurrence,
    KeySchedule,
    OccurrenceState,
    PulseAnswer,
    PulseKeptPair,
    PulseKeptScore,
)
from storage.pulse_kept import split

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
        dialect_insert(session)(DigestChannel)
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
    session.exec(
        dialect_insert(session)(DigestWatch).values(channel=channel, first_seen_at=now).on_conflict_do_nothing()
    )
    return session.exec(select(DigestWatch.first_seen_at).where(col(DigestWatch.channel) == channel)).one()


# --- pulses ---------------------------------------------------------------------------------------------------------


def _in_groups(column: Any, groups: Collection[str] | None) -> list[Any]:
    return [] if groups is None else [column.in_(list(groups))]


def answer_counts(
    session: Session, round_ids: Collection[int], groups: Collection[str] | None, question_ids: Collection[str]
) -> dict[str, int]:
    """How many answers each of `question_ids` got in these rounds."""
    kept, raw = split(session, round_ids)
    counts: dict[str, int] = defaultdict(int)
    sources: tuple[tuple[list[int], Any, Any], ...] = (
        (kept, PulseKeptScore, func.sum(col(PulseKeptScore.answers))),
        (raw, PulseAnswer, func.count()),
    )
    for ids, model, answers in (source for source in sources if source[0]):
        statement = (
            select(model.question_id, answers)
            .where(
                col(model.round_id).in_(ids),
                col(model.question_id).in_(list(question_ids)),
                *_in_groups(col(model.group), groups),
            )
            .group_by(col(model.question_id))
        )
        for question_id, n in session.exec(statement):
            counts[question_id] += int(n)
    return dict(counts)


PairRow = tuple[str, int, float, float, float, float, float]


def pair_sums(
    session: Session,
    round_ids: Collection[int],
    groups: Collection[str] | None,
    outcome_id: str,
    items: Collection[str] | None = None,
) -> list[PairRow]:
    """For each item (of `items`, when given): (question id, n, Σx, Σy, Σxy, Σx², Σy²), the sums Pearson's r
    needs, over respondents who answered it and the outcome item in the same round (paired through the round's
    token), in question order."""
    kept, raw = split(session, round_ids)
    totals: dict[str, list[float]] = defaultdict(lambda: [0] * 6)
    for ids, build in ((kept, _kept_pair_sums), (raw, _answer_pair_sums)):
        for question_id, *sums in session.execute(build(ids, groups, outcome_id, items)) if ids else ():
            totals[question_id] = [t + float(v or 0) for t, v in zip(totals[question_id], sums, strict=True)]
    return [(q, int(n), sx, sy, sxy, sxx, syy) for q, (n, sx, sy, sxy, sxx, syy) in sorted(totals.items())]


def _kept_pair_sums(
    round_ids: list[int], groups: Collection[str] | None, outcome_id: str, items: Collection[str] | None
) -> Any:
    pair = PulseKeptPair
    sums = (func.sum(col(getattr(pair, name))) for name in ("n", "sx", "sy", "sxy", "sxx", "syy"))
    return (
        sa_select(col(pair.question_x), *sums)
        .where(
            col(pair.round_id).in_(round_ids),
            col(pair.question_y) == outcome_id,
            col(pair.question_x) != outcome_id,
            *_in_groups(col(pair.group), groups),
            *([col(pair.question_x).in_(list(items))] if items is not None else []),
        )
        .group_by(col(pair.question_x))
    )


def _answer_pair_sums(
    round_ids: list[int], groups: Collection[str] | None, outcome_id: str, items: Collection[str] | None
) -> Any:
    table: Any = PulseAnswer.__table__  # type: ignore[attr-defined]
    item, outcome = table.alias("item"), table.alias("outcome")
    x, y = item.c.score, outcome.c.score
    return (
        sa_select(item.c.question_id, func.count(), func.sum(x), func.sum(y), func.sum(x * y), func.sum(x * x))
        .add_columns(func.sum(y * y))
        .join(outcome, and_(outcome.c.round_id == item.c.round_id, outcome.c.token == item.c.token))
        .where(
            item.c.round_id.in_(round_ids),
            outcome.c.question_id == outcome_id,
            item.c.question_id != outcome_id,
            *_in_groups(item.c.group, groups),
            *([item.c.question_id.in_(list(items))] if items is not None else []),
        )
        .group_by(item.c.question_id)
    )


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
