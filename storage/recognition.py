"""Repository for shout-outs: store one per request, count them, and aggregate them for stats and digests."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage.models import Shoutout, ShoutoutRecipient


@dataclass(frozen=True)
class NewShoutout:
    request_key: str
    giver: str
    recipients: tuple[str, ...]
    behaviour_key: str | None
    message: str
    source: str
    link: str | None
    origin_channel: str | None
    created_at: datetime


def add(session: Session, shoutout: NewShoutout) -> Shoutout | None:
    """Store a shout-out and its recipients. None when one with the same request key exists already (a retry
    racing this one); the caller's unit of work is left usable."""
    row = Shoutout(
        request_key=shoutout.request_key,
        giver=shoutout.giver,
        behaviour_key=shoutout.behaviour_key,
        message=shoutout.message,
        source=shoutout.source,
        link=shoutout.link,
        origin_channel=shoutout.origin_channel,
        created_at=shoutout.created_at,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
            assert row.id is not None
            session.add_all(ShoutoutRecipient(shoutout_id=row.id, recipient=r) for r in shoutout.recipients)
            session.flush()
    except IntegrityError:
        return None
    return row


def by_request_key(session: Session, request_key: str) -> Shoutout | None:
    return session.exec(select(Shoutout).where(col(Shoutout.request_key) == request_key)).first()


def recipients_of(session: Session, shoutout_id: int) -> list[str]:
    statement = (
        select(ShoutoutRecipient.recipient)
        .where(col(ShoutoutRecipient.shoutout_id) == shoutout_id)
        .order_by(col(ShoutoutRecipient.id))
    )
    return list(session.exec(statement))


def mark_retracted(session: Session, shoutout_id: int, *, now: datetime) -> bool:
    """Retract a shout-out not retracted yet; True when this call did it."""
    result = session.exec(
        update(Shoutout)
        .where(col(Shoutout.id) == shoutout_id, col(Shoutout.retracted_at).is_(None))
        .values(retracted_at=now)
    )
    return bool(result.rowcount)


def awaiting_cleanup(session: Session, *, limit: int = 50) -> Sequence[Shoutout]:
    """Retracted shout-outs whose celebration may still be visible in Slack."""
    statement = (
        select(Shoutout)
        .where(col(Shoutout.retracted_at).is_not(None), col(Shoutout.cleaned_up_at).is_(None))
        .order_by(col(Shoutout.id))
        .limit(limit)
    )
    return session.exec(statement).all()


def mark_cleaned_up(session: Session, shoutout_id: int, *, now: datetime) -> None:
    session.exec(update(Shoutout).where(col(Shoutout.id) == shoutout_id).values(cleaned_up_at=now))


def _live(since: datetime | None, until: datetime | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Shoutout.retracted_at).is_(None)]
    if since is not None:
        conditions.append(col(Shoutout.created_at) >= since)
    if until is not None:
        conditions.append(col(Shoutout.created_at) < until)
    return conditions


