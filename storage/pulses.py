"""Repository for pulses: campaigns, rounds, who was asked (participation) and what was answered (answers, comments).

Participation rows carry a user id and never a score; answer and comment rows carry a score or text and never a
user id. The two meet only through the keyed token, which only Cadence (holding the secret) can compute.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage import pulse_kept
from storage.models import PulseAnswer, PulseCampaign, PulseComment, PulseParticipation, PulseRound

INVITED = "invited"
SKIPPED = "skipped"


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


# --- campaigns and rounds -----------------------------------------------------------------------------------------


def add_campaign(session: Session, campaign: PulseCampaign) -> PulseCampaign:
    session.add(campaign)
    session.flush()
    return campaign


def active_campaigns(session: Session) -> Sequence[PulseCampaign]:
    return session.exec(select(PulseCampaign).where(col(PulseCampaign.state) == "active")).all()


def get_campaign(session: Session, campaign_id: int) -> PulseCampaign | None:
    return session.get(PulseCampaign, campaign_id)


def end_campaign(session: Session, campaign_id: int) -> None:
    session.exec(update(PulseCampaign).where(col(PulseCampaign.id) == campaign_id).values(state="ended"))


def open_round(
    session: Session, *, campaign_id: int, opens_at: datetime, closes_at: datetime, reminder_at: datetime | None
) -> bool:
    """Create the campaign's round opening at `opens_at` unless it exists. True when this call created it."""
    statement = (
        _insert(session)(PulseRound)
        .values(campaign_id=campaign_id, opens_at=opens_at, closes_at=closes_at, reminder_at=reminder_at, state="open")
        .on_conflict_do_nothing(index_elements=["campaign_id", "opens_at"])
        .returning(col(PulseRound.id))
    )
    return session.exec(statement).first() is not None


def get_round(session: Session, round_id: int) -> PulseRound | None:
    return session.get(PulseRound, round_id)


def set_followups(session: Session, round_id: int, followups: list[dict[str, str]]) -> None:
    """Fix the follow-up questions of a round not yet invited."""
    statement = update(PulseRound).where(col(PulseRound.id) == round_id, col(PulseRound.invited_at).is_(None))
    session.exec(statement.values(followups=followups))


def rounds_to_invite(session: Session) -> Sequence[PulseRound]:
    return session.exec(
        select(PulseRound).where(col(PulseRound.state) == "open", col(PulseRound.invited_at).is_(None))
    ).all()


def mark_invited(
    session: Session, round_id: int, *, now: datetime, closes_at: datetime | None, reminder_at: datetime | None
) -> None:
    """The round's invitations are queued: record when, the first reminder due, and (when it is now known more
    exactly) its close."""
    values: dict[str, Any] = {"invited_at": now, "reminder_at": reminder_at}
    if closes_at is not None:
        values["closes_at"] = closes_at
    session.exec(
        update(PulseRound).where(col(PulseRound.id) == round_id, col(PulseRound.invited_at).is_(None)).values(**values)
    )


def rounds_to_remind(session: Session, *, now: datetime) -> Sequence[PulseRound]:
    return session.exec(
        select(PulseRound).where(
            col(PulseRound.state) == "open",
            col(PulseRound.invited_at).is_not(None),
            col(PulseRound.reminder_at) <= now,
            col(PulseRound.closes_at) > now,
        )
    ).all()


def close_due_rounds(session: Session, *, now: datetime) -> list[int]:
    """Close every open round whose window has passed, keeping their aggregates in the same transaction; returns
    their ids (each closed by exactly one caller)."""
    statement = (
        update(PulseRound)
        .where(col(PulseRound.state) == "open", col(PulseRound.closes_at) <= now)
        .values(state="closed")
        .returning(col(PulseRound.id))
    )
    closed = [row[0] for row in session.exec(statement)]
    pulse_kept.keep(session, closed, now=now)
    return closed


def close_round(session: Session, round_id: int, *, now: datetime) -> bool:
    """Close an open round now, ahead of its window, keeping its aggregates in the same transaction; True when this
    call closed it."""
    statement = (
        update(PulseRound)
        .where(col(PulseRound.id) == round_id, col(PulseRound.state) == "open", col(PulseRound.closes_at) > now)
        .values(state="closed", closes_at=now)
        .returning(col(PulseRound.id))
    )
    if session.exec(statement).first() is None:
        return False
    pulse_kept.keep(session, [round_id], now=now)
    return True


def open_rounds(session: Session) -> list[tuple[PulseRound, PulseCampaign]]:
    """Every open round with its campaign, soonest to close first."""
    statement = (
        select(PulseRound, PulseCampaign)
        .join(PulseCampaign, col(PulseCampaign.id) == col(PulseRound.campaign_id))
        .where(col(PulseRound.state) == "open")
        .order_by(col(PulseRound.closes_at), col(PulseRound.id))
    )
    return [(r, c) for r, c in session.exec(statement)]


