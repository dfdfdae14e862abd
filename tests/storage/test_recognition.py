"""Shout-out storage: one per request key, and the figures stats and digests are built on, checked by hand."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.recognition.shoutouts import recognition_summary
from storage import recognition as store
from storage.db import session_scope

WEEK = datetime(2026, 11, 16, tzinfo=UTC)  # the period under test: [WEEK, WEEK + 7 days)
UNTIL = WEEK + timedelta(days=7)


def new(key: str, giver: str, recipients: tuple[str, ...], behaviour: str | None, message: str, at: datetime):
    return store.NewShoutout(key, giver, recipients, behaviour, message, "command", None, None, at)


@pytest.fixture
def fixture(engine: Engine) -> Engine:
    """Before the week: A→B. In the week: C→B own-it, A→D own-it, B→D zap (retracted), E→F zap, C→D+F own-it
    (no words). After the week: A→G."""
    rows = [
        new("before", "A", ("B",), "own-it", "old", WEEK - timedelta(days=3)),
        new("w1", "C", ("B",), "own-it", "first", WEEK + timedelta(days=1)),
        new("w2", "A", ("D",), "own-it", "second <b>", WEEK + timedelta(days=2)),
        new("w3", "B", ("D",), "zap", "retracted", WEEK + timedelta(days=3)),
        new("w4", "E", ("F",), "zap", "fourth", WEEK + timedelta(days=4)),
        new("w5", "C", ("D", "F"), "own-it", "", WEEK + timedelta(days=5)),
        new("after", "A", ("G",), "zap", "later", UNTIL),
    ]
    with session_scope(engine) as session:
        for row in rows:
            added = store.add(session, row)
            assert added is not None
            if row.request_key == "w3":
                store.mark_retracted(session, added.id or 0, now=WEEK + timedelta(days=3, hours=1))
    return engine


def test_one_shoutout_per_request_key(engine: Engine) -> None:
    with session_scope(engine) as session:
        first = store.add(session, new("k", "A", ("B",), "own-it", "hi", WEEK))
        again = store.add(session, new("k", "A", ("C",), "zap", "other", WEEK))
        assert first is not None and again is None
        assert store.recipients_of(session, first.id or 0) == ["B"]


def test_summary_of_everyone_in_the_week(fixture: Engine) -> None:
    with session_scope(fixture) as session:
        summary = recognition_summary(session, since=WEEK, until=UNTIL, people=None)

    assert summary.count == 3 + 0 + 1  # w1, w2, w5 own-it; w4 zap; w3 retracted, "before"/"after" outside
    assert summary.top_behaviours == [("own-it", 3), ("zap", 1)]
    assert [h.message for h in summary.highlights] == ["fourth", "second <b>", "first"]  # newest first, with words
    assert summary.highlights[1].recipients == ("D",)
    assert summary.first_time == ["D", "F"]  # B was first recognised before the week


def test_summary_for_some_people(fixture: Engine) -> None:
    with session_scope(fixture) as session:
        summary = recognition_summary(session, since=WEEK, until=UNTIL, people={"F"})

    assert summary.count == 2  # w4 and w5
    assert summary.top_behaviours == [("own-it", 1), ("zap", 1)]  # ties by key
    assert [h.message for h in summary.highlights] == ["fourth"]
    assert summary.first_time == ["F"]


def test_counts_for_stats_skip_retracted(fixture: Engine) -> None:
    with session_scope(fixture) as session:
        assert store.count_received(session, recipient="D") == 2
        assert store.count_received(session, recipient="B") == 2
        assert store.count_received(session, recipient="B", since=WEEK) == 1
        assert store.count_given(session, giver="A") == 3
        assert store.count_given(session, giver="B") == 0
        assert store.top_behaviours(session, recipient="D") == [("own-it", 2)]


def give_within_limit(engine: Engine, giver: str, key: str, limit: int, start: threading.Barrier) -> None:
    """What giving a shout-out does under the daily limit: lock the giver, count, add — in one unit of work."""
    start.wait()
    with session_scope(engine) as session:
        store.lock_giver(session, giver=giver)
        if store.count_given(session, giver=giver) < limit:
            store.add(
                session,
                store.NewShoutout(
                    request_key=key,
                    giver=giver,
                    recipients=("U0BOB",),
                    behaviour_key=None,
                    message="thanks",
                    source="command",
                    link=None,
                    origin_channel=None,
                    created_at=datetime(2026, 11, 23, tzinfo=UTC),
                ),
            )


@pytest.mark.postgres
def test_simultaneous_shoutouts_from_one_person_never_pass_the_daily_limit(pg_engine: Engine) -> None:
    start = threading.Barrier(8)
    threads = [
        threading.Thread(target=give_within_limit, args=(pg_engine, "U0ALICE", f"req-{i}", 3, start)) for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with session_scope(pg_engine) as session:
        assert store.count_given(session, giver="U0ALICE") == 3
