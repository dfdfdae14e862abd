"""A round's end: closed when its window passes, or early by its creator or an admin. Either way nothing more is
asked of anyone (pending invitations and reminders are cancelled), late clicks are refused, and results follow the
rules of any closed round.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.platform.outbox import keys
from bot.platform.outbox.queue import cancel_pending
from bot.platform.roles import Actor
from bot.pulses.policy import may_close_round
from storage import deliveries
from storage import pulses as store
from storage.models import PulseCampaign, PulseRound

log = logging.getLogger(__name__)


class Closing(StrEnum):
    CLOSED = "closed"
    ALREADY_CLOSED = "already_closed"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ClosableRound:
    """An open round someone may close early, with how far it got."""

    round_id: int
    campaign_id: int
    closes_at: datetime
    invited: int
    answered: int


def is_open(pulse_round: PulseRound, now: datetime) -> bool:
    return pulse_round.state == "open" and now < pulse_round.closes_at


def stop_asking(session: Session, round_id: int) -> None:
    """Cancel the round's invitations and reminders not yet sent."""
    cancel_pending(session, keys.pulses_of(round_id))


def is_own_pulse_message(session: Session, round_id: int, user_id: str, *, channel: str, ts: str) -> bool:
    """Whether the message (`channel`, `ts`) is the round's invitation or reminder Cadence sent this person: the
    only messages their click or comment may redraw, so a request that names another message changes none."""
    sent = deliveries.get_by_keys(
        session, [keys.pulse_invite(round_id, user_id).key, keys.pulse_reminder(round_id, user_id).key]
    )
    return bool(channel and ts) and any((d.message_channel, d.message_ts) == (channel, ts) for d in sent)


def close_due_rounds(session: Session, *, now: datetime) -> list[int]:
    """Close every round whose window has passed; their ids."""
    closed = store.close_due_rounds(session, now=now)
    for round_id in closed:
        stop_asking(session, round_id)
    return closed


def closing_check(
    session: Session, pulse_round: PulseRound | None, *, actor: Actor, now: datetime
) -> tuple[Closing | None, PulseCampaign | None]:
    """Why `actor` cannot close `pulse_round` early now (None when they can), with its campaign. The actor is
    resolved before the unit of work: their roles may have to be asked of Slack."""
    campaign = store.get_campaign(session, pulse_round.campaign_id) if pulse_round is not None else None
    if pulse_round is None or campaign is None:
        return Closing.UNKNOWN, None
    if not may_close_round(actor, campaign.creator).allowed:
        return Closing.NOT_ALLOWED, campaign
    if not is_open(pulse_round, now):
        return Closing.ALREADY_CLOSED, campaign
    return None, campaign


def close_early(session: Session, round_id: int, *, actor: Actor, now: datetime) -> Closing:
    """Close round `round_id` now, when `actor` may; a second click (or a race with the clock) changes nothing."""
    refusal, _campaign = closing_check(session, store.get_round(session, round_id), actor=actor, now=now)
    if refusal is not None:
        return refusal
    if not store.close_round(session, round_id, now=now):
        return Closing.ALREADY_CLOSED
    stop_asking(session, round_id)
    log.info("pulse round %s closed early by %s", round_id, actor.user_id)
    return Closing.CLOSED


def closable(session: Session, pulse_round: PulseRound) -> ClosableRound:
    """The round as someone about to close it sees it: how many were asked and have answered so far."""
    turnout = store.turnout(session, [pulse_round.id or 0])
    return ClosableRound(
        pulse_round.id or 0, pulse_round.campaign_id, pulse_round.closes_at, turnout.invited, turnout.answered
    )


def closable_rounds(session: Session, *, actor: Actor, now: datetime) -> list[ClosableRound]:
    """The open rounds `actor` may close early, soonest to close first."""
    return [
        closable(session, pulse_round)
        for pulse_round, campaign in store.open_rounds(session)
        if is_open(pulse_round, now) and may_close_round(actor, campaign.creator).allowed
    ]
