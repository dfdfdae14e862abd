"""Recording pulse answers in batches: each click gets its own outcome, the last of two clicks on a question wins,
simultaneous clicks share commits without losing any, and a failed commit fails its clicks rather than report them
stored."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.pulses.campaigns import Status, answer_token
from bot.pulses.recording import Click, RecordingFailed, record_answers, submit_answer
from content.pack import load_pack
from storage import pulses as store
from storage.db import create_db_engine, session_scope
from storage.models import PulseAnswer, PulseCampaign, PulseParticipation

OPENS = datetime(2026, 11, 23, 9, tzinfo=UTC)
NOW = OPENS + timedelta(hours=1)
SECRET = "test-pulse-secret"
QUESTIONS = ["align-role-meaning", "align-leaders-consistent", "align-work-impact"]
PACK = load_pack()


def open_round(session: Session, people: list[str]) -> int:
    campaign = store.add_campaign(
        session,
        PulseCampaign(
            creator="U0LEAD",
            question_ids=QUESTIONS,
            audience=["C1"],
            local_time="09:00",
            timezone="UTC",
            starts_at=OPENS,
            created_at=OPENS,
        ),
    )
    assert campaign.id is not None
    store.open_round(
        session, campaign_id=campaign.id, opens_at=OPENS, closes_at=OPENS + timedelta(hours=72), reminder_at=None
    )
    pulse_round = store.latest_round(session)
    assert pulse_round is not None and pulse_round.id is not None
    for user_id in people:
        store.add_participation(
            session, round_id=pulse_round.id, user_id=user_id, group="C1", state=store.INVITED, now=OPENS
        )
    return pulse_round.id


def stored(engine: Engine) -> list[tuple[str, str, int]]:
    with session_scope(engine) as session:
        return sorted((a.token, a.question_id, a.score) for a in session.exec(select(PulseAnswer)))


def test_each_click_of_a_batch_gets_its_own_outcome_and_the_later_of_two_on_a_question_wins(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = open_round(session, ["U0ALICE"])
    clicks = [
        Click(round_id, "U0ALICE", QUESTIONS[0], 4, NOW),
        Click(round_id, "U0BOB", QUESTIONS[0], 3, NOW),  # not asked in this round
        Click(round_id, "U0ALICE", QUESTIONS[0], 2, NOW),  # a change of mind in the same batch
        Click(round_id, "U0ALICE", "no-such-question", 2, NOW),
        Click(round_id + 1, "U0ALICE", QUESTIONS[0], 2, NOW),  # no such round
    ]
    with session_scope(engine) as session:
        states = record_answers(session, clicks, secret=SECRET, pack=PACK)

    assert [s.status for s in states] == [Status.OK, Status.NOT_INVITED, Status.OK, Status.UNKNOWN, Status.UNKNOWN]
    assert states[0].answers == states[2].answers == {QUESTIONS[0]: 2}
    assert stored(engine) == [(answer_token(SECRET, round_id, "U0ALICE"), QUESTIONS[0], 2)]
    with session_scope(engine) as session:
        assert [p.answered for p in session.exec(select(PulseParticipation))] == [True]


def test_a_click_after_the_round_closed_is_refused_and_stores_nothing(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = open_round(session, ["U0ALICE"])
    late = Click(round_id, "U0ALICE", QUESTIONS[0], 4, OPENS + timedelta(hours=72))

    with session_scope(engine) as session:
        (state,) = record_answers(session, [late], secret=SECRET, pack=PACK)

    assert state.status is Status.CLOSED
    assert stored(engine) == []


def test_simultaneous_clicks_are_all_stored_each_with_its_own_outcome(engine: Engine) -> None:
    """Sixty people answer two questions each, all at once and in no order; on PostgreSQL several batches commit
    together, touching the same people's rows, and none may fail or lose an answer."""
    people = [f"U0P{n:03d}" for n in range(60)]
    with session_scope(engine) as session:
        round_id = open_round(session, people)
    clicks = [Click(round_id, people[n], QUESTIONS[q], 1 + (n + q) % 5, NOW) for n in range(60) for q in (0, 1)]
    random.Random(13).shuffle(clicks)

    def send(click: Click) -> Status:
        state = submit_answer(engine, click, secret=SECRET, pack=PACK)
        assert state.answers[click.question_id] == click.score
        return state.status

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(send, clicks))

    assert statuses == [Status.OK] * len(clicks)
    expected = sorted((answer_token(SECRET, round_id, c.user_id), c.question_id, c.score) for c in clicks)
    assert stored(engine) == expected


def test_a_failed_commit_fails_its_click_and_the_next_click_is_recorded(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        round_id = open_round(session, ["U0ALICE"])
    no_tables = create_db_engine(f"sqlite:///{tmp_path / 'empty.db'}")

    with pytest.raises(RecordingFailed):
        submit_answer(no_tables, Click(round_id, "U0ALICE", QUESTIONS[0], 4, NOW), secret=SECRET, pack=PACK)
    state = submit_answer(engine, Click(round_id, "U0ALICE", QUESTIONS[0], 5, NOW), secret=SECRET, pack=PACK)

    assert state.status is Status.OK
    assert stored(engine) == [(answer_token(SECRET, round_id, "U0ALICE"), QUESTIONS[0], 5)]
    no_tables.dispose()
