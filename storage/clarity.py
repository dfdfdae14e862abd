"""Repository for clarity answers: written under a token, read back only as counts per group and score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import KeyClarityAnswer


@dataclass(frozen=True)
class Tally:
    """How many people of one reporting group gave one score to one occurrence."""

    group: str
    score: int
    people: int


def upsert_answer(
    session: Session, *, schedule_id: int, occurs_at: datetime, token: str, group: str, score: int
) -> None:
    """One answer per token and occurrence: a second click changes the score."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {"schedule_id": schedule_id, "occurs_at": occurs_at, "token": token, "group": group, "score": score}
    statement = insert(KeyClarityAnswer).values(**values)
    session.exec(
        statement.on_conflict_do_update(index_elements=["schedule_id", "occurs_at", "token"], set_={"score": score})
    )


def score_of(session: Session, *, schedule_id: int, occurs_at: datetime, token: str) -> int | None:
    statement = select(KeyClarityAnswer.score).where(
        col(KeyClarityAnswer.schedule_id) == schedule_id,
        col(KeyClarityAnswer.occurs_at) == occurs_at,
        col(KeyClarityAnswer.token) == token,
    )
    return session.exec(statement).first()


def tallies(session: Session, *, schedule_id: int, occurs_at: datetime) -> list[Tally]:
    """One occurrence's answers summed per group and score, never row by row."""
    people = func.count(col(KeyClarityAnswer.id))
    statement = (
        select(KeyClarityAnswer.group, KeyClarityAnswer.score, people)
        .where(col(KeyClarityAnswer.schedule_id) == schedule_id, col(KeyClarityAnswer.occurs_at) == occurs_at)
        .group_by(col(KeyClarityAnswer.group), col(KeyClarityAnswer.score))
        .order_by(col(KeyClarityAnswer.group), col(KeyClarityAnswer.score))
    )
    return [Tally(group, score, n) for group, score, n in session.exec(statement).all()]
