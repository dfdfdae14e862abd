"""Pulse aggregates, summed in SQL: per round, reporting group and score, dimension or question. They are raw
counts; `bot.pulses.disclosure` decides which of them may be shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseRound


@dataclass(frozen=True)
class ScoreCount:
    """How many answers in `round_id`, from `group`, gave `question_id` the score `score`."""

    round_id: int
    group: str
    question_id: str
    score: int
    count: int


def score_counts(
    session: Session, round_ids: Iterable[int], question_ids: Iterable[str] | None = None
) -> list[ScoreCount]:
    statement = sa_select(
        col(PulseAnswer.round_id),
        col(PulseAnswer.group),
        col(PulseAnswer.question_id),
        col(PulseAnswer.score),
        func.count(),
    ).where(col(PulseAnswer.round_id).in_(list(round_ids)))
    if question_ids is not None:
        statement = statement.where(col(PulseAnswer.question_id).in_(list(question_ids)))
    statement = statement.group_by(
        col(PulseAnswer.round_id), col(PulseAnswer.group), col(PulseAnswer.question_id), col(PulseAnswer.score)
    )
    return [ScoreCount(*row) for row in session.execute(statement)]


def respondents(session: Session, round_id: int) -> int:
    """How many people answered at least one question of the round."""
    statement = select(func.count(distinct(col(PulseAnswer.token)))).where(col(PulseAnswer.round_id) == round_id)
    return int(session.exec(statement).one())


@dataclass(frozen=True)
class Cell:
    """Answers of one round and reporting group about one `key` (a dimension or a question id): how many people
    gave them, how many answers, and the sum of their raw scores and of their scores normalised to 0–100."""

    round_id: int
    group: str
    key: str
    respondents: int
    answers: int
    raw_total: float
    score_total: float


def cells(session: Session, round_ids: Iterable[int], *, by: str) -> list[Cell]:
    """Per round, group and dimension (`by="dimension"`) or question (`by="question"`), summed in SQL."""
    key = col(PulseAnswer.dimension) if by == "dimension" else col(PulseAnswer.question_id)
    normalised = case(
        (col(PulseAnswer.scale) == "nps11", col(PulseAnswer.score) * 10.0), else_=(col(PulseAnswer.score) - 1) * 25.0
    )
    statement = (
        sa_select(
            col(PulseAnswer.round_id),
            col(PulseAnswer.group),
            key,
            func.count(distinct(col(PulseAnswer.token))),
            func.count(),
            func.sum(col(PulseAnswer.score)),
            func.sum(normalised),
        )
        .where(col(PulseAnswer.round_id).in_(list(round_ids)))
        .group_by(col(PulseAnswer.round_id), col(PulseAnswer.group), key)
    )
    return [Cell(r, g, k, n, a, float(raw), float(total)) for r, g, k, n, a, raw, total in session.execute(statement)]


def question_dimensions(session: Session, round_ids: Iterable[int]) -> dict[str, str]:
    """The dimension each question answered in these rounds was stored under."""
    statement = (
        select(PulseAnswer.question_id, PulseAnswer.dimension)
        .where(col(PulseAnswer.round_id).in_(list(round_ids)))
        .distinct()
    )
    return {question_id: dimension for question_id, dimension in session.exec(statement)}


def closed_rounds_between(session: Session, *, since: datetime, until: datetime) -> list[int]:
    """Rounds that closed in [since, until): the only ones whose answers can no longer change."""
    statement = select(PulseRound.id).where(
        col(PulseRound.state) == "closed", col(PulseRound.closes_at) >= since, col(PulseRound.closes_at) < until
    )
    return [round_id for round_id in session.exec(statement) if round_id is not None]
