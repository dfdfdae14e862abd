"""The App Home: what one person sees on Cadence's Home tab, by role, assembled from each feature's read services.

Everyone sees their open pulses, their shout-outs and the customer promise; a champion also the latest digest of
each champions' channel they are in; a leader their key-message schedules; an admin the programme's settings and
health. Each list is short on the Home page; `page` names a section shown at length instead (see `PAGES`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.digests import ORG_LABEL, Period, Scope, digest_channels, gather
from bot.keymessages import ScheduleSummary, summaries
from bot.platform.directory import DirectoryError
from bot.platform.roles import Role
from bot.platform.runtime import Runtime
from bot.pulses import PULSES_OFF, OpenPulse, Status, open_pulses, round_state
from content.blocks.pulses import CLOSED_TEXT, NOT_INVITED_TEXT, UNKNOWN_TEXT
from storage import home as store
from storage import recognition as recognition_store
from storage.models import Shoutout

log = logging.getLogger(__name__)

SHORT, LONG = 3, 20
PAGES = ("pulses", "shoutouts", "schedules", "health")
PULSE_REFUSALS = {Status.CLOSED: CLOSED_TEXT, Status.NOT_INVITED: NOT_INVITED_TEXT, Status.UNKNOWN: UNKNOWN_TEXT}


@dataclass(frozen=True)
class ShoutoutLine:
    giver: str
    recipients: tuple[str, ...]
    behaviour: str
    """The behaviour's emoji and label, or "" when none was named."""
    message: str
    created_at: datetime


@dataclass(frozen=True)
class Recognition:
    received_total: int
    given_total: int
    received: tuple[ShoutoutLine, ...]
    given: tuple[ShoutoutLine, ...]


@dataclass(frozen=True)
class DigestPanel:
    channel: str
    summary: str
    """The latest digest's headline, or "" when none was posted yet."""
    posted_at: datetime | None


@dataclass(frozen=True)
class HomeModel:
    user_id: str
    roles: frozenset[Role]
    promise_statement: str
    promise_values: tuple[str, ...]
    pulses: tuple[OpenPulse, ...]
    recognition: Recognition
    page: str = ""
    limit: int = SHORT
    notice: str = ""
    digests: tuple[DigestPanel, ...] = ()
    schedules: tuple[ScheduleSummary, ...] = ()
    settings: tuple[tuple[str, str], ...] = ()
    health: tuple[str, ...] = field(default=())


def build_home(runtime: Runtime, user_id: str, *, page: str = "", notice: str = "") -> HomeModel:
    page = page if page in PAGES else ""
    limit = LONG if page else SHORT
    roles = runtime.roles.roles_of(user_id)
    pack, now = runtime.pack, runtime.clock.now()
    with runtime.session() as session:
        pulses = open_pulses(session, user_id=user_id, now=now)
        recognition = _recognition(runtime, session, user_id, LONG if page == "shoutouts" else SHORT)
        digests = _digests(runtime, session, user_id) if roles & {Role.CHAMPION, Role.ADMIN} else ()
        health = _health(runtime, session, now) if Role.ADMIN in roles else ()
    schedules = summaries(runtime, user_id) if roles & {Role.LEADER, Role.ADMIN} else []
    return HomeModel(
        user_id=user_id,
        roles=roles,
        promise_statement=pack.promise_statement,
        promise_values=pack.promise_values,
        pulses=tuple(pulses),
        recognition=recognition,
        page=page,
        limit=limit,
        notice=notice,
        digests=digests,
        schedules=tuple(schedules),
        settings=_settings(runtime) if Role.ADMIN in roles else (),
        health=health,
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


def champion_channels(runtime: Runtime, session: Session, user_id: str) -> list[str]:
    """The digest channels this person may act on: every one for an admin, the ones they are in for a champion."""
    channels = [config.channel for config in digest_channels(runtime, session)]
    if runtime.roles.has(user_id, Role.ADMIN):
        return channels
    mine = []
    for channel in channels:
        try:
            if user_id in runtime.directory.channel_members(channel):
                mine.append(channel)
        except DirectoryError as exc:
            log.warning("home: could not read members of %s: %s", channel, exc.error)
    return mine


def may_post_digest(runtime: Runtime, user_id: str, channel: str) -> bool:
    if not runtime.roles.has(user_id, Role.CHAMPION, Role.ADMIN):
        return False
    with runtime.session() as session:
        return channel in champion_channels(runtime, session, user_id)


@dataclass(frozen=True)
class PulseAgain:
    """A pulse to send the person again, with their answers so far (the arguments of its DM's builder)."""

    question_ids: tuple[str, ...]
    round_id: int
    closes_at: datetime
    answers: dict[str, int]
    has_comment: bool


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
        tuple(state.campaign.question_ids), round_id, state.round.closes_at, dict(state.answers), bool(state.comment)
    )


def _digests(runtime: Runtime, session: Session, user_id: str) -> tuple[DigestPanel, ...]:
    panels = []
    for channel in champion_channels(runtime, session, user_id)[:SHORT]:
        latest = store.latest_digest(session, channel=channel)
        panels.append(DigestPanel(channel, *(latest or ("", None))))
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
