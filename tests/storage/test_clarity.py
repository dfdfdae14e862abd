"""The clarity answers table: one answer per token and occurrence (a second click changes it), read back only as
counts per group and score, and never holding a user id."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.keymessages.clarity import token_of
from storage import clarity as store
from storage.db import session_scope
from storage.models import KeyClarityAnswer
from tests.storage.test_keymessages import NINE, add_schedule

SECRET = "test-pulse-secret"
STAMP = "20261124T0900"


def answer(
    engine: Engine, schedule_id: int, user: str, score: int, group: str = "C0TEAMA", at: datetime = NINE
) -> None:
    with session_scope(engine) as session:
        token = token_of(SECRET, schedule_id, STAMP if at == NINE else "other", user)
        store.upsert_answer(session, schedule_id=schedule_id, occurs_at=at, token=token, group=group, score=score)


def test_a_second_answer_from_the_same_person_changes_the_first(engine: Engine) -> None:
    schedule_id = add_schedule(engine)
    answer(engine, schedule_id, "U0ALICE", 2)
    answer(engine, schedule_id, "U0ALICE", 5)
    answer(engine, schedule_id, "U0BOB", 5)

    with session_scope(engine) as session:
        rows = session.exec(select(KeyClarityAnswer)).all()
        mine = store.score_of(
            session, schedule_id=schedule_id, occurs_at=NINE, token=token_of(SECRET, schedule_id, STAMP, "U0ALICE")
        )
        tallies = store.tallies(session, schedule_id=schedule_id, occurs_at=NINE)

    assert len(rows) == 2 and mine == 5
    assert [(t.group, t.score, t.people) for t in tallies] == [("C0TEAMA", 5, 2)]
    assert all("U0" not in row.token and len(row.token) == 64 for row in rows)


def test_answers_are_summed_per_group_and_score_for_one_occurrence_only(engine: Engine) -> None:
    schedule_id = add_schedule(engine)
    given = [("U1", 4, "C0TEAMA"), ("U2", 4, "C0TEAMA"), ("U3", 2, "S0SUPPORT"), ("U4", 3, "C0TEAMA")]
    for user, score, group in given:
        answer(engine, schedule_id, user, score, group)
    answer(engine, schedule_id, "U1", 1, at=NINE + timedelta(days=7))  # the next occurrence: apart

    with session_scope(engine) as session:
        tallies = store.tallies(session, schedule_id=schedule_id, occurs_at=NINE)

    found = [(t.group, t.score, t.people) for t in tallies]
    assert found == [("C0TEAMA", 3, 1), ("C0TEAMA", 4, 2), ("S0SUPPORT", 2, 1)]


def test_the_database_refuses_two_rows_for_one_token_and_occurrence(engine: Engine) -> None:
    schedule_id = add_schedule(engine)
    token = token_of(SECRET, schedule_id, STAMP, "U0ALICE")
    row = {"schedule_id": schedule_id, "occurs_at": NINE, "token": token, "group": "C0TEAMA"}
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(KeyClarityAnswer(**row, score=3))
        session.add(KeyClarityAnswer(**row, score=4))
        session.flush()
    with session_scope(engine) as session:
        assert session.exec(select(KeyClarityAnswer)).all() == []
