"""What features do with the outbox: queue a delivery under its key, withdraw or count deliveries by what they are
about. Only the sender (`bot.platform.outbox.sender`) talks to Slack's write methods."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.platform.outbox import keys
from bot.platform.outbox.keys import DeliveryKey, Selection
from storage import deliveries
from storage.db import session_scope
from storage.models import Delivery


def enqueue(
    session: Session,
    key: DeliveryKey,
    *,
    channel: str,
    payload: dict[str, Any],
    due_at: datetime,
    now: datetime,
) -> int | None:
    """Queue one message in the caller's unit of work. Its delivery id when it was not queued already, else None."""
    return deliveries.enqueue(
        session,
        key=key.key,
        kind=key.kind,
        ref_id=key.ref_id,
        ref=key.ref,
        channel=channel,
        payload=payload,
        due_at=due_at,
        now=now,
    )


def enqueue_shared(
    session: Session,
    recipients: Iterable[tuple[DeliveryKey, str, datetime]],
    *,
    payload: dict[str, Any],
    now: datetime,
) -> int:
    """Queue one message to many (key, channel, due at) in the caller's unit of work, its payload stored once and
    the deliveries written in batches as `recipients` yields them. Returns how many were not queued already."""
    addressed = (
        deliveries.Addressed(key.key, key.kind, key.ref_id, key.ref, channel, due_at)
        for key, channel, due_at in recipients
    )
    return deliveries.enqueue_shared(session, payload=payload, recipients=addressed, now=now)


def enqueue_alone(
    engine: Engine,
    key: DeliveryKey,
    *,
    channel: str,
    payload: dict[str, Any],
    now: datetime,
    due_at: datetime | None = None,
) -> int | None:
    """Queue one message in its own unit of work."""
    with session_scope(engine) as session:
        return enqueue(session, key, channel=channel, payload=payload, due_at=due_at or now, now=now)


def failure_notice(to_user: str, text: str) -> dict[str, Any]:
    """Payload fragment: if this delivery fails for good, DM `to_user` once with `text`."""
    return {"failure_notice": {"to": to_user, "text": text}}


def cancel_pending(session: Session, selection: Selection) -> int:
    """Withdraw the selected deliveries not yet claimed by a sender; returns how many."""
    return deliveries.cancel_pending(session, kinds=selection.kinds, ref_id=selection.ref_id, ref=selection.ref)


def count_by_state(session: Session, selection: Selection) -> dict[str, int]:
    """How many of the selected deliveries are in each state."""
    return deliveries.count_by_state(session, kinds=selection.kinds, ref_id=selection.ref_id, ref=selection.ref)


def is_queued(session: Session, key: DeliveryKey) -> bool:
    """Whether a delivery was ever queued under `key` (whatever became of it)."""
    return deliveries.get_by_key(session, key.key) is not None


def selected(session: Session, selection: Selection) -> list[Delivery]:
    """The selected deliveries, oldest first."""
    return deliveries.about(session, kinds=selection.kinds, ref_id=selection.ref_id, ref=selection.ref)


def enqueue_failure_notice(session: Session, delivery: Delivery, error: str, *, now: datetime) -> bool:
    """Queue the notice a delivery that failed for good carries for its owner (`payload["failure_notice"]`), with
    what Slack said; False when it carries none."""
    notice = delivery.payload.get("failure_notice")
    if not notice:
        return False
    assert delivery.id is not None
    text = f"{notice['text']} (Slack said: `{error}`)"
    enqueue(
        session,
        keys.failure_notice(delivery.key, delivery.id),
        channel=notice["to"],
        payload={"text": text},
        due_at=now,
        now=now,
    )
    return True
