"""The outbox repository: one row per key, and a due row is claimed by one worker only."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from storage import deliveries
from storage.db import session_scope
from storage.models import DeliveryState

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def add(engine: Engine, key: str, *, due: datetime = NOW) -> bool:
    with session_scope(engine) as session:
        return deliveries.enqueue(
            session, key=key, kind="test", channel="U1", payload={"text": key}, due_at=due, now=NOW
        )


def claim(engine: Engine, worker: str, limit: int = 100, now: datetime = NOW) -> list[str]:
    with session_scope(engine) as session:
        claimed = deliveries.claim_due(
            session, now=now, worker=worker, lease_until=now + timedelta(minutes=1), limit=limit
        )
        return [d.key for d in claimed]


def test_enqueueing_the_same_key_twice_keeps_one_row(engine: Engine) -> None:
    assert add(engine, "a") is True
    assert add(engine, "a") is False

    with session_scope(engine) as session:
        assert deliveries.count_by_state(session, key_prefix="a") == {DeliveryState.PENDING: 1}


def test_only_due_rows_are_claimed_and_only_once(engine: Engine) -> None:
    add(engine, "now")
    add(engine, "later", due=NOW + timedelta(hours=1))

    assert claim(engine, "w1") == ["now"]
    assert claim(engine, "w2") == []
    assert claim(engine, "w2", now=NOW + timedelta(hours=2)) == ["later"]


def test_claimed_row_comes_back_with_aware_utc_times_and_an_attempt_counted(engine: Engine) -> None:
    add(engine, "x")
    with session_scope(engine) as session:
        [row] = deliveries.claim_due(session, now=NOW, worker="w", lease_until=NOW + timedelta(minutes=1), limit=5)

    assert row.state == DeliveryState.SENDING
    assert row.attempts == 1
    assert row.lease_until == NOW + timedelta(minutes=1)
    assert row.next_attempt_at.tzinfo is not None


def test_an_expired_lease_returns_the_delivery_unsettled_to_the_next_claim(engine: Engine) -> None:
    add(engine, "x")
    claim(engine, "w")
    later = NOW + timedelta(minutes=2)

    with session_scope(engine) as session:
        assert deliveries.release_expired(session, now=NOW) == 0
        assert deliveries.release_expired(session, now=later) == 1
        assert deliveries.release_expired(session, now=later) == 0
    with session_scope(engine) as session:
        [taken] = deliveries.claim_due(session, now=later, worker="r1", lease_until=later, limit=10)

    assert (taken.key, taken.claimed_by, taken.state) == ("x", "r1", DeliveryState.SENDING)
    assert taken.unsettled_at == NOW + timedelta(minutes=1)  # when the crashed sender's lease ran out
    assert taken.attempts == 1  # the crashed try is not counted


def row_of(engine: Engine, key: str) -> Any:
    with session_scope(engine) as session:
        row = deliveries.get_by_key(session, key)
        assert row is not None and row.id is not None
        return row


def test_a_lost_answer_keeps_when_it_was_lost_until_the_outcome_is_known(engine: Engine) -> None:
    add(engine, "x")
    claim(engine, "w")
    delivery_id = row_of(engine, "x").id

    with session_scope(engine) as session:
        deliveries.mark_unsettled(session, delivery_id, at=NOW, error="network:TimeoutError", since=NOW)
    with session_scope(engine) as session:
        deliveries.mark_unsettled(session, delivery_id, at=NOW, error="history", count_attempt=False)
    unsettled = row_of(engine, "x")
    with session_scope(engine) as session:
        deliveries.mark_retry(session, delivery_id, at=NOW, error="ratelimited")

    assert (unsettled.state, unsettled.unsettled_at, unsettled.attempts) == (DeliveryState.PENDING, NOW, 0)
    assert row_of(engine, "x").unsettled_at is None


def test_cancel_pending_leaves_sent_rows_alone(engine: Engine) -> None:
    add(engine, "s:1")
    add(engine, "s:2")
    claim(engine, "w", limit=1)

    with session_scope(engine) as session:
        assert deliveries.cancel_pending(session, key_prefix="s:") == 1
        assert deliveries.count_by_state(session, key_prefix="s:") == {
            DeliveryState.SENDING: 1,
            DeliveryState.CANCELLED: 1,
        }


def test_prefix_with_like_wildcards_matches_literally(engine: Engine) -> None:
    add(engine, "a_b:1")
    add(engine, "axb:1")

    with session_scope(engine) as session:
        assert deliveries.count_by_state(session, key_prefix="a_b:") == {DeliveryState.PENDING: 1}


def claim_all_concurrently(engine: Engine, workers: int) -> list[list[str]]:
    results: list[list[str]] = [[] for _ in range(workers)]
    start = threading.Barrier(workers)

    def work(index: int) -> None:
        start.wait()
        while batch := claim(engine, f"w{index}", limit=7):
            results[index].extend(batch)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_claimers_never_share_a_row(engine: Engine) -> None:
    for i in range(200):
        add(engine, f"k{i}")

    results = claim_all_concurrently(engine, 4)

    claimed = [key for batch in results for key in batch]
    assert len(claimed) == 200
    assert len(set(claimed)) == 200


@pytest.mark.postgres
def test_concurrent_claimers_never_share_a_row_on_postgres(pg_engine: Engine) -> None:
    for i in range(300):
        add(pg_engine, f"k{i}")

    results = claim_all_concurrently(pg_engine, 6)

    claimed = [key for batch in results for key in batch]
    assert sorted(claimed) == sorted(f"k{i}" for i in range(300))
    assert sum(1 for batch in results if batch) > 1, "SKIP LOCKED should let several workers share the work"
