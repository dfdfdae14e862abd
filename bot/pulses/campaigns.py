"""Pulses: setting up a campaign, answering a round, commenting, and what a person has open.

Answers are stored under a per-round token, HMAC-SHA256 of the round and the person keyed with
`CADENCE_PULSE_SECRET`: the same person gets the same token in a round (so a second click changes their answer),
and nobody without the secret can tell whose answer a row is. Without a secret pulses are switched off: Cadence
refuses to set up or run them rather than fall back on a guessable key.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.platform.directory import Directory, DirectoryError, UnknownUsergroup
from bot.platform.settings import Settings
from bot.pulses.rounds import is_open
from bot.pulses.schedule import LOCAL, first_opening
from bot.pulses.views import OpenPulse
from content.pack import ContentPack
from storage import pulse_answers as answer_store
from storage import pulses as store
from storage.models import PulseCampaign, PulseParticipation, PulseRound

MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
COMMENT_LIMIT = 1000
PULSES_OFF = (
    "Pulses are switched off: CADENCE_PULSE_SECRET is not set. The programme owner can set it to a long random "
    "value and restart Cadence."
)


class PulsesOff(RuntimeError):
    """Pulses cannot run without a secret to key the answer tokens."""


def answer_token(secret: str, round_id: int | str, user_id: str) -> str:
    """The pseudonym of `user_id`'s answers in one round; different in every round. A key message's clarity check
    names its occurrence as the round (`keymsg:…`, never a pulse round's number)."""
    if not secret:
        raise PulsesOff(PULSES_OFF)
    return hmac.new(secret.encode(), f"{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def pulses_enabled(settings: Settings) -> bool:
    return bool(settings.pulse_secret)


# --- setting up a campaign ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignDraft:
    """What someone asked for in the `/pulse new` form, already parsed into plain values."""

    question_ids: tuple[str, ...]
    channels: tuple[str, ...]
    groups: tuple[str, ...]  # user group ids; as typed (@handles too) until `checked_audience`
    every_weeks: int
    weekday: int
    local_time: str
    window_hours: int
    reminder: bool
    unreadable_groups: tuple[str, ...] = field(default=())
    in_local_time: bool = False  # at `local_time` in each recipient's own zone, not the organisation's

    @property
    def audience(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.channels, *self.groups)))


def draft_problems(draft: CampaignDraft, pack: ContentPack) -> dict[str, str]:
    """What is wrong with a draft, by field (`questions`, `audience`, `groups`, `cadence`, `weekday`, `window`),
    in words to act on."""
    problems: dict[str, str] = {}
    unknown = [q for q in draft.question_ids if pack.question(q) is None]
    if unknown:
        problems["questions"] = "Some of these questions are no longer in the question bank; pick them again."
    elif not MIN_QUESTIONS <= len(draft.question_ids) <= MAX_QUESTIONS:
        problems["questions"] = (
            f"Pick {MIN_QUESTIONS} to {MAX_QUESTIONS} questions (you picked {len(draft.question_ids)})."
        )
    if draft.unreadable_groups:
        shown = ", ".join(draft.unreadable_groups[:3])
        problems["groups"] = f"I can't read {shown}: paste user group ids (S…) or mention the groups, comma-separated."
    elif not draft.audience:
        problems["audience"] = "Choose at least one channel, or name a user group below."
    problems |= _unreadable_choices(draft)
    if draft.every_weeks > 0 and draft.window_hours > draft.every_weeks * 7 * 24:
        problems["window"] = "The answer window must end before the next round opens; choose a shorter window."
    return problems


def _unreadable_choices(draft: CampaignDraft) -> dict[str, str]:
    """The form's choices that are not ones it offers (a changed or forged form), by field."""
    problems = {}
    if draft.every_weeks < 0:
        problems["cadence"] = "Choose how often the pulse runs."
    if draft.weekday not in range(7):
        problems["weekday"] = "Choose the day the pulse opens."
    if draft.window_hours <= 0:
        problems["window"] = "Choose how long the pulse stays open."
    return problems


def checked_audience(directory: Directory, draft: CampaignDraft) -> tuple[CampaignDraft, dict[str, str]]:
    """The draft with its user groups (named by id, mention or @handle) as ids, and why its audience cannot be
    asked, by field: a user group Slack does not know (`groups`), a source Slack won't show Cadence or nobody
    reachable (`audience`); no problems when it can."""
    try:
        groups = tuple(dict.fromkeys(directory.named_usergroup(group) for group in draft.groups))
    except UnknownUsergroup as refusal:
        return draft, {"groups": str(refusal)}
    draft = replace(draft, groups=groups)
    problem = _audience_problem(directory, draft.audience)
    return draft, ({"audience": problem} if problem else {})


