"""Forgetting one person: the SQL that removes their id from every feature's tables while the programme's counts
stay what they were. Each function returns how many rows it changed.

Rows that only say *that* something happened (invited to a round, a delivery, a "Got it") keep existing under a
tombstone id unique to the row (`UFORGOTTEN-<row id>`), so turnout and reach still add up. Shout-outs name the
plain tombstone `UFORGOTTEN`, which Slack shows as an unknown person.
"""

from __future__ import annotations

import json

from sqlalchemy import String, cast, delete, exists, func, literal, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage.models import (
    Delivery,
    DeliveryPayload,
    DeliveryState,
    DigestPost,
    KeyAck,
    KeyOccurrence,
    PulseAnswer,
    PulseCampaign,
    PulseComment,
    PulseParticipation,
    Shoutout,
    ShoutoutRecipient,
    TeamAction,
)

FORGOTTEN = "UFORGOTTEN"


def _row_tombstone(id_column: object) -> object:
    return literal(f"{FORGOTTEN}-", String).concat(cast(id_column, String))


def participation_rounds(session: Session, *, user_id: str) -> list[int]:
    """The rounds the person was asked in (their answers there are under a token derived from their id)."""
    statement = select(PulseParticipation.round_id).where(col(PulseParticipation.user_id) == user_id)
    return sorted(set(session.exec(statement)))


def anonymise_participation(session: Session, *, user_id: str) -> int:
    statement = (
        update(PulseParticipation)
        .where(col(PulseParticipation.user_id) == user_id)
        .values(user_id=_row_tombstone(col(PulseParticipation.id)))
    )
    return int(session.exec(statement).rowcount)


def retoken_answers(session: Session, *, round_id: int, token: str, new_token: str) -> int:
    """Move one person's answers and comment in a round to a token nobody can derive from their id."""
    changed = 0
    for model in (PulseAnswer, PulseComment):
        statement = (
            update(model).where(col(model.round_id) == round_id, col(model.token) == token).values(token=new_token)
        )
        changed += int(session.exec(statement).rowcount)
    return changed


def cancel_pending_deliveries(session: Session, *, user_id: str) -> int:
    """Messages to the person not sent yet are never sent."""
    waiting = (DeliveryState.PENDING, DeliveryState.SENDING)
    statement = (
        update(Delivery)
        .where(col(Delivery.channel) == user_id, col(Delivery.state).in_(waiting))
        .values(state=DeliveryState.CANCELLED)
    )
    return int(session.exec(statement).rowcount)


def anonymise_deliveries(session: Session, *, user_id: str) -> int:
    """Deliveries addressed to the person keep their state (reach counts them by kind, reference and state) but lose the
    person: their id in the key, the channel, where the DM landed and what it said."""
    tombstone = _row_tombstone(col(Delivery.id))
    statement = (
        update(Delivery)
        .where(col(Delivery.channel) == user_id)
        .values(
            key=func.replace(col(Delivery.key), user_id, tombstone),
            channel=FORGOTTEN,
            message_channel=None,
            message_ts=None,
            payload={},
            payload_id=None,
        )
    )
    return int(session.exec(statement).rowcount)


def unname_in_payloads(session: Session, *, user_id: str) -> int:
    """Other messages (a channel's celebration or digest, a notice to the owner) keep their words, but the person's
    id in them becomes the tombstone; what was posted in Slack already is Slack's to keep or delete."""
    rows: list[Delivery | DeliveryPayload] = [
        *session.exec(select(Delivery).where(cast(col(Delivery.payload), String).contains(user_id))),
        *session.exec(select(DeliveryPayload).where(cast(col(DeliveryPayload.payload), String).contains(user_id))),
    ]
    for row in rows:
        row.payload = json.loads(json.dumps(row.payload).replace(user_id, FORGOTTEN))
        session.add(row)
    changed = len(rows)
    headlines = (
        update(DigestPost)
        .where(col(DigestPost.headline).contains(user_id))
        .values(headline=func.replace(col(DigestPost.headline), user_id, FORGOTTEN))
    )
    return changed + int(session.exec(headlines).rowcount)


def anonymise_key_acks(session: Session, *, user_id: str) -> int:
    statement = update(KeyAck).where(col(KeyAck.user_id) == user_id).values(user_id=_row_tombstone(col(KeyAck.id)))
    return int(session.exec(statement).rowcount)


def redact_given_shoutouts(session: Session, *, user_id: str) -> int:
    """Shout-outs the person gave stay counted (recipients keep their recognition) without the giver or the
    giver's words."""
    statement = (
        update(Shoutout)
        .where(col(Shoutout.giver) == user_id)
        .values(
            giver=FORGOTTEN,
            message="",
            link=None,
            request_key=literal("forgotten:", String).concat(cast(col(Shoutout.id), String)),
        )
    )
    return int(session.exec(statement).rowcount)


def unname_recipient(session: Session, *, user_id: str) -> int:
    """The person's place among a shout-out's recipients goes to the tombstone (once per shout-out: when another
    forgotten person holds it already, their shared place stands for both)."""
    other = aliased(ShoutoutRecipient)
    taken = exists().where(
        col(other.shoutout_id) == col(ShoutoutRecipient.shoutout_id), col(other.recipient) == FORGOTTEN
    )
    renamed = session.exec(
        update(ShoutoutRecipient)
        .where(col(ShoutoutRecipient.recipient) == user_id, ~taken)
        .values(recipient=FORGOTTEN)
        .execution_options(synchronize_session=False)
    ).rowcount
    merged = session.exec(delete(ShoutoutRecipient).where(col(ShoutoutRecipient.recipient) == user_id)).rowcount
    return int(renamed) + int(merged)


def hand_over_campaigns(session: Session, *, user_id: str, new_creator: str) -> int:
    statement = update(PulseCampaign).where(col(PulseCampaign.creator) == user_id).values(creator=new_creator)
    return int(session.exec(statement).rowcount)


def hand_over_actions(session: Session, *, user_id: str, new_owner: str) -> int:
    """Team actions the person owned or took on name `new_owner` instead; what the team said it would do stays."""
    owned = update(TeamAction).where(col(TeamAction.owner) == user_id).values(owner=new_owner)
    taken = update(TeamAction).where(col(TeamAction.created_by) == user_id).values(created_by=new_owner)
    return int(session.exec(owned).rowcount) + int(session.exec(taken).rowcount)


def unname_in_cascades(session: Session, *, user_id: str) -> int:
    """Replace the person's id in the lines occurrences sent through managers kept, under a tombstone unique to
    the occurrence, so each line's counts still add up."""
    statement = select(KeyOccurrence).where(cast(KeyOccurrence.cascade, String).contains(user_id))
    changed = 0
    for occurrence in session.exec(statement):
        tombstone = f"{FORGOTTEN}-c{occurrence.id}"
        lines = {
            (tombstone if manager == user_id else manager): [tombstone if m == user_id else m for m in members]
            for manager, members in (occurrence.cascade or {}).items()
        }
        session.exec(update(KeyOccurrence).where(col(KeyOccurrence.id) == occurrence.id).values(cascade=lines))
        changed += 1
    return changed
