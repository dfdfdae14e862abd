"""Reads for the App Home: one person's recent shout-outs, the digest a channel got last, and whether the programme
has scheduled its first key message and started its first pulse."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage import deliveries
from storage.models import Delivery, DeliveryState, DigestPost, KeySchedule, PulseCampaign, Shoutout, ShoutoutRecipient


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


def latest_digest(session: Session, *, channel: str) -> tuple[str, datetime, dict[str, Any]] | None:
    """The headline of the last digest (weekly or on demand) posted in `channel`, when it was posted, and what was
    posted (the message Slack holds, for its marked key figures)."""
    statement = (
        select(DigestPost.headline, Delivery)
        .join(Delivery, col(Delivery.id) == col(DigestPost.delivery_id))
        .where(col(DigestPost.channel) == channel, col(Delivery.state) == DeliveryState.SENT)
        .order_by(col(Delivery.sent_at).desc(), col(DigestPost.id).desc())
        .limit(1)
    )
    found = session.exec(statement).first()
    if found is None or found[1].sent_at is None:
        return None
    headline, delivery = found
    return headline, found[1].sent_at, deliveries.effective_payload(session, delivery)


def any_key_schedule(session: Session) -> bool:
    return session.exec(select(KeySchedule.id).limit(1)).first() is not None


def any_pulse_campaign(session: Session) -> bool:
    return session.exec(select(PulseCampaign.id).limit(1)).first() is not None
