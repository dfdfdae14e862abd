"""One payload per occurrence: its deliveries reference it, and a claimed delivery carries it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import deliveries
from storage.db import session_scope
from storage.models import Delivery, DeliveryPayload

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
AUDIENCE = 2_500
BODY = {"text": "Our promise starts with you.", "blocks": [{"type": "section"}]}


def recipient(i: int) -> deliveries.Addressed:
    return deliveries.Addressed(f"keymsg:7:20261124T0900:U{i:05d}", "keymsg", 7, "20261124T0900", f"U{i:05d}", NOW)


def fan_out(engine: Engine) -> int:
    with session_scope(engine) as session:
        people = (recipient(i) for i in range(AUDIENCE))
        return deliveries.enqueue_shared(session, payload=BODY, recipients=people, now=NOW)


def assert_one_payload_referenced_by_all(engine: Engine) -> None:
    assert fan_out(engine) == AUDIENCE
    with session_scope(engine) as session:
        [shared] = session.exec(select(DeliveryPayload)).all()
        assert shared.payload == BODY
        rows = session.exec(select(Delivery.payload_id, Delivery.payload)).all()
        assert len(rows) == AUDIENCE
        assert all(row == (shared.id, {}) for row in rows)
        lease = NOW + timedelta(minutes=1)
        claimed = deliveries.claim_due(session, now=NOW, worker="w", lease_until=lease, limit=AUDIENCE)
    assert len(claimed) == AUDIENCE
    assert {c.channel for c in claimed} == {f"U{i:05d}" for i in range(AUDIENCE)}
    assert all(c.payload == BODY for c in claimed)
    with session_scope(engine) as session:  # the merged payload a sender holds is never written back
        assert session.exec(select(Delivery.payload).limit(1)).one() == {}


def test_an_occurrence_for_2500_people_stores_one_payload_and_2500_deliveries(engine: Engine) -> None:
    assert_one_payload_referenced_by_all(engine)


@pytest.mark.postgres
def test_an_occurrence_for_2500_people_stores_one_payload_on_postgres(pg_engine: Engine) -> None:
    assert_one_payload_referenced_by_all(pg_engine)


def test_a_delivery_says_its_shared_payload_under_its_own(engine: Engine) -> None:
    with session_scope(engine) as session:
        deliveries.enqueue_shared(session, payload=BODY, recipients=[recipient(1)], now=NOW)
    with session_scope(engine) as session:
        delivery = session.exec(select(Delivery)).one()
        delivery.payload = {"text": "Just for you"}
        assert deliveries.effective_payload(session, delivery) == {**BODY, "text": "Just for you"}


def test_keys_queued_already_are_not_queued_again(engine: Engine) -> None:
    fan_out(engine)
    with session_scope(engine) as session:
        again = [recipient(0), recipient(AUDIENCE)]
        assert deliveries.enqueue_shared(session, payload=BODY, recipients=again, now=NOW) == 1
        assert session.exec(select(func.count()).select_from(Delivery)).one() == AUDIENCE + 1
