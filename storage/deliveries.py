"""Repository for the delivery outbox: enqueue once, claim atomically, record the outcome."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import Delivery, DeliveryPayload, DeliveryState

INSERT_BATCH = 1000
"""Deliveries written per INSERT statement when fanning out, so memory stays flat however large the audience."""


def enqueue(
    session: Session,
    *,
    key: str,
    kind: str,
    channel: str,
    payload: dict[str, Any],
    due_at: datetime,
    now: datetime,
    ref_id: int | None = None,
    ref: str | None = None,
) -> int | None:
    """Add a delivery unless one with `key` exists already. Its id when this call added it, else None."""
    row = _row(key=key, kind=kind, ref_id=ref_id, ref=ref, channel=channel, payload=payload, due_at=due_at, now=now)
    added = _insert_new(session, [row])
    return added[0] if added else None


@dataclass(frozen=True)
class Addressed:
    """One recipient of a shared payload: its outbox key and what it is about, where it goes, when it falls due."""

    key: str
    kind: str
    ref_id: int | None
    ref: str | None
    channel: str
    due_at: datetime


def enqueue_shared(
    session: Session,
    *,
    payload: dict[str, Any],
    recipients: Iterable[Addressed],
    now: datetime,
) -> int:
    """Store `payload` once and add a delivery referencing it for each recipient whose key is new, in batches of
    `INSERT_BATCH`; `recipients` is consumed lazily. Returns how many deliveries were added."""
    shared = DeliveryPayload(payload=payload)
    session.add(shared)
    session.flush()
    added = 0
    for chunk in _chunks(iter(recipients), INSERT_BATCH):
        rows = [_row(**vars(r), payload={}, payload_id=shared.id, now=now) for r in chunk]
        added += len(_insert_new(session, rows))
    return added


def _chunks(items: Iterator[Addressed], size: int) -> Iterator[list[Addressed]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _row(*, now: datetime, due_at: datetime, **values: Any) -> dict[str, Any]:
    """A new pending delivery's column values."""
    return {**values, "state": DeliveryState.PENDING, "attempts": 0, "next_attempt_at": due_at, "created_at": now}


