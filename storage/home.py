"""Reads for the App Home: one person's recent shout-outs, and the digest a channel got last."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import Delivery, DeliveryState, DigestPost, Shoutout, ShoutoutRecipient


def recent_given(session: Session, *, giver: str, limit: int) -> Sequence[Shoutout]:
    statement = (
        select(Shoutout)
        .where(col(Shoutout.giver) == giver, col(Shoutout.retracted_at).is_(None))
        .order_by(col(Shoutout.created_at).desc(), col(Shoutout.id).desc())
        .limit(limit)
    )
    return session.exec(statement).all()


def recent_received(session: Session, *, recipient: str, limit: int) -> Sequence[Shoutout]:
    statement = (
        select(Shoutout)
        .join(ShoutoutRecipient, col(ShoutoutRecipient.shoutout_id) == col(Shoutout.id))
        .where(col(ShoutoutRecipient.recipient) == recipient, col(Shoutout.retracted_at).is_(None))
        .order_by(col(Shoutout.created_at).desc(), col(Shoutout.id).desc())
        .limit(limit)
    )
    return session.exec(statement).all()


def latest_digest(session: Session, *, channel: str) -> tuple[str, datetime] | None:
    """The headline of the last digest (weekly or on demand) posted in `channel`, and when it was posted."""
    statement = (
        select(DigestPost.headline, Delivery.sent_at)
        .join(Delivery, col(Delivery.id) == col(DigestPost.delivery_id))
        .where(col(DigestPost.channel) == channel, col(Delivery.state) == DeliveryState.SENT)
        .order_by(col(Delivery.sent_at).desc(), col(DigestPost.id).desc())
        .limit(1)
    )
    found = session.exec(statement).first()
    return (found[0], found[1]) if found is not None and found[1] is not None else None
