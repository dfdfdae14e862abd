"""Repository for the pulse answer path: what a batch of clicks reads and writes, each in one statement for the whole
batch (see `bot.pulses.recording`). Answer and comment rows carry a token, never a user id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, and_, bindparam, update
from sqlmodel import Session, col, select

from storage.models import PulseAnswer, PulseCampaign, PulseComment, PulseParticipation, PulseRound


@dataclass(frozen=True)
class Asked:
    """What answering needs to know: each round clicked (with its campaign), and who of the clickers it asked."""

    rounds: dict[int, tuple[PulseRound, PulseCampaign]]
    participations: dict[tuple[int, str], PulseParticipation]


# Built once: a burst runs these for every batch of clicks, and building a statement costs more than running it.
_ROUNDS: BindParameter[Any] = bindparam("rounds", expanding=True)
_USERS: BindParameter[Any] = bindparam("users", expanding=True)
_TOKENS: BindParameter[Any] = bindparam("tokens", expanding=True)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_ASKED = (
    select(PulseRound, PulseCampaign, PulseParticipation)
    .join(PulseCampaign, col(PulseCampaign.id) == col(PulseRound.campaign_id))
    .outerjoin(
        PulseParticipation,
        and_(col(PulseParticipation.round_id) == col(PulseRound.id), col(PulseParticipation.user_id).in_(_USERS)),
    )
    .where(col(PulseRound.id).in_(_ROUNDS))
)
_MARK_ANSWERED = (
    update(PulseParticipation)
    .where(col(PulseParticipation.id).in_(_IDS), col(PulseParticipation.answered).is_(False))
    .values(answered=True)
)
_ANSWERS = select(PulseAnswer.round_id, PulseAnswer.token, PulseAnswer.question_id, PulseAnswer.score).where(
    col(PulseAnswer.round_id).in_(_ROUNDS), col(PulseAnswer.token).in_(_TOKENS)
)
_COMMENTS = select(PulseComment.round_id, PulseComment.token, PulseComment.text).where(
    col(PulseComment.round_id).in_(_ROUNDS), col(PulseComment.token).in_(_TOKENS)
)


def _keys(pairs: set[tuple[int, str]], second: str) -> dict[str, list[Any]]:
    """The statements' parameters for (round, user or token) pairs: the rounds, and the users or tokens."""
    return {"rounds": sorted({r for r, _ in pairs}), second: sorted({x for _, x in pairs})}


def asked(session: Session, pairs: Iterable[tuple[int, str]]) -> Asked:
    """The rounds of the (round, person) pairs, their campaigns, and each pair's participation, in one query."""
    wanted = set(pairs)
    if not wanted:
        return Asked({}, {})
    found = Asked({}, {})
    for pulse_round, campaign, participation in session.exec(_ASKED, params=_keys(wanted, "users")):
        found.rounds[pulse_round.id or 0] = (pulse_round, campaign)
        if participation is not None and (key := (participation.round_id, participation.user_id)) in wanted:
            found.participations[key] = participation
    return found


def mark_answered(session: Session, participation_ids: Iterable[int]) -> None:
    ids = sorted(participation_ids)
    if ids:
        session.exec(_MARK_ANSWERED, params={"ids": ids})


def answers_by_token(session: Session, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], dict[str, int]]:
    """What each (round, token) has answered so far, by question, in one query."""
    wanted = set(keys)
    found: dict[tuple[int, str], dict[str, int]] = {key: {} for key in wanted}
    for round_id, token, question, score in session.exec(_ANSWERS, params=_keys(wanted, "tokens")):
        if (round_id, token) in wanted:
            found[round_id, token][question] = score
    return found


def comments_by_token(session: Session, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """The comment of each (round, token) that has one, in one query."""
    wanted = set(keys)
    rows = session.exec(_COMMENTS, params=_keys(wanted, "tokens"))
    return {(r, t): text for r, t, text in rows if (r, t) in wanted}
