"""The App Home: what one person sees on Cadence's Home tab, by role, assembled from each feature's read services.

Everyone sees their open pulses, their shout-outs and the customer promise; a champion also the latest digest of
each champions' channel they are in; a leader their key-message schedules; an admin the programme's settings and
health. Which of those panels and buttons a person gets, the features' policies decide (see `HomeAccess`). Each
list is short on the Home page; `page` names a section shown at length instead (see `PAGES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.admin import may_administer
from bot.digests import ORG_LABEL, Period, Scope, gather, postable_channels
from bot.home.checklist import checklist
from bot.home.views import SHORT, DigestPanel, HomeAccess, HomeModel, Recognition, ShoutoutLine
from bot.keymessages import may_schedule, may_see_every_schedule, summaries
from bot.platform.roles import Actor
from bot.platform.runtime import Runtime
from bot.pulses import (
    PULSES_OFF,
    Status,
    may_create_pulse,
    may_see_results,
    open_pulses,
    round_followups,
    round_state,
)
from content.blocks.digests import key_figures
from content.blocks.pulses import CLOSED_TEXT, NOT_INVITED_TEXT, UNKNOWN_TEXT
from content.pack import Question
from storage import home as store
from storage import recognition as recognition_store
from storage.models import Shoutout

LONG = 20
PAGES = ("pulses", "shoutouts", "schedules", "health")
PULSE_REFUSALS = {Status.CLOSED: CLOSED_TEXT, Status.NOT_INVITED: NOT_INVITED_TEXT, Status.UNKNOWN: UNKNOWN_TEXT}


def _access(actor: Actor) -> HomeAccess:
    """The role-bound panels of Home this person gets, each as its feature's policy answers."""
    return HomeAccess(
        schedules=may_schedule(actor).allowed,
        every_schedule=may_see_every_schedule(actor).allowed,
        administer=may_administer(actor).allowed,
        create_pulse=may_create_pulse(actor).allowed,
        see_results=may_see_results(actor).allowed,
    )


def build_home(runtime: Runtime, user_id: str, *, page: str = "", notice: str = "") -> HomeModel:
    page = page if page in PAGES else ""
    limit = LONG if page else SHORT
    actor = runtime.roles.actor(user_id)
    access = _access(actor)
    pack, now = runtime.pack, runtime.clock.now()
    channels = postable_channels(runtime, actor)
    steps = checklist(runtime) if access.administer and not page else ()
    with runtime.session() as session:
        pulses = open_pulses(session, user_id=user_id, now=now)
        recognition = _recognition(runtime, session, user_id, LONG if page == "shoutouts" else SHORT)
        digests = _digests(session, channels)
        health = _health(runtime, session, now) if access.administer else ()
    schedules = summaries(runtime, actor) if access.schedules else []
    return HomeModel(
        user_id=user_id,
        access=access,
        promise_statement=pack.promise_statement,
        promise_values=pack.promise_values,
        pulses=tuple(pulses),
        recognition=recognition,
        page=page,
        limit=limit,
        notice=notice,
        digests=digests,
        schedules=tuple(schedules),
        settings=_settings(runtime) if access.administer else (),
        health=health,
        checklist=steps,
        min_group_size=runtime.settings.min_group_size,
    )


def _recognition(runtime: Runtime, session: Session, user_id: str, limit: int) -> Recognition:
    def line(row: Shoutout) -> ShoutoutLine:
        behaviour = runtime.pack.behaviour(row.behaviour_key) if row.behaviour_key else None
        named = f":{behaviour.emoji}: {behaviour.label}" if behaviour else ""
        recipients = tuple(recognition_store.recipients_of(session, row.id or 0))
        return ShoutoutLine(row.giver, recipients, named, row.message, row.created_at)

    return Recognition(
        received_total=recognition_store.count_received(session, recipient=user_id),
        given_total=recognition_store.count_given(session, giver=user_id),
        received=tuple(line(r) for r in store.recent_received(session, recipient=user_id, limit=limit)),
        given=tuple(line(r) for r in store.recent_given(session, giver=user_id, limit=limit)),
    )


@dataclass(frozen=True)
class PulseAgain:
    """A pulse to send the person again, with their answers so far (the arguments of its DM's builder)."""

    question_ids: tuple[str, ...]
    round_id: int
    closes_at: datetime
    answers: dict[str, int]
    has_comment: bool
    min_size: int
    followups: tuple[Question, ...] = ()


def pulse_to_answer(runtime: Runtime, user_id: str, round_id: int) -> PulseAgain | str:
    """The round to send the person again, or why not, in words (closed, not theirs, pulses off)."""
    secret = runtime.settings.pulse_secret
    if not secret:
        return PULSES_OFF
    with runtime.session() as session:
        state = round_state(session, secret=secret, round_id=round_id, user_id=user_id, now=runtime.clock.now())
    if state.status is not Status.OK or state.round is None or state.campaign is None:
        return PULSE_REFUSALS.get(state.status, UNKNOWN_TEXT)
    return PulseAgain(
        tuple(state.campaign.question_ids),
        round_id,
        state.round.closes_at,
        dict(state.answers),
        bool(state.comment),
        runtime.settings.min_group_size,
        round_followups(runtime.pack, state.round),
    )


def _digests(session: Session, channels: list[str]) -> tuple[DigestPanel, ...]:
    """The digest channels whose "Post digest now" the person may press, with each one's latest digest."""
    panels = []
    for channel in channels[:SHORT]:
        latest = store.latest_digest(session, channel=channel)
        if latest is None:
            panels.append(DigestPanel(channel, "", None))
            continue
        headline, posted_at, posted = latest
        panels.append(DigestPanel(channel, headline, posted_at, key_figures(posted)))
    return tuple(panels)


def _health(runtime: Runtime, session: Session, now: datetime) -> tuple[str, ...]:
    """The programme-health warnings the organisation's digest would carry this week."""
    digest, _chart = gather(
        session,
        pack=runtime.pack,
        channel="",
        scope=Scope(ORG_LABEL),
        period=Period.week_ending(now),
        min_size=runtime.settings.min_group_size,
    )
    return digest.warnings


def _settings(runtime: Runtime) -> tuple[tuple[str, str], ...]:
    settings = runtime.settings
    return (
        ("Recognition channel", f"<#{settings.recognition_channel}>" if settings.recognition_channel else "not set"),
        ("Minimum reporting size", str(settings.min_group_size)),
        ("Time zone", settings.timezone.key),
        ("Shout-out reaction", f":{settings.shoutout_reaction}:" if settings.shoutout_reaction else "off"),
        ("Shout-outs a day", str(settings.shoutout_daily_limit)),
        ("Pulses a week", str(settings.pulse_max_per_week)),
        ("Programme owner", f"<@{settings.programme_owner}>" if settings.programme_owner else "not set"),
        ("Pulses", "on" if settings.pulse_secret else "off (CADENCE_PULSE_SECRET is not set)"),
    )