def _insert_new(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows`, skipping any whose key is taken; the ids of those added. One statement, compiled once and
    cached, sent with the rows as its parameter sets: a VALUES list of a thousand rows would be compiled afresh
    for every batch, which costs several times the insert itself."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(Delivery).on_conflict_do_nothing(index_elements=["key"]).returning(col(Delivery.id))
    return [added for (added,) in session.connection().execute(statement, rows) if added is not None]


def effective_payloads(session: Session, batch: Collection[Delivery]) -> dict[int, dict[str, Any]]:
    """What each delivery of `batch` says, by id: its shared payload (read in one query) under its own."""
    ids = {d.payload_id for d in batch if d.payload_id is not None}
    statement = select(DeliveryPayload).where(col(DeliveryPayload.id).in_(list(ids)))
    shared = {p.id: p.payload for p in session.exec(statement)} if ids else {}
    return {d.id or 0: {**shared.get(d.payload_id, {}), **d.payload} for d in batch}


def effective_payload(session: Session, delivery: Delivery) -> dict[str, Any]:
    """What one delivery says: its shared payload, if any, under its own."""
    return effective_payloads(session, [delivery])[delivery.id or 0]


def _lock_ids(session: Session, conditions: list[Any], order: list[Any], limit: int) -> list[int]:
    """The ids of up to `limit` rows meeting `conditions`, locked for this transaction; rows another transaction
    holds are skipped, not waited for."""
    statement = select(Delivery.id).where(*conditions).order_by(*order).limit(limit).with_for_update(skip_locked=True)
    return [i for i in session.exec(statement) if i is not None]


def claim_due(
    session: Session,
    *,
    now: datetime,
    worker: str,
    lease_until: datetime,
    limit: int,
    among: Collection[int] | None = None,
) -> list[Delivery]:
    """Atomically move up to `limit` due pending deliveries (only those `among` these ids, when given) to
    `sending` under this worker's lease.

    On PostgreSQL the candidate rows are locked with SKIP LOCKED, so two clocks claim disjoint sets; on SQLite the
    write lock taken at BEGIN does the same. Either way a row is claimed by one worker only. The claimed rows come
    back detached, each holding its effective payload (shared payloads read in one query)."""
    only = [] if among is None else [col(Delivery.id).in_(list(among))]
    due = [col(Delivery.state) == DeliveryState.PENDING, col(Delivery.next_attempt_at) <= now, *only]
    ids = _lock_ids(session, due, [col(Delivery.next_attempt_at), col(Delivery.id)], limit)
    if not ids:
        return []
    session.exec(
        update(Delivery)
        .where(col(Delivery.id).in_(ids), col(Delivery.state) == DeliveryState.PENDING)
        .values(
            state=DeliveryState.SENDING,
            lease_until=lease_until,
            claimed_by=worker,
            attempts=Delivery.attempts + 1,
        )
    )
    claimed = list(session.exec(select(Delivery).where(col(Delivery.id).in_(ids), col(Delivery.claimed_by) == worker)))
    payloads = effective_payloads(session, claimed)
    for delivery in claimed:
        session.expunge(delivery)  # so the merged payload below is never written back
        delivery.payload = payloads[delivery.id or 0]
    return sorted(claimed, key=lambda d: (d.next_attempt_at, d.id or 0))


def release_expired(session: Session, *, now: datetime) -> int:
    """Deliveries whose sender stopped mid-send (a crash, a kill) go back to pending, unsettled: neither sent nor
    known not to be. Whoever claims one next looks for it in Slack before sending it. The crashed try is not counted
    against the delivery's attempts. Returns how many were released."""
    result = session.exec(
        update(Delivery)
        .where(col(Delivery.state) == DeliveryState.SENDING, col(Delivery.lease_until) < now)
        .values(
            state=DeliveryState.PENDING,
            next_attempt_at=now,
            unsettled_at=func.coalesce(Delivery.unsettled_at, Delivery.lease_until),
            lease_until=None,
            attempts=Delivery.attempts - 1,
        )
    )
    return int(result.rowcount)


def mark_sent(session: Session, delivery_id: int, *, now: datetime, channel: str | None, ts: str | None) -> None:
    _set(
        session,
        delivery_id,
        state=DeliveryState.SENT,
        sent_at=now,
        message_channel=channel,
        message_ts=ts,
        lease_until=None,
        unsettled_at=None,
        error=None,
    )


def mark_retry(session: Session, delivery_id: int, *, at: datetime, error: str, count_attempt: bool = True) -> None:
    """Back to pending, due again at `at`, known not to be in Slack. A rate-limited try is not counted against the
    delivery's attempts."""
    _set(session, delivery_id, **_pending(at, error, count_attempt), unsettled_at=None)


def mark_unsettled(
    session: Session,
    delivery_id: int,
    *,
    at: datetime,
    error: str,
    since: datetime | None = None,
    count_attempt: bool = True,
) -> None:
    """Back to pending, due at `at`, but perhaps in Slack already (its answer was lost at `since`): the next claim
    settles it before any resend. Without `since`, it keeps the moment it became unsettled."""
    values = _pending(at, error, count_attempt)
    if since is not None:
        values["unsettled_at"] = since
    _set(session, delivery_id, **values)


def note_upload(session: Session, delivery_id: int, *, file_id: str) -> None:
    """Remember the Slack file a file delivery is about to share, so a lost answer can be looked up."""
    _set(session, delivery_id, upload_file_id=file_id)


def mark_failed(session: Session, delivery_id: int, *, error: str) -> None:
    _set(session, delivery_id, state=DeliveryState.FAILED, lease_until=None, unsettled_at=None, error=error[:200])


def _pending(at: datetime, error: str, count_attempt: bool) -> dict[str, Any]:
    values: dict[str, Any] = {
        "state": DeliveryState.PENDING,
        "next_attempt_at": at,
        "lease_until": None,
        "error": error[:200],
    }
    if not count_attempt:
        values["attempts"] = Delivery.attempts - 1
    return values


def _set(session: Session, delivery_id: int, **values: Any) -> None:
    session.exec(update(Delivery).where(col(Delivery.id) == delivery_id).values(**values))


def get_by_key(session: Session, key: str) -> Delivery | None:
    return session.exec(select(Delivery).where(col(Delivery.key) == key)).first()


def get_by_keys(session: Session, keys: Iterable[str]) -> list[Delivery]:
    return list(session.exec(select(Delivery).where(col(Delivery.key).in_(list(keys)))))


def _about(kinds: Collection[str], ref_id: int | None, ref: str | None) -> list[Any]:
    """The conditions selecting deliveries of `kinds` about `ref_id` (and `ref`), each when given."""
    conditions: list[Any] = [col(Delivery.kind).in_(list(kinds))]
    if ref_id is not None:
        conditions.append(col(Delivery.ref_id) == ref_id)
    if ref is not None:
        conditions.append(col(Delivery.ref) == ref)
    return conditions


def cancel_pending(session: Session, *, kinds: Collection[str], ref_id: int | None, ref: str | None = None) -> int:
    """Cancel every delivery not yet claimed of `kinds` about `ref_id` (and `ref`); returns how many. One whose
    last answer was lost may already be in Slack: it is marked withdrawn instead, so the sender settles it (sent if
    Slack has it, else cancelled) and never sends it again."""
    pending = (col(Delivery.state) == DeliveryState.PENDING, *_about(kinds, ref_id, ref))
    session.exec(update(Delivery).where(*pending, col(Delivery.unsettled_at).is_not(None)).values(withdrawn=True))
    result = session.exec(
        update(Delivery).where(*pending, col(Delivery.unsettled_at).is_(None)).values(state=DeliveryState.CANCELLED)
    )
    return int(result.rowcount)


def mark_cancelled(session: Session, delivery_id: int) -> None:
    _set(session, delivery_id, state=DeliveryState.CANCELLED, lease_until=None, unsettled_at=None)


def about(session: Session, *, kinds: Collection[str], ref_id: int | None, ref: str | None = None) -> list[Delivery]:
    """The deliveries of `kinds` about `ref_id` (and `ref`), oldest first."""
    statement = select(Delivery).where(*_about(kinds, ref_id, ref)).order_by(col(Delivery.id))
    return list(session.exec(statement))


def count_by_state(
    session: Session, *, kinds: Collection[str], ref_id: int | None = None, ref: str | None = None
) -> dict[str, int]:
    """How many deliveries of `kinds` (about `ref_id` and `ref`, when given) are in each state; reach figures are
    built on this."""
    statement = select(Delivery.state, func.count()).where(*_about(kinds, ref_id, ref)).group_by(Delivery.state)
    return {state: count for state, count in session.exec(statement)}


def next_attempt_after(session: Session, *, now: datetime, among: Collection[int] | None = None) -> datetime | None:
    """When the next pending delivery (of those `among` these ids, when given) falls due after `now` (a retry's
    backoff, a message timed for later)."""
    only = [] if among is None else [col(Delivery.id).in_(list(among))]
    statement = select(func.min(Delivery.next_attempt_at)).where(
        col(Delivery.state) == DeliveryState.PENDING, col(Delivery.next_attempt_at) > now, *only
    )
    return session.exec(statement).one()
