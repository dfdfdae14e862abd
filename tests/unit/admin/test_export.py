"""The export's pulse figures follow the privacy rules: closed rounds only, groups at or above the minimum, and no
group shown whose hidden neighbours could be recovered by subtraction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from bot.admin.export import _pulse_results
from storage.db import session_scope
from storage.models import PulseAnswer
from tests.support.programme_data import ProgrammeData

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
Q = "align-role-meaning"


def add_group(engine: Engine, round_id: int, group: str, scores: list[int]) -> None:
    with session_scope(engine) as session:
        for i, score in enumerate(scores):
            token = f"{group}-{i}"
            session.add(
                PulseAnswer(
                    round_id=round_id,
                    question_id=Q,
                    dimension="alignment",
                    scale="likert5",
                    token=token,
                    score=score,
                    group=group,
                )
            )


def test_a_too_small_group_hides_the_next_smallest_too_while_the_whole_round_is_shown(engine: Engine) -> None:
    round_id = ProgrammeData(engine).pulse_round(closes_at=NOW, answers=[{Q: 4}] * 6, group="C0BIG")
    add_group(engine, round_id, "C0MID", [2] * 5)
    add_group(engine, round_id, "C0SMALL", [1, 1])

    with session_scope(engine) as session:
        rows = _pulse_results(session, 5)

    assert [(r[5], r[6], r[7]) for r in rows] == [("all", 13, "2.77"), ("C0BIG", 6, "4.00")]
    assert rows[0][8] == ""  # "1:2 2:5 4:6" beside C0BIG's 4.00 from 6 would say each of C0BIG answered 4


def test_the_distribution_is_exported_when_no_group_shown_or_left_out_answered_as_one(engine: Engine) -> None:
    round_id = ProgrammeData(engine).pulse_round(closes_at=NOW, answers=[{Q: s} for s in (4, 4, 5, 4, 3, 4)])
    add_group(engine, round_id, "C0MID", [2, 1, 2, 2, 2])
    add_group(engine, round_id, "C0SMALL", [1, 2])

    with session_scope(engine) as session:
        rows = _pulse_results(session, 5)

    assert [(r[5], r[6]) for r in rows] == [("all", 13), ("C0GENERAL", 6)]
    assert rows[0][8] == "1:2 2:5 3:1 4:4 5:1"


def test_a_round_with_fewer_respondents_than_the_minimum_is_left_out(engine: Engine) -> None:
    ProgrammeData(engine).pulse_round(closes_at=NOW, answers=[{Q: 4}] * 4)

    with session_scope(engine) as session:
        assert _pulse_results(session, 5) == []
