"""Pulse aggregates, summed in SQL: per round, reporting group and question (and, where a surface shows spreads,
score); people per group and dimension; comments with their group. They are raw counts; `bot.pulses.disclosure`
decides which may be shown. The per-question sums read the `ix_pulse_answer_question_cells` index alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseComment, PulseRound


@dataclass(frozen=True)
class QuestionSums:
    """The answers in `round_id`, from `group`, to `question_id` (on `scale`): how many, their sum, the lowest
    and the highest score."""

    round_id: int
    group: str
    question_id: str
    scale: str
    answers: int
    total: int
    lowest: int
    highest: int


@dataclass(frozen=True)
class ScoreCount:
    """How many answers in `round_id`, from `group`, gave `question_id` (of `dimension`, on `scale`) `score`."""

    round_id: int
    group: str
    question_id: str
    dimension: str
    scale: str
    score: int
    count: int


@dataclass(frozen=True)
class PeopleCount:
    """How many people of `group` answered at least one question of `dimension` in `round_id`."""

    round_id: int
    group: str
    dimension: str
    people: int


@dataclass(frozen=True)
class GroupComment:
    round_id: int
    group: str
    text: str


def question_sums(session: Session, round_ids: Iterable[int]) -> list[QuestionSums]:
    keys = (col(PulseAnswer.round_id), col(PulseAnswer.group), col(PulseAnswer.question_id))
    score = col(PulseAnswer.score)
    statement = (
        sa_select(*keys, func.min(col(PulseAnswer.scale)), func.count(), func.sum(score), func.min(score))
        .add_columns(func.max(score))
        .where(col(PulseAnswer.round_id).in_(list(round_ids)))
        .group_by(*keys)
    )
    return [QuestionSums(*row) for row in session.execute(statement)]


def question_dimension(session: Session, round_id: int, question_id: str) -> str:
    """The dimension a question answered in a round was stored under (one indexed row)."""
    statement = (
        select(PulseAnswer.dimension)
        .where(col(PulseAnswer.round_id) == round_id, col(PulseAnswer.question_id) == question_id)
        .limit(1)
    )
    return session.exec(statement).first() or ""


def score_counts(session: Session, round_ids: Iterable[int]) -> list[ScoreCount]:
    """Per round, group, question and score, how many gave it: the spreads a results table shows."""
    keys = (
        col(PulseAnswer.round_id),
        col(PulseAnswer.group),
        col(PulseAnswer.question_id),
        col(PulseAnswer.dimension),
        col(PulseAnswer.scale),
        col(PulseAnswer.score),
    )
    statement = sa_select(*keys, func.count()).where(col(PulseAnswer.round_id).in_(list(round_ids))).group_by(*keys)
    return [ScoreCount(*row) for row in session.execute(statement)]


def people_counts(session: Session, round_ids: Iterable[int]) -> list[PeopleCount]:
    keys = (col(PulseAnswer.round_id), col(PulseAnswer.group), col(PulseAnswer.dimension))
    statement = (
        sa_select(*keys, func.count(distinct(col(PulseAnswer.token))))
        .where(col(PulseAnswer.round_id).in_(list(round_ids)))
        .group_by(*keys)
    )
    return [PeopleCount(*row) for row in session.execute(statement)]


def respondents_by_group(session: Session, round_ids: Iterable[int]) -> dict[tuple[int, str], int]:
    """Distinct people per round and reporting group who answered at least one question."""
    keys = (col(PulseAnswer.round_id), col(PulseAnswer.group))
    statement = (
        sa_select(*keys, func.count(distinct(col(PulseAnswer.token))))
        .where(col(PulseAnswer.round_id).in_(list(round_ids)))
        .group_by(*keys)
    )
    return {(round_id, group): int(n) for round_id, group, n in session.execute(statement)}


def comments(session: Session, round_ids: Iterable[int]) -> list[GroupComment]:
    """The rounds' comments with their group and no token, in no order the reader may rely on."""
    statement = sa_select(col(PulseComment.round_id), col(PulseComment.group), col(PulseComment.text)).where(
        col(PulseComment.round_id).in_(list(round_ids))
    )
    return [GroupComment(*row) for row in session.execute(statement)]


def closed_rounds_between(session: Session, *, since: datetime, until: datetime) -> list[int]:
    """Rounds that closed in [since, until): the only ones whose answers can no longer change."""
    return list(closing_times(session, since=since, until=until))


def closing_times(session: Session, *, since: datetime, until: datetime) -> dict[int, datetime]:
    """When each round that closed in [since, until) closed."""
    statement = select(PulseRound.id, PulseRound.closes_at).where(
        col(PulseRound.state) == "closed", col(PulseRound.closes_at) >= since, col(PulseRound.closes_at) < until
    )
    return {round_id: closes_at for round_id, closes_at in session.exec(statement) if round_id is not None}
