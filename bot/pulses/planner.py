"""The pulse planner: opens due rounds, invites their audience by DM, reminds non-responders once, closes rounds.

Every step is idempotent under a database constraint (one round per campaign and opening, one participation per
round and person, one delivery per key), so two clocks, a crash or a restart never ask anyone twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.platform.calendars import working_time
from bot.platform.directory import Directory, DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import enqueue
from bot.platform.runtime import Runtime
from bot.pulses.campaigns import pulses_enabled
from bot.pulses.followups import FollowupSource, attach_followups, round_followups
from bot.pulses.rounds import close_due_rounds
from bot.pulses.schedule import asked_at, closes_by, due_occurrence, is_finished, reminder_time, round_window
from content.blocks.pulses import pulse_message
from content.pack import ContentPack
from storage import pulses as store
from storage.models import PulseCampaign, PulseRound

log = logging.getLogger(__name__)

FATIGUE_WINDOW = timedelta(days=7)


def plan_pulses(runtime: Runtime, followups: FollowupSource | None = None) -> None:
    """One planner pass (registered in `bot.jobs.PLANNERS`, with the follow-ups rounds carry). Does nothing while
    pulses are switched off."""
    if not pulses_enabled(runtime.settings):
        return
    now = runtime.clock.now()
    with runtime.session() as session:
        closed = close_due_rounds(session, now=now)
        _open_due_rounds(session, now)
    if closed:
        log.info("pulse rounds closed: %s", closed)
    with runtime.session() as session:
        waiting = [(r, store.get_campaign(session, r.campaign_id)) for r in store.rounds_to_invite(session)]
    for pulse_round, campaign in waiting:
        if campaign is None:
            continue
        if followups is not None:
            with runtime.session() as session:
                pulse_round = attach_followups(session, pulse_round, campaign.audience, followups, runtime.pack)
        _invite(runtime, pulse_round, campaign, now)
    with runtime.session() as session:
        _remind(session, runtime.pack, now, runtime.settings.min_group_size)


def _open_due_rounds(session: Session, now: datetime) -> None:
    for campaign in store.active_campaigns(session):
        occurs_at = due_occurrence(campaign, now)
        if occurs_at is not None and campaign.id is not None:
            opens_at, closes_at = round_window(campaign, occurs_at)
            if store.open_round(
                session, campaign_id=campaign.id, opens_at=opens_at, closes_at=closes_at, reminder_at=None
            ):
                log.info("pulse campaign %s: round opening %s", campaign.id, opens_at.isoformat())
        if is_finished(campaign, now) and campaign.id is not None:
            store.end_campaign(session, campaign.id)


def audience_by_group(directory: Directory, sources: list[str]) -> dict[str, str] | None:
    """Each reachable person in the audience, with the source (channel or user group) that reached them first:
    their reporting group. None when Slack failed for a moment (try again next tick); a source Slack refuses
    for good (archived channel, deleted group) is left out and logged."""
    found: dict[str, str] = {}
    for source in sources:
        try:
            members = directory.audience([source])
        except DirectoryError as exc:
            if exc.transient:
                return None
            log.warning("pulse audience %s left out: %s", source, exc.error)
            continue
        for user_id in members:
            found.setdefault(user_id, source)
    return found


@dataclass(frozen=True)
class Invitation:
    """One person's place in a round: their reporting group, when they are asked, and when reminded (or never)."""

    group: str
    asked_at: datetime
    remind_at: datetime | None


