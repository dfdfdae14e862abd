"""Pulse aggregates, summed in SQL: per round, reporting group and question (and, where a surface shows spreads,
score); people per group and dimension; comments with their group. They are raw counts; `bot.pulses.disclosure`
decides which may be shown. A round whose aggregates are kept (`storage.pulse_kept`, written when it closed) is
read from them; any other is summed from its answers, the per-question sums from the
`ix_pulse_answer_question_cells` index alone. Both give the same rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseComment, PulseKeptPeople, PulseKeptScore, PulseRound
from storage.pulse_kept import ANY_DIMENSION, split


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


def _rows(
    session: Session, round_ids: Iterable[int], kept: Callable[[list[int]], Any], raw: Callable[[list[int]], Any]
) -> list[Any]:
    """The rows of `kept(ids)` for the rounds whose aggregates are kept and of `raw(ids)` for the others."""
    kept_ids, raw_ids = split(session, round_ids)
    return [row for ids, build in ((kept_ids, kept), (raw_ids, raw)) if ids for row in session.execute(build(ids))]


def question_sums(session: Session, round_ids: Iterable[int]) -> list[QuestionSums]:
    return [QuestionSums(*row) for row in _rows(session, round_ids, _kept_question_sums, _question_sums)]


def _question_sums(round_ids: list[int]) -> Any:
    keys = (col(PulseAnswer.round_id), col(PulseAnswer.group), col(PulseAnswer.question_id))
    score = col(PulseAnswer.score)
    return (
        sa_select(*keys, func.min(col(PulseAnswer.scale)), func.count(), func.sum(score), func.min(score))
        .add_columns(func.max(score))
        .where(col(PulseAnswer.round_id).in_(round_ids))
        .group_by(*keys)
    )


def _kept_question_sums(round_ids: list[int]) -> Any:
    keys = (col(PulseKeptScore.round_id), col(PulseKeptScore.group), col(PulseKeptScore.question_id))
    score, answers = col(PulseKeptScore.score), col(PulseKeptScore.answers)
    return (
        sa_select(*keys, func.min(col(PulseKeptScore.scale)), func.sum(answers), func.sum(score * answers))
        .add_columns(func.min(score), func.max(score))
        .where(col(PulseKeptScore.round_id).in_(round_ids))
        .group_by(*keys)
    )


def sums_of(counts: Iterable[ScoreCount]) -> list[QuestionSums]:
    """The per-question sums that score counts add up to (what `question_sums` reads, without reading it again),
    in one pass: per cell its scale, answers, total, lowest and highest score."""
    cells: dict[tuple[int, str, str], list[Any]] = {}
    for c in counts:
        cell = cells.get(key := (c.round_id, c.group, c.question_id))
        if cell is None:
            cells[key] = [c.scale, c.count, c.score * c.count, c.score, c.score]
            continue
        cell[0] = min(cell[0], c.scale)
        cell[1] += c.count
        cell[2] += c.score * c.count
        cell[3] = min(cell[3], c.score)
        cell[4] = max(cell[4], c.score)
    return [QuestionSums(*key, *cell) for key, cell in sorted(cells.items())]


def question_dimensions(session: Session, pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """The dimension each (round, question) answered was stored under."""
    wanted = sorted(set(pairs))
    kept, _ = split(session, (r for r, _ in wanted))
    keys = (col(PulseKeptScore.round_id), col(PulseKeptScore.question_id))
    statement = sa_select(*keys, func.min(col(PulseKeptScore.dimension))).where(keys[0].in_(kept)).group_by(*keys)
    found = {(r, q): d for r, q, d in session.execute(statement)} if kept else {}
    return {(r, q): found[r, q] if (r, q) in found else _answered_dimension(session, r, q) for r, q in wanted}


def _answered_dimension(session: Session, round_id: int, question_id: str) -> str:
    """The dimension of a question answered in a round not kept (one indexed row)."""
    statement = (
        select(PulseAnswer.dimension)
        .where(col(PulseAnswer.round_id) == round_id, col(PulseAnswer.question_id) == question_id)
        .limit(1)
    )
    return session.exec(statement).first() or ""


def score_counts(session: Session, round_ids: Iterable[int]) -> list[ScoreCount]:
    """Per round, group, question and score, how many gave it: the spreads a results table shows."""
    return [ScoreCount(*row) for row in _rows(session, round_ids, _kept_score_counts, _score_counts)]


def _score_counts(round_ids: list[int]) -> Any:
    keys = (
        col(PulseAnswer.round_id),
        col(PulseAnswer.group),
        col(PulseAnswer.question_id),
        col(PulseAnswer.dimension),
        col(PulseAnswer.scale),
        col(PulseAnswer.score),
    )
    return sa_select(*keys, func.count()).where(col(PulseAnswer.round_id).in_(round_ids)).group_by(*keys)


def _kept_score_counts(round_ids: list[int]) -> Any:
    return sa_select(
        *(col(getattr(PulseKeptScore, name)) for name in ("round_id", "group", "question_id", "dimension", "scale")),
        col(PulseKeptScore.score),
        col(PulseKeptScore.answers),
    ).where(col(PulseKeptScore.round_id).in_(round_ids))


def people_counts(session: Session, round_ids: Iterable[int]) -> list[PeopleCount]:
    def kept(ids: list[int]) -> Any:
        return _kept_people(ids).where(col(PulseKeptPeople.dimension) != ANY_DIMENSION)

    def raw(ids: list[int]) -> Any:
        return _people(ids, col(PulseAnswer.dimension))

    return [PeopleCount(*row) for row in _rows(session, round_ids, kept, raw)]


def respondents_by_group(session: Session, round_ids: Iterable[int]) -> dict[tuple[int, str], int]:
    """Distinct people per round and reporting group who answered at least one question."""

    def kept(ids: list[int]) -> Any:
        return _kept_people(ids).where(col(PulseKeptPeople.dimension) == ANY_DIMENSION)

    rows = _rows(session, round_ids, kept, _people)
    return {(round_id, group): int(n) for round_id, group, *_, n in rows}


def _people(round_ids: list[int], *by: Any) -> Any:
    """Distinct tokens per round and group (and `by`): the people who answered."""
    keys = (col(PulseAnswer.round_id), col(PulseAnswer.group), *by)
    return (
        sa_select(*keys, func.count(distinct(col(PulseAnswer.token))))
        .where(col(PulseAnswer.round_id).in_(round_ids))
        .group_by(*keys)
    )


def _kept_people(round_ids: list[int]) -> Any:
    keys = (col(PulseKeptPeople.round_id), col(PulseKeptPeople.group), col(PulseKeptPeople.dimension))
    return sa_select(*keys, col(PulseKeptPeople.people)).where(col(PulseKeptPeople.round_id).in_(round_ids))


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
