"""Keeping a closed round's aggregates: per reporting group, how many gave each score to each question, how many
people answered each dimension (and any question), and the pair sums of every two questions answered by the same
person (paired through the round's token, which the sums then drop). Computed in SQL, in the caller's transaction,
once per round (`pulse_kept_round`'s primary key); the readers in `storage.pulse_aggregates` and `storage.digests`
use them for kept rounds and sum the answers for any other."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, distinct, func, insert, literal, select
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from storage.db import dialect_insert
from storage.models import PulseAnswer, PulseKeptPair, PulseKeptPeople, PulseKeptRound, PulseKeptScore, PulseRound

ANY_DIMENSION = "*"
"""The `pulse_kept_people` dimension that counts the people who answered any question."""

CATCH_UP_ROUNDS = 20
_ANSWER: Any = PulseAnswer.__table__  # type: ignore[attr-defined]
_ROUND: Any = PulseRound.__table__  # type: ignore[attr-defined]


def kept_rounds(session: Session | Connection, round_ids: Collection[int]) -> set[int]:
    """Which of `round_ids` have their aggregates kept."""
    if not round_ids:
        return set()
    statement = select(col(PulseKeptRound.round_id)).where(col(PulseKeptRound.round_id).in_(list(round_ids)))
    return {round_id for (round_id,) in session.execute(statement)}


def split(session: Session, round_ids: Iterable[int]) -> tuple[list[int], list[int]]:
    """`round_ids` as (kept, to be summed from the answers)."""
    wanted = list(dict.fromkeys(round_ids))
    kept = kept_rounds(session, wanted)
    return [r for r in wanted if r in kept], [r for r in wanted if r not in kept]


def keep(session: Session | Connection, round_ids: Collection[int], *, now: datetime) -> list[int]:
    """Keep the aggregates of those of `round_ids` that are closed and not kept yet; the rounds kept now. Each
    round is claimed by inserting its `pulse_kept_round` row, so two callers racing keep it once."""
    closed = select(_ROUND.c.id).where(_ROUND.c.id.in_(list(round_ids)), _ROUND.c.state == "closed")
    candidates = [round_id for (round_id,) in session.execute(closed)]
    unkept = sorted(set(candidates) - kept_rounds(session, candidates))
    if not unkept:
        return []
    claim = dialect_insert(session)(PulseKeptRound).values([{"round_id": r, "kept_at": now} for r in unkept])
    fresh = sorted(
        r for (r,) in session.execute(claim.on_conflict_do_nothing().returning(col(PulseKeptRound.round_id)))
    )
    if not fresh:
        return []
    for statement in _aggregates(fresh):
        session.execute(statement)
    kept_questions = select(col(PulseKeptScore.question_id)).where(col(PulseKeptScore.round_id).in_(fresh)).distinct()
    for (question_id,) in session.execute(kept_questions).all():
        session.execute(_pairs(fresh, question_id))
    return fresh


def keep_all_closed(connection: Connection, *, now: datetime) -> list[int]:
    """Keep every closed round not kept yet (rounds closed before aggregates were kept), `CATCH_UP_ROUNDS` at a
    time so each statement stays small; run by every migrate."""
    closed = select(_ROUND.c.id).where(_ROUND.c.state == "closed").order_by(_ROUND.c.id)
    round_ids = list(connection.execute(closed).scalars())
    kept: list[int] = []
    for start in range(0, len(round_ids), CATCH_UP_ROUNDS):
        kept += keep(connection, round_ids[start : start + CATCH_UP_ROUNDS], now=now)
    return kept


def _aggregates(round_ids: list[int]) -> list[Any]:
    """The INSERT … SELECT statements that sum the answers of `round_ids` into the kept score and people tables."""
    a = _ANSWER
    in_rounds = a.c.round_id.in_(round_ids)
    cell = (a.c.round_id, a.c.group, a.c.question_id, a.c.dimension, a.c.scale, a.c.score)
    scores = select(*cell, func.count()).where(in_rounds).group_by(*cell)
    people = select(a.c.round_id, a.c.group, a.c.dimension, func.count(distinct(a.c.token)))
    anyone = select(a.c.round_id, a.c.group, literal(ANY_DIMENSION), func.count(distinct(a.c.token)))
    return [
        insert(PulseKeptScore).from_select(
            ["round_id", "group", "question_id", "dimension", "scale", "score", "answers"], scores
        ),
        insert(PulseKeptPeople).from_select(
            ["round_id", "group", "dimension", "people"],
            people.where(in_rounds).group_by(a.c.round_id, a.c.group, a.c.dimension),
        ),
        insert(PulseKeptPeople).from_select(
            ["round_id", "group", "dimension", "people"], anyone.where(in_rounds).group_by(a.c.round_id, a.c.group)
        ),
    ]


def _pairs(round_ids: list[int], question_y: str) -> Any:
    """The pair sums of every other question against `question_y`. One y question per statement, so the database
    finds each person's y answer by its unique key (round, token, question) rather than scanning the round."""
    x_side, y_side = _ANSWER.alias("x_side"), _ANSWER.alias("y_side")
    x, y = x_side.c.score, y_side.c.score
    keys = (x_side.c.round_id, x_side.c.group, x_side.c.question_id, y_side.c.question_id)
    sums = select(*keys, func.count(), func.sum(x), func.sum(y), func.sum(x * y), func.sum(x * x), func.sum(y * y))
    found = (
        sums.join(
            y_side,
            and_(
                y_side.c.round_id == x_side.c.round_id,
                y_side.c.token == x_side.c.token,
                y_side.c.question_id == question_y,
            ),
        )
        .where(x_side.c.round_id.in_(round_ids), x_side.c.question_id != question_y)
        .group_by(*keys)
    )
    columns = ["round_id", "group", "question_x", "question_y", "n", "sx", "sy", "sxy", "sxx", "syy"]
    return insert(PulseKeptPair).from_select(columns, found)
