"""Reads for the data export: shout-outs as given, and pulse and key-message figures as aggregates only.

Nothing here reads a pulse answer's token or a participation row's person: answers leave the database summed per
round, reporting group and question, and participation as counts per round.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import (
    KeyOccurrence,
    KeySchedule,
    PulseParticipation,
    PulseRound,
    Shoutout,
    ShoutoutRecipient,
)

BATCH = 500


@dataclass(frozen=True)
class ShoutoutRow:
    id: int
    created_at: datetime
    giver: str
    recipients: tuple[str, ...]
    behaviour_key: str
    message: str
    source: str


def shoutouts(session: Session) -> Iterator[ShoutoutRow]:
    """Every shout-out not retracted, oldest first, read in batches."""
    after = 0
    while True:
        statement = (
            select(Shoutout)
            .where(col(Shoutout.retracted_at).is_(None), col(Shoutout.id) > after)
            .order_by(col(Shoutout.id))
            .limit(BATCH)
        )
        batch = session.exec(statement).all()
        if not batch:
            return
        recipients = _recipients(session, [row.id for row in batch if row.id is not None])
        for row in batch:
            assert row.id is not None
            yield ShoutoutRow(
                row.id,
                row.created_at,
                row.giver,
                tuple(recipients.get(row.id, [])),
                row.behaviour_key or "",
                row.message,
                row.source,
            )
        after = batch[-1].id or after


def _recipients(session: Session, ids: list[int]) -> dict[int, list[str]]:
    statement = (
        select(ShoutoutRecipient.shoutout_id, ShoutoutRecipient.recipient)
        .where(col(ShoutoutRecipient.shoutout_id).in_(ids))
        .order_by(col(ShoutoutRecipient.id))
    )
    found: dict[int, list[str]] = {}
    for shoutout_id, recipient in session.exec(statement):
        found.setdefault(shoutout_id, []).append(recipient)
    return found


def closed_rounds(session: Session) -> list[PulseRound]:
    """Every closed pulse round, oldest first."""
    statement = select(PulseRound).where(col(PulseRound.state) == "closed").order_by(col(PulseRound.id))
    return list(session.exec(statement))


def round_turnout(session: Session) -> list[tuple[int, datetime, datetime, str, int, int]]:
    """(round, opens, closes, state, invited, answered) per round, people counted, never named."""
    invited = func.sum(case((col(PulseParticipation.state) == "invited", 1), else_=0))
    answered = func.sum(
        case(((col(PulseParticipation.state) == "invited") & col(PulseParticipation.answered), 1), else_=0)
    )
    statement = (
        sa_select(
            col(PulseRound.id),
            col(PulseRound.opens_at),
            col(PulseRound.closes_at),
            col(PulseRound.state),
            invited,
            answered,
        )
        .join(PulseParticipation, col(PulseParticipation.round_id) == col(PulseRound.id))
        .group_by(col(PulseRound.id), col(PulseRound.opens_at), col(PulseRound.closes_at), col(PulseRound.state))
        .order_by(col(PulseRound.id))
    )
    return [(r, o, c, s, int(i or 0), int(a or 0)) for r, o, c, s, i, a in session.execute(statement)]


def key_message_occurrences(session: Session) -> list[tuple[KeySchedule, KeyOccurrence]]:
    statement = (
        select(KeySchedule, KeyOccurrence)
        .join(KeyOccurrence, col(KeyOccurrence.schedule_id) == col(KeySchedule.id))
        .order_by(col(KeyOccurrence.occurs_at), col(KeyOccurrence.id))
    )
    return [(schedule, occurrence) for schedule, occurrence in session.exec(statement)]
