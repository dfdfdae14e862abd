"""Repository for the pulse answer path: what a batch of clicks reads and writes, each in one statement for the whole
batch (see `bot.pulses.recording`). Answer and comment rows carry a token, never a user id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseCampaign, PulseComment, PulseParticipation, PulseRound


def rounds_with_campaigns(session: Session, round_ids: Iterable[int]) -> dict[int, tuple[PulseRound, PulseCampaign]]:
    """Each of `round_ids` that exists, with its campaign, in one query."""
    statement = (
        select(PulseRound, PulseCampaign)
        .join(PulseCampaign, col(PulseCampaign.id) == col(PulseRound.campaign_id))
        .where(col(PulseRound.id).in_(list(set(round_ids))))
    )
    return {r.id: (r, c) for r, c in session.exec(statement) if r.id is not None}


def participations(session: Session, pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], PulseParticipation]:
    """The participation of each (round, person) pair that has one, in one query."""
    wanted = set(pairs)
    if not wanted:
        return {}
    statement = select(PulseParticipation).where(
        col(PulseParticipation.round_id).in_([round_id for round_id, _ in wanted]),
        col(PulseParticipation.user_id).in_([user_id for _, user_id in wanted]),
    )
    return {key: p for p in session.exec(statement) if (key := (p.round_id, p.user_id)) in wanted}


def mark_answered(session: Session, participation_ids: Iterable[int]) -> None:
    ids = list(participation_ids)
    if ids:
        session.exec(
            update(PulseParticipation)
            .where(col(PulseParticipation.id).in_(ids), col(PulseParticipation.answered).is_(False))
            .values(answered=True)
        )


def answers_by_token(session: Session, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], dict[str, int]]:
    """What each (round, token) has answered so far, by question, in one query."""
    wanted = set(keys)
    statement = select(PulseAnswer.round_id, PulseAnswer.token, PulseAnswer.question_id, PulseAnswer.score).where(
        col(PulseAnswer.round_id).in_([r for r, _ in wanted]), col(PulseAnswer.token).in_([t for _, t in wanted])
    )
    found: dict[tuple[int, str], dict[str, int]] = {key: {} for key in wanted}
    for round_id, token, question, score in session.exec(statement):
        if (round_id, token) in wanted:
            found[round_id, token][question] = score
    return found


def comments_by_token(session: Session, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """The comment of each (round, token) that has one, in one query."""
    wanted = set(keys)
    statement = select(PulseComment.round_id, PulseComment.token, PulseComment.text).where(
        col(PulseComment.round_id).in_([r for r, _ in wanted]), col(PulseComment.token).in_([t for _, t in wanted])
    )
    return {(r, t): text for r, t, text in session.exec(statement) if (r, t) in wanted}
