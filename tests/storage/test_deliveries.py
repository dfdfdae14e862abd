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


def add(
    engine: Engine,
    key: str,
    *,
    due: datetime = NOW,
    kind: str = "test",
    ref_id: int | None = None,
    ref: str | None = None,
) -> int | None:
    with session_scope(engine) as session:
        return deliveries.enqueue(
            session,
            key=key,
            kind=kind,
            ref_id=ref_id,
            ref=ref,
            channel="U1",
            payload={"text": key},
            due_at=due,
            now=NOW,
        )


def claim(engine: Engine, worker: str, limit: int = 100, now: datetime = NOW) -> list[str]:
    with session_scope(engine) as session:
        claimed = deliveries.claim_due(
            session, now=now, worker=worker, lease_until=now + timedelta(minutes=1), limit=limit
        )
        return [d.key for d in claimed]


def test_enqueueing_the_same_key_twice_keeps_one_row(engine: Engine) -> None:
    first = add(engine, "a")
    assert isinstance(first, int)
    assert add(engine, "a") is None

    with session_scope(engine) as session:
        assert deliveries.count_by_state(session, kinds=["test"]) == {DeliveryState.PENDING: 1}
        assert deliveries.get_by_key(session, "a").id == first


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


def test_cancel_pending_leaves_claimed_rows_alone(engine: Engine) -> None:
    add(engine, "s:1", kind="pulse_invite", ref_id=7)
    add(engine, "s:2", kind="pulse_invite", ref_id=7)
    claim(engine, "w", limit=1)

    with session_scope(engine) as session:
        assert deliveries.cancel_pending(session, kinds=["pulse_invite"], ref_id=7) == 1
        assert deliveries.count_by_state(session, kinds=["pulse_invite"], ref_id=7) == {
            DeliveryState.SENDING: 1,
            DeliveryState.CANCELLED: 1,
        }


def test_cancelling_selects_by_kind_and_reference_whatever_the_keys_say(engine: Engine) -> None:
    add(engine, "round-7-invite", kind="pulse_invite", ref_id=7)
    add(engine, "round-7-reminder", kind="pulse_reminder", ref_id=7)
    add(engine, "round-70-invite", kind="pulse_invite", ref_id=70)
    add(engine, "pulse:7:U1", kind="key_message", ref_id=8)  # a key that looks like round 7's is not round 7's

    with session_scope(engine) as session:
        cancelled = deliveries.cancel_pending(session, kinds=["pulse_invite", "pulse_reminder"], ref_id=7)
        left = {d.key: d.state for d in deliveries.get_by_keys(session, ["round-70-invite", "pulse:7:U1"])}

    assert cancelled == 2
    assert left == {"round-70-invite": DeliveryState.PENDING, "pulse:7:U1": DeliveryState.PENDING}


def test_counting_by_state_selects_one_part_of_a_record_by_its_ref(engine: Engine) -> None:
    add(engine, "m:1", kind="key_message", ref_id=3, ref="20261130T0900")
    add(engine, "m:2", kind="key_message", ref_id=3, ref="20261130T0900")
    add(engine, "m:3", kind="key_message", ref_id=3, ref="20261207T0900")
    add(engine, "m:4", kind="key_message_preview", ref_id=3)
    claim(engine, "w", limit=1)

    with session_scope(engine) as session:
        one = deliveries.count_by_state(session, kinds=["key_message"], ref_id=3, ref="20261130T0900")
        every = deliveries.count_by_state(session, kinds=["key_message"], ref_id=3)
        of_kind = deliveries.count_by_state(session, kinds=["key_message_preview"])

    assert one == {DeliveryState.SENDING: 1, DeliveryState.PENDING: 1}
    assert every == {DeliveryState.SENDING: 1, DeliveryState.PENDING: 2}
    assert of_kind == {DeliveryState.PENDING: 1}


def test_a_claim_among_given_ids_takes_only_those(engine: Engine) -> None:
    others = [add(engine, f"other:{i}") for i in range(3)]
    mine = add(engine, "mine")
    later = add(engine, "mine-later", due=NOW + timedelta(hours=1))
    assert mine is not None and later is not None and None not in others

    with session_scope(engine) as session:
        claimed = deliveries.claim_due(
            session, now=NOW, worker="w", lease_until=NOW + timedelta(minutes=1), limit=10, among=[mine, later]
        )

    assert [d.key for d in claimed] == ["mine"]
    assert claim(engine, "w2") == ["other:0", "other:1", "other:2"]


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


def test_the_next_attempt_after_now_is_found_among_the_given_deliveries_only(engine: Engine) -> None:
    mine = add(engine, "mine", due=NOW + timedelta(seconds=30))
    add(engine, "other-soon", due=NOW + timedelta(seconds=1))
    add(engine, "other-due-now", due=NOW)
    assert mine is not None

    with session_scope(engine) as session:
        assert deliveries.next_attempt_after(session, now=NOW) == NOW + timedelta(seconds=1)
        assert deliveries.next_attempt_after(session, now=NOW, among=[mine]) == NOW + timedelta(seconds=30)
        assert deliveries.next_attempt_after(session, now=NOW + timedelta(seconds=30), among=[mine]) is None