def _audience_problem(directory: Directory, sources: tuple[str, ...]) -> str | None:
    reachable = 0
    for source in sources:
        try:
            reachable += len(directory.audience([source]))
        except DirectoryError as exc:
            if exc.transient:
                return "Slack didn't answer while I checked the audience. Please submit again."
            what = f"user group {source}" if source.startswith("S") else f"channel <#{source}>"
            return (
                f"I can't see the members of {what} ({exc.error}). Invite Cadence to a private channel first, "
                "and check a user group's id."
            )
    if not reachable:
        return "Nobody Cadence can message is in this audience. Choose channels or groups with people in them."
    return None


def create_campaign(
    session: Session, draft: CampaignDraft, *, creator: str, settings: Settings, now: datetime
) -> PulseCampaign:
    """Store the campaign; its first round opens at the next chosen weekday and time, in the organisation's zone or
    in each recipient's."""
    if not pulses_enabled(settings):
        raise PulsesOff(PULSES_OFF)
    zone = None if draft.in_local_time else settings.timezone
    campaign = PulseCampaign(
        creator=creator,
        question_ids=list(draft.question_ids),
        audience=list(draft.audience),
        every_weeks=draft.every_weeks,
        weekday=draft.weekday,
        local_time=draft.local_time,
        timezone=LOCAL if zone is None else zone.key,
        window_hours=draft.window_hours,
        reminder=draft.reminder,
        starts_at=first_opening(now, weekday=draft.weekday, local_time=draft.local_time, zone=zone),
        created_at=now,
    )
    return store.add_campaign(session, campaign)


# --- answering ------------------------------------------------------------------------------------------------------


class Status(StrEnum):
    OK = "ok"
    CLOSED = "closed"
    NOT_INVITED = "not_invited"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RoundState:
    """A person's view of one round: whether they may still answer, and what they have answered so far."""

    status: Status
    round: PulseRound | None = None
    campaign: PulseCampaign | None = None
    answers: dict[str, int] = field(default_factory=dict)
    comment: str | None = None


def answer_status(pulse_round: PulseRound | None, asked: PulseParticipation | None, now: datetime) -> Status:
    """Whether someone asked as `asked` may answer (or comment on) `pulse_round` at `now`."""
    if pulse_round is None:
        return Status.UNKNOWN
    if not is_open(pulse_round, now):
        return Status.CLOSED
    if asked is None or asked.state != store.INVITED:
        return Status.NOT_INVITED
    return Status.OK


def _check(
    session: Session, *, round_id: int, user_id: str, now: datetime
) -> tuple[Status, PulseRound | None, PulseParticipation | None]:
    """Whether `user_id` may answer round `round_id` now, with the round and (when they may) their participation."""
    pulse_round = store.get_round(session, round_id)
    asked = store.participation(session, round_id=round_id, user_id=user_id) if pulse_round is not None else None
    status = answer_status(pulse_round, asked, now)
    return status, pulse_round, asked if status is Status.OK else None


def _state(session: Session, status: Status, pulse_round: PulseRound, token: str) -> RoundState:
    key = (pulse_round.id or 0, token)
    return RoundState(
        status=status,
        round=pulse_round,
        campaign=store.get_campaign(session, pulse_round.campaign_id),
        answers=answer_store.answers_by_token(session, [key])[key],
        comment=answer_store.comments_by_token(session, [key]).get(key),
    )


def round_state(session: Session, *, secret: str, round_id: int, user_id: str, now: datetime) -> RoundState:
    """Whether the person may still answer, with their answers and comment so far (e.g. to open the comment form)."""
    status, pulse_round, _asked = _check(session, round_id=round_id, user_id=user_id, now=now)
    if status is not Status.OK or pulse_round is None:
        return RoundState(status=status, round=pulse_round)
    return _state(session, status, pulse_round, answer_token(secret, round_id, user_id))


def record_comment(
    session: Session, *, secret: str, round_id: int, user_id: str, text: str, now: datetime
) -> RoundState:
    """Store (or replace) the person's comment on the round, under their token."""
    status, pulse_round, asked = _check(session, round_id=round_id, user_id=user_id, now=now)
    if status is not Status.OK or pulse_round is None or asked is None:
        return RoundState(status=status, round=pulse_round)
    token = answer_token(secret, round_id, user_id)
    store.upsert_comment(session, round_id=round_id, token=token, group=asked.group, text=text.strip()[:COMMENT_LIMIT])
    return _state(session, status, pulse_round, token)


def open_pulses(session: Session, *, user_id: str, now: datetime) -> list[OpenPulse]:
    """The rounds `user_id` was asked in that are still open."""
    found = []
    for pulse_round, asked in store.open_rounds_for(session, user_id):
        campaign = store.get_campaign(session, pulse_round.campaign_id)
        if pulse_round.id is None or campaign is None or pulse_round.closes_at <= now:
            continue
        questions = len(campaign.question_ids) + len(pulse_round.followups)
        found.append(OpenPulse(pulse_round.id, questions, pulse_round.closes_at, asked.answered))
    return found
