"""Teams and the lines of occurrences sent through managers, as stored: one manager per member (a database
constraint), an import replacing every row, reach read line by line, and a forgotten person's id gone."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.keymessages import occurrence_cascade, stopped_lines
from bot.keymessages.recurrence import stamp
from bot.platform.outbox import keys
from storage import deliveries, teams
from storage import forget as forget_store
from storage import keymessages as store
from storage.db import session_scope
from storage.models import OccurrenceState
from tests.storage.test_keymessages import NOW, add_schedule

TUESDAY = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
LINES = {"U0MAYA": ["U0ALICE", "U0BOB"], "U0NOAH": ["U0CAROL"], "": ["U0DAN"]}


def test_an_import_replaces_every_row_and_reads_back_by_manager(engine: Engine) -> None:
    with session_scope(engine) as session:
        teams.replace_teams(session, [("U0MAYA", "U0ALICE"), ("U0OLD", "U0BOB")], now=NOW)
    with session_scope(engine) as session:
        stored = teams.replace_teams(
            session, [("U0NOAH", "U0CAROL"), ("U0MAYA", "U0BOB"), ("U0MAYA", "U0ALICE")], now=NOW
        )
    with session_scope(engine) as session:
        assert stored == 3 and teams.member_count(session) == 3
        assert teams.teams(session) == {"U0MAYA": ["U0BOB", "U0ALICE"], "U0NOAH": ["U0CAROL"]}


def test_a_member_has_one_manager_whatever_the_caller_checked(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        teams.replace_teams(session, [("U0MAYA", "U0ALICE"), ("U0NOAH", "U0ALICE")], now=NOW)
    with session_scope(engine) as session:
        assert teams.member_count(session) == 0


def cascaded(engine: Engine, occurs_at: datetime = TUESDAY, lines: dict | None = None) -> int:
    schedule_id = add_schedule(engine)
    with session_scope(engine) as session:
        store.update_schedule(session, schedule_id, mode="cascade")
        store.add_occurrence(
            session,
            schedule_id=schedule_id,
            occurs_at=occurs_at,
            state=OccurrenceState.PLANNED,
            now=NOW,
            cascade=LINES if lines is None else lines,
        )
    return schedule_id


def deliver(engine: Engine, schedule_id: int, user: str, role: str, *, sent: bool) -> None:
    key = keys.key_message_cascade(schedule_id, stamp(TUESDAY), user, role)
    with session_scope(engine) as session:
        delivery_id = deliveries.enqueue(
            session,
            key=key.key,
            kind=key.kind,
            ref_id=key.ref_id,
            ref=key.ref,
            channel=user,
            payload={},
            due_at=NOW,
            now=NOW,
        )
        assert delivery_id is not None
        if sent:
            deliveries.mark_sent(session, delivery_id, now=NOW, channel="D1", ts="1.1")


def ack(engine: Engine, schedule_id: int, user: str, kind: str, occurs_at: datetime = TUESDAY) -> None:
    with session_scope(engine) as session:
        store.record_ack(session, schedule_id=schedule_id, occurs_at=occurs_at, user_id=user, kind=kind, now=NOW)


def test_reach_line_by_line_counts_who_discussed_delivered_and_got_it_and_who_is_covered(engine: Engine) -> None:
    schedule_id = cascaded(engine)
    for user, sent in (("U0ALICE", True), ("U0BOB", True), ("U0CAROL", False), ("U0DAN", True)):
        deliver(engine, schedule_id, user, "member", sent=sent)
    ack(engine, schedule_id, "U0MAYA", "discussed")
    ack(engine, schedule_id, "U0ALICE", "got_it")
    ack(engine, schedule_id, "U0DAN", "got_it")

    with session_scope(engine) as session:
        schedule = store.get_schedule(session, schedule_id)
        occurrence = store.get_occurrence(session, schedule_id, TUESDAY)
        assert schedule is not None and occurrence is not None
        reach = occurrence_cascade(session, schedule, occurrence)

    assert reach is not None
    maya, noah = reach.lines
    assert (maya.manager, maya.discussed, maya.members, maya.delivered, maya.acknowledged) == ("U0MAYA", True, 2, 2, 1)
    assert (noah.manager, noah.discussed, noah.members, noah.delivered, noah.acknowledged) == ("U0NOAH", False, 1, 0, 0)
    # Covered: Maya's two members; Carol's manager has not discussed it and Dan has no manager. Dan still counts.
    assert (reach.discussed, reach.managers, reach.covered, reach.people) == (1, 2, 2, 4)


def test_an_occurrence_not_sent_through_managers_has_no_lines(engine: Engine) -> None:
    schedule_id = add_schedule(engine)
    with session_scope(engine) as session:
        store.add_occurrence(
            session, schedule_id=schedule_id, occurs_at=TUESDAY, state=OccurrenceState.PLANNED, now=NOW
        )
    with session_scope(engine) as session:
        schedule, occurrence = (
            store.get_schedule(session, schedule_id),
            store.get_occurrence(session, schedule_id, TUESDAY),
        )
        assert schedule is not None and occurrence is not None
        assert occurrence_cascade(session, schedule, occurrence) is None


def test_a_line_has_stopped_when_its_manager_discussed_neither_of_the_last_two_once_members_had_it(
    engine: Engine,
) -> None:
    weeks = [TUESDAY + timedelta(weeks=n) for n in range(3)]
    first, _, third = (cascaded(engine, at) for at in weeks)
    ack(engine, first, "U0NOAH", "discussed", weeks[0])
    ack(engine, third, "U0MAYA", "discussed", weeks[2])

    with session_scope(engine) as session:
        # The third is still with the managers alone (members get it on Wednesday): the last two counted are
        # weeks 1 and 2, and Noah discussed week 1.
        assert stopped_lines(session, until=weeks[2] + timedelta(hours=1)) == ["U0MAYA"]
        # Once Wednesday morning has come in the last time zone the third counts: Maya discussed it, and Noah
        # discussed neither week 2 nor week 3.
        assert stopped_lines(session, until=weeks[2] + timedelta(days=1)) == ["U0MAYA"]
        assert stopped_lines(session, until=weeks[2] + timedelta(days=2)) == ["U0NOAH"]


def test_forgetting_a_person_removes_their_team_rows_and_their_id_from_kept_lines(engine: Engine) -> None:
    schedule_id = cascaded(engine)
    with session_scope(engine) as session:
        teams.replace_teams(session, [("U0MAYA", "U0ALICE"), ("U0MAYA", "U0BOB"), ("U0NOAH", "U0MAYA")], now=NOW)
    with session_scope(engine) as session:
        removed = teams.forget_person(session, user_id="U0MAYA")
        unnamed = forget_store.unname_in_cascades(session, user_id="U0MAYA")
    with session_scope(engine) as session:
        occurrence = store.get_occurrence(session, schedule_id, TUESDAY)
        rows = teams.member_count(session)
    assert (removed, unnamed, rows) == (3, 1, 0)
    assert occurrence is not None and occurrence.cascade is not None
    assert "U0MAYA" not in str(occurrence.cascade)
    assert occurrence.cascade[f"UFORGOTTEN-c{occurrence.id}"] == ["U0ALICE", "U0BOB"]


def test_the_latest_cascaded_occurrences_come_newest_first_and_only_planned_ones(engine: Engine) -> None:
    old, new = cascaded(engine, TUESDAY), cascaded(engine, TUESDAY + timedelta(weeks=1))
    with session_scope(engine) as session:
        store.add_occurrence(
            session, schedule_id=old, occurs_at=TUESDAY + timedelta(days=2), state=OccurrenceState.MISSED, now=NOW
        )
        found = store.cascaded_occurrences(session, until=TUESDAY + timedelta(weeks=2), limit=10)
    assert [(o.schedule_id, o.occurs_at) for o in found] == [(new, TUESDAY + timedelta(weeks=1)), (old, TUESDAY)]


def set_one_team(engine: Engine, manager: str, member: str, start: threading.Barrier) -> None:
    """What `/cadence teams set` stores: under the teams' lock, the teams as they are, with this one team set."""
    start.wait()
    with session_scope(engine) as session:
        teams.lock_teams(session)
        others = [(m, p) for m, team in teams.teams(session).items() if m != manager for p in team]
        teams.replace_teams(session, [*others, (manager, member)], now=NOW)


@pytest.mark.postgres
def test_teams_set_at_the_same_moment_all_stay(pg_engine: Engine) -> None:
    start = threading.Barrier(8)
    threads = [threading.Thread(target=set_one_team, args=(pg_engine, f"U0M{i}", f"U0P{i}", start)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with session_scope(pg_engine) as session:
        assert teams.teams(session) == {f"U0M{i}": [f"U0P{i}"] for i in range(8)}
