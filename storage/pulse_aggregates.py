"""Pulse aggregates, summed in SQL: per round, reporting group, question and score; people per group and
dimension; comments with their group. They are raw counts; `bot.pulses.disclosure` decides which may be shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseComment, PulseRound


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


def score_counts(session: Session, round_ids: Iterable[int]) -> list[ScoreCount]:
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
    statement = select(PulseRound.id).where(
        col(PulseRound.state) == "closed", col(PulseRound.closes_at) >= since, col(PulseRound.closes_at) < until
    )
    return [round_id for round_id in session.exec(statement) if round_id is not None]