def lock_giver(session: Session, *, giver: str) -> None:
    """Hold, until this unit of work ends, the right to add shout-outs from `giver`, so that counting today's and
    adding one cannot interleave with the same person's other request (a double click on two devices). PostgreSQL
    takes a transaction-scoped advisory lock; SQLite needs none, as its writers already queue at BEGIN IMMEDIATE."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(func.pg_advisory_xact_lock(func.hashtextextended(f"shoutout-giver:{giver}", 0))))


def count_given(session: Session, *, giver: str, since: datetime | None = None) -> int:
    statement = select(func.count()).where(col(Shoutout.giver) == giver, *_live(since, None))
    return int(session.exec(statement).one())


def count_received(session: Session, *, recipient: str, since: datetime | None = None) -> int:
    statement = (
        select(func.count())
        .select_from(ShoutoutRecipient)
        .join(Shoutout, col(Shoutout.id) == col(ShoutoutRecipient.shoutout_id))
        .where(col(ShoutoutRecipient.recipient) == recipient, *_live(since, None))
    )
    return int(session.exec(statement).one())


def _involving(people: Collection[str] | None) -> list[ColumnElement[bool]]:
    """Shout-outs that recognised at least one of `people` (all when None)."""
    if people is None:
        return []
    someone = select(ShoutoutRecipient.shoutout_id).where(col(ShoutoutRecipient.recipient).in_(list(people)))
    return [col(Shoutout.id).in_(someone)]


def top_behaviours(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    people: Collection[str] | None = None,
    recipient: str | None = None,
    limit: int = 3,
) -> list[tuple[str, int]]:
    """The behaviours most recognised, most first (ties by key), as (key, number of shout-outs)."""
    conditions = [*_live(since, until), *_involving(people), col(Shoutout.behaviour_key).is_not(None)]
    if recipient is not None:
        conditions.extend(_involving([recipient]))
    statement = (
        select(Shoutout.behaviour_key, func.count())
        .where(*conditions)
        .group_by(col(Shoutout.behaviour_key))
        .order_by(func.count().desc(), col(Shoutout.behaviour_key))
        .limit(limit)
    )
    return [(str(key), int(count)) for key, count in session.exec(statement)]


def count_in_period(
    session: Session, *, since: datetime, until: datetime, people: Collection[str] | None = None
) -> int:
    statement = select(func.count()).where(*_live(since, until), *_involving(people))
    return int(session.exec(statement).one())


def latest_with_words(
    session: Session, *, since: datetime, until: datetime, people: Collection[str] | None = None, limit: int = 3
) -> Sequence[Shoutout]:
    """The most recent shout-outs in the period that carry a message, newest first."""
    statement = (
        select(Shoutout)
        .where(*_live(since, until), *_involving(people), col(Shoutout.message) != "")
        .order_by(col(Shoutout.created_at).desc(), col(Shoutout.id).desc())
        .limit(limit)
    )
    return session.exec(statement).all()


def first_recognised_between(
    session: Session, *, since: datetime, until: datetime, people: Collection[str] | None = None
) -> list[str]:
    """People recognised in [since, until) who had never been recognised before `since` (unretracted shout-outs),
    in order of their first recognition. Looks only at this period's recipients, so it costs the same in year five
    as in week one."""
    earlier = aliased(Shoutout)
    before = aliased(ShoutoutRecipient)
    recognised_before = (
        select(before.id)
        .join(earlier, col(earlier.id) == col(before.shoutout_id))
        .where(
            col(before.recipient) == col(ShoutoutRecipient.recipient),
            col(earlier.created_at) < since,
            col(earlier.retracted_at).is_(None),
        )
        .exists()
    )
    statement = (
        select(ShoutoutRecipient.recipient, func.min(Shoutout.created_at))
        .join(Shoutout, col(Shoutout.id) == col(ShoutoutRecipient.shoutout_id))
        .where(
            col(Shoutout.created_at) >= since,
            col(Shoutout.created_at) < until,
            col(Shoutout.retracted_at).is_(None),
            ~recognised_before,
            *([] if people is None else [col(ShoutoutRecipient.recipient).in_(list(people))]),
        )
        .group_by(col(ShoutoutRecipient.recipient))
        .order_by(func.min(Shoutout.created_at), col(ShoutoutRecipient.recipient))
    )
    return [recipient for recipient, _ in session.exec(statement)]


def recipients_by_shoutout(session: Session, shoutout_ids: Collection[int]) -> dict[int, list[str]]:
    statement = (
        select(ShoutoutRecipient.shoutout_id, ShoutoutRecipient.recipient)
        .where(col(ShoutoutRecipient.shoutout_id).in_(list(shoutout_ids)))
        .order_by(col(ShoutoutRecipient.id))
    )
    found: dict[int, list[str]] = {i: [] for i in shoutout_ids}
    for shoutout_id, recipient in session.exec(statement):
        found[shoutout_id].append(recipient)
    return found
