"""The pulse planner: opens due rounds, invites their audience by DM, reminds non-responders once, closes rounds.

Every step is idempotent under a database constraint (one round per campaign and opening, one participation per
round and person, one delivery per key), so two clocks, a crash or a restart never ask anyone twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.platform.directory import Directory, DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import cancel_pending, enqueue
from bot.platform.runtime import Runtime
from bot.pulses.campaigns import pulses_enabled
from bot.pulses.schedule import due_opening, is_finished, reminder_time
from content.blocks.pulses import pulse_message
from content.pack import ContentPack
from storage import pulses as store
from storage.models import PulseCampaign, PulseRound

log = logging.getLogger(__name__)

FATIGUE_WINDOW = timedelta(days=7)


def plan_pulses(runtime: Runtime) -> None:
    """One planner pass (registered in `bot.jobs.PLANNERS`). Does nothing while pulses are switched off."""
    if not pulses_enabled(runtime.settings):
        return
    now = runtime.clock.now()
    with runtime.session() as session:
        closed = store.close_due_rounds(session, now=now)
        for round_id in closed:
            cancel_pending(session, keys.pulses_of(round_id))
        _open_due_rounds(session, now)
    if closed:
        log.info("pulse rounds closed: %s", closed)
    with runtime.session() as session:
        waiting = [(r, store.get_campaign(session, r.campaign_id)) for r in store.rounds_to_invite(session)]
    for pulse_round, campaign in waiting:
        if campaign is not None:
            _invite(runtime, pulse_round, campaign, now)
    with runtime.session() as session:
        _remind(session, runtime.pack, now, runtime.settings.min_group_size)


def _open_due_rounds(session: Session, now: datetime) -> None:
    for campaign in store.active_campaigns(session):
        opening = due_opening(campaign, now)
        if opening is not None and campaign.id is not None:
            closes_at = opening + timedelta(hours=campaign.window_hours)
            reminder_at = reminder_time(opening, campaign.window_hours) if campaign.reminder else None
            if store.open_round(
                session, campaign_id=campaign.id, opens_at=opening, closes_at=closes_at, reminder_at=reminder_at
            ):
                log.info("pulse campaign %s: round opening %s", campaign.id, opening.isoformat())
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


def _invite(runtime: Runtime, pulse_round: PulseRound, campaign: PulseCampaign, now: datetime) -> None:
    people = audience_by_group(runtime.directory, campaign.audience)
    if people is None or pulse_round.id is None:
        return
    limit = runtime.settings.pulse_max_per_week
    message = pulse_message(
        runtime.pack,
        campaign.question_ids,
        pulse_round.id,
        pulse_round.closes_at,
        answers={},
        min_size=runtime.settings.min_group_size,
    )
    with runtime.session() as session:
        recent = store.pulses_this_week(session, people, since=now - FATIGUE_WINDOW)
        invited = skipped = 0
        for user_id, group in people.items():
            state = store.SKIPPED if recent.get(user_id, 0) >= limit else store.INVITED
            added = store.add_participation(
                session, round_id=pulse_round.id, user_id=user_id, group=group, state=state, now=now
            )
            if added and state == store.INVITED:
                enqueue(
                    session,
                    keys.pulse_invite(pulse_round.id, user_id),
                    channel=user_id,
                    payload=message,
                    due_at=now,
                    now=now,
                )
            invited += added and state == store.INVITED
            skipped += added and state == store.SKIPPED
        store.mark_invited(session, pulse_round.id, now=now)
    log.info("pulse round %s: invited=%d skipped_for_fatigue=%d", pulse_round.id, invited, skipped)


def _remind(session: Session, pack: ContentPack, now: datetime, min_size: int) -> None:
    for pulse_round in store.rounds_to_remind(session, now=now):
        campaign = store.get_campaign(session, pulse_round.campaign_id)
        if campaign is None or pulse_round.id is None:
            continue
        message = pulse_message(
            pack,
            campaign.question_ids,
            pulse_round.id,
            pulse_round.closes_at,
            answers={},
            min_size=min_size,
            reminder=True,
        )
        users = store.take_reminders(session, pulse_round.id)
        for user_id in users:
            enqueue(
                session,
                keys.pulse_reminder(pulse_round.id, user_id),
                channel=user_id,
                payload=message,
                due_at=now,
                now=now,
            )
        if users:
            log.info("pulse round %s: reminded=%d", pulse_round.id, len(users))
