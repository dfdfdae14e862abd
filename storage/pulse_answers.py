"""Repository for the pulse answer path: what a batch of clicks reads and writes, each in one statement for the whole
batch (see `bot.pulses.recording`). Answer and comment rows carry a token, never a user id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, update
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseCampaign, PulseComment, PulseParticipation, PulseRound


@dataclass(frozen=True)
class Asked:
    """What answering needs to know: each round clicked (with its campaign), and who of the clickers it asked."""

    rounds: dict[int, tuple[PulseRound, PulseCampaign]]
    participations: dict[tuple[int, str], PulseParticipation]


def asked(session: Session, pairs: Iterable[tuple[int, str]]) -> Asked:
    """The rounds of the (round, person) pairs, their campaigns, and each pair's participation, in one query."""
    wanted = set(pairs)
    if not wanted:
        return Asked({}, {})
    statement = (
        select(PulseRound, PulseCampaign, PulseParticipation)
        .join(PulseCampaign, col(PulseCampaign.id) == col(PulseRound.campaign_id))
        .outerjoin(
            PulseParticipation,
            and_(
                col(PulseParticipation.round_id) == col(PulseRound.id),
                col(PulseParticipation.user_id).in_([user_id for _, user_id in wanted]),
            ),
        )
        .where(col(PulseRound.id).in_([round_id for round_id, _ in wanted]))
    )
    found = Asked({}, {})
    for pulse_round, campaign, participation in session.exec(statement):
        found.rounds[pulse_round.id or 0] = (pulse_round, campaign)
        if participation is not None and (key := (participation.round_id, participation.user_id)) in wanted:
            found.participations[key] = participation
    return found


def mark_answered(session: Session, participation_ids: Iterable[int]) -> None:
    ids = sorted(participation_ids)
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