def _invitations(
    runtime: Runtime, pulse_round: PulseRound, campaign: PulseCampaign, people: dict[str, str]
) -> dict[str, Invitation]:
    """Each person's invitation, timed in their own Slack time zone (the organisation's when Slack has none) and
    within their working hours: an invitation or reminder that would reach them outside those hours, or on a
    holiday of theirs, waits for their next working morning (a reminder that would then come after their window
    closes is not sent)."""
    known = runtime.directory.people(people)
    work = working_time(runtime, people)
    window = timedelta(hours=campaign.window_hours)
    found = {}
    for user_id, group in people.items():
        zone = p.zone if (p := known.get(user_id)) else runtime.settings.timezone
        asked = work.moment(asked_at(campaign, pulse_round, zone), zone, user_id)
        reminder = reminder_time(asked, campaign.window_hours, zone) if campaign.reminder else None
        if reminder is not None:
            reminder = work.moment(reminder, zone, user_id)
            reminder = reminder if reminder < asked + window else None
        found[user_id] = Invitation(group, asked, reminder)
    return found


def _invite(runtime: Runtime, pulse_round: PulseRound, campaign: PulseCampaign, now: datetime) -> None:
    people = audience_by_group(runtime.directory, campaign.audience)
    if people is None or pulse_round.id is None:
        return
    try:
        invitations = _invitations(runtime, pulse_round, campaign, people)
    except DirectoryError as exc:
        log.warning("pulse round %s: time zones unavailable (%s); inviting next tick", pulse_round.id, exc.error)
        return
    closes_at = closes_by(campaign, [i.asked_at for i in invitations.values()], pulse_round.closes_at)
    message = pulse_message(
        runtime.pack,
        campaign.question_ids,
        pulse_round.id,
        closes_at or pulse_round.closes_at,
        answers={},
        min_size=runtime.settings.min_group_size,
        followups=round_followups(runtime.pack, pulse_round),
    )
    limit = runtime.settings.pulse_max_per_week
    with runtime.session() as session:
        recent = store.pulses_this_week(session, people, since=now - FATIGUE_WINDOW)
        reminders: list[datetime] = []
        invited = skipped = 0
        for user_id, invitation in invitations.items():
            if recent.get(user_id, 0) >= limit:
                skipped += store.add_participation(
                    session,
                    round_id=pulse_round.id,
                    user_id=user_id,
                    group=invitation.group,
                    state=store.SKIPPED,
                    now=now,
                )
            elif _ask(session, pulse_round.id, user_id, invitation, message, now):
                invited += 1
                reminders.extend([invitation.remind_at] if invitation.remind_at else [])
        first_reminder = min(reminders, default=None)
        store.mark_invited(session, pulse_round.id, now=now, closes_at=closes_at, reminder_at=first_reminder)
    log.info("pulse round %s: invited=%d skipped_for_fatigue=%d", pulse_round.id, invited, skipped)


def _ask(
    session: Session, round_id: int, user_id: str, invitation: Invitation, message: dict[str, Any], now: datetime
) -> bool:
    """Record that the person is asked, and queue their DM for their moment; False when a clock got there first."""
    if not store.add_participation(
        session,
        round_id=round_id,
        user_id=user_id,
        group=invitation.group,
        state=store.INVITED,
        now=now,
        remind_at=invitation.remind_at,
    ):
        return False
    enqueue(
        session,
        keys.pulse_invite(round_id, user_id),
        channel=user_id,
        payload=message,
        due_at=max(invitation.asked_at, now),
        now=now,
    )
    return True


def _remind(session: Session, pack: ContentPack, now: datetime, min_size: int) -> None:
    for pulse_round in store.rounds_to_remind(session, now=now):
        campaign = store.get_campaign(session, pulse_round.campaign_id)
        if campaign is None or pulse_round.id is None:
            continue
        users = store.take_reminders(session, pulse_round.id, now=now)
        if not users:
            continue
        message = pulse_message(
            pack,
            campaign.question_ids,
            pulse_round.id,
            pulse_round.closes_at,
            answers={},
            min_size=min_size,
            reminder=True,
            followups=round_followups(pack, pulse_round),
        )
        for user_id in users:
            enqueue(
                session,
                keys.pulse_reminder(pulse_round.id, user_id),
                channel=user_id,
                payload=message,
                due_at=now,
                now=now,
            )
        log.info("pulse round %s: reminded=%d", pulse_round.id, len(users))