def latest_round(
    session: Session, *, before: datetime | None = None, campaign_id: int | None = None
) -> PulseRound | None:
    statement = select(PulseRound)
    if before is not None:
        statement = statement.where(col(PulseRound.opens_at) < before)
    if campaign_id is not None:
        statement = statement.where(col(PulseRound.campaign_id) == campaign_id)
    return session.exec(statement.order_by(col(PulseRound.opens_at).desc(), col(PulseRound.id).desc())).first()


# --- participation --------------------------------------------------------------------------------------------------


def pulses_this_week(session: Session, users: Iterable[str], *, since: datetime) -> dict[str, int]:
    """How many pulses each of `users` was sent since `since`, across all campaigns."""
    statement = (
        select(PulseParticipation.user_id, func.count())
        .where(
            col(PulseParticipation.user_id).in_(list(users)),
            col(PulseParticipation.state) == INVITED,
            col(PulseParticipation.invited_at) >= since,
        )
        .group_by(col(PulseParticipation.user_id))
    )
    return {user: count for user, count in session.exec(statement)}


def add_participation(
    session: Session,
    *,
    round_id: int,
    user_id: str,
    group: str,
    state: str,
    now: datetime,
    remind_at: datetime | None = None,
) -> bool:
    """Record that `user_id` was asked (or skipped) in the round; True when this call recorded it."""
    values = {"round_id": round_id, "user_id": user_id, "group": group, "state": state, "invited_at": now}
    statement = (
        _insert(session)(PulseParticipation)
        .values(**values, answered=False, reminded=False, remind_at=remind_at)
        .on_conflict_do_nothing(index_elements=["round_id", "user_id"])
        .returning(col(PulseParticipation.id))
    )
    return session.exec(statement).first() is not None


def participation(session: Session, *, round_id: int, user_id: str) -> PulseParticipation | None:
    return session.exec(
        select(PulseParticipation).where(
            col(PulseParticipation.round_id) == round_id, col(PulseParticipation.user_id) == user_id
        )
    ).first()


def take_reminders(session: Session, round_id: int, *, now: datetime) -> list[str]:
    """Mark every invited non-responder of the round whose reminder is due as reminded; returns who they are (each
    once, ever)."""
    statement = (
        update(PulseParticipation)
        .where(
            col(PulseParticipation.round_id) == round_id,
            col(PulseParticipation.state) == INVITED,
            col(PulseParticipation.answered).is_(False),
            col(PulseParticipation.reminded).is_(False),
            col(PulseParticipation.remind_at) <= now,
        )
        .values(reminded=True)
        .returning(col(PulseParticipation.user_id))
    )
    return sorted(row[0] for row in session.exec(statement))


@dataclass(frozen=True)
class Turnout:
    invited: int
    answered: int
    skipped: int


def turnout(session: Session, round_ids: Iterable[int], groups: Iterable[str] | None = None) -> Turnout:
    statement = select(PulseParticipation.state, PulseParticipation.answered, func.count()).where(
        col(PulseParticipation.round_id).in_(list(round_ids))
    )
    if groups is not None:
        statement = statement.where(col(PulseParticipation.group).in_(list(groups)))
    counts = {
        (state, answered): n
        for state, answered, n in session.exec(
            statement.group_by(col(PulseParticipation.state), col(PulseParticipation.answered))
        )
    }
    invited = counts.get((INVITED, True), 0) + counts.get((INVITED, False), 0)
    skipped = counts.get((SKIPPED, True), 0) + counts.get((SKIPPED, False), 0)
    return Turnout(invited=invited, answered=counts.get((INVITED, True), 0), skipped=skipped)


def open_rounds_for(session: Session, user_id: str) -> list[tuple[PulseRound, PulseParticipation]]:
    statement = (
        select(PulseRound, PulseParticipation)
        .join(PulseParticipation, col(PulseParticipation.round_id) == col(PulseRound.id))
        .where(
            col(PulseParticipation.user_id) == user_id,
            col(PulseParticipation.state) == INVITED,
            col(PulseRound.state) == "open",
        )
        .order_by(col(PulseRound.closes_at))
    )
    return [(r, p) for r, p in session.exec(statement)]


# --- answers and comments -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    round_id: int
    token: str
    question_id: str
    dimension: str
    scale: str
    score: int
    group: str


def upsert_answers(session: Session, answers: Sequence[AnswerRow]) -> None:
    """One answer per token and question: a second click (or Slack's retry) replaces the first; within `answers`
    the last one for a token and question wins. One statement for all of them."""
    latest = {(a.round_id, a.token, a.question_id): a for a in answers}
    if not latest:
        return
    rows = [latest[key].__dict__ for key in sorted(latest)]  # one lock order for concurrent batches
    insert = _insert(session)(PulseAnswer).values(rows)
    statement = insert.on_conflict_do_update(
        index_elements=["round_id", "token", "question_id"], set_={"score": insert.excluded.score}
    )
    session.exec(statement)


def upsert_comment(session: Session, *, round_id: int, token: str, group: str, text: str) -> None:
    statement = (
        _insert(session)(PulseComment)
        .values(round_id=round_id, token=token, group=group, text=text)
        .on_conflict_do_update(index_elements=["round_id", "token"], set_={"text": text})
    )
    session.exec(statement)
