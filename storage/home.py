"""Reads for the App Home: one person's recent shout-outs, the digest a channel got last, and whether the programme
has scheduled its first key message and started its first pulse."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.models import Delivery, DeliveryState, KeySchedule, PulseCampaign, Shoutout, ShoutoutRecipient

DIGEST_KINDS = ("digest",)


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


def latest_digest(session: Session, *, channel: str) -> Delivery | None:
    """The last weekly or on-demand digest posted in `channel`."""
    statement = (
        select(Delivery)
        .where(
            col(Delivery.channel) == channel,
            col(Delivery.kind).in_(DIGEST_KINDS),
            col(Delivery.state) == DeliveryState.SENT,
        )
        .order_by(col(Delivery.sent_at).desc(), col(Delivery.id).desc())
        .limit(1)
    )
    return session.exec(statement).first()


def any_key_schedule(session: Session) -> bool:
    return session.exec(select(KeySchedule.id).limit(1)).first() is not None


def any_pulse_campaign(session: Session) -> bool:
    return session.exec(select(PulseCampaign.id).limit(1)).first() is not None
