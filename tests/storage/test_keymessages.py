"""The key-message tables: one occurrence per schedule and instant, one acknowledgement per person and kind."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy.engine import Engine

from storage import keymessages as store
from storage.db import session_scope
from storage.models import OccurrenceState

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NINE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def add_schedule(engine: Engine, owner: str = "U0LEADER") -> int:
    with session_scope(engine) as session:
        schedule = store.add_schedule(
            session,
            owner=owner,
            text="hello",
            audience=["C0TEAMA"],
            mode="dm",
            kind="once",
            start_date=date(2026, 11, 24),
            at_time=time(9),
            zone="Europe/London",
            plan_from=NOW,
            created_at=NOW,
            updated_at=NOW,
        )
        assert schedule.id is not None
        return schedule.id


def test_an_occurrence_is_recorded_once_whoever_records_it(engine: Engine) -> None:
    schedule_id = add_schedule(engine)
    with session_scope(engine) as session:
        first = store.add_occurrence(
            session, schedule_id=schedule_id, occurs_at=NINE, state=OccurrenceState.PLANNED, now=NOW
        )
    with session_scope(engine) as session:
        second = store.add_occurrence(
            session, schedule_id=schedule_id, occurs_at=NINE, state=OccurrenceState.MISSED, now=NOW
        )
        last = store.last_occurrence(session, schedule_id)

    assert (first, second) == (True, False)
    assert last is not None and last.state == OccurrenceState.PLANNED and last.occurs_at == NINE


def test_an_acknowledgement_counts_once_per_person_and_kind(engine: Engine) -> None:
    schedule_id = add_schedule(engine)
    with session_scope(engine) as session:
        recorded = [
            store.record_ack(session, schedule_id=schedule_id, occurs_at=NINE, user_id=user, kind=kind, now=NOW)
            for user, kind in [("U1", "got_it"), ("U1", "got_it"), ("U1", "discussed"), ("U2", "got_it")]
        ]
        counts = store.ack_counts(session, schedule_id=schedule_id, occurs_at=NINE)
        mine = store.ack_kinds(session, schedule_id=schedule_id, occurs_at=NINE, user_id="U1")

    assert recorded == [True, False, True, True]
    assert counts == {"got_it": 2, "discussed": 1}
    assert mine == {"got_it", "discussed"}


def test_cancelled_schedules_leave_the_lists(engine: Engine) -> None:
    keep, gone = add_schedule(engine), add_schedule(engine, owner="U0OTHER")
    with session_scope(engine) as session:
        store.update_schedule(session, gone, state="cancelled")
        everyone = [s.id for s in store.schedules_of(session, owner=None)]
        others = store.active_owned_by(session, "U0OTHER")

    assert everyone == [keep]
    assert list(others) == []
