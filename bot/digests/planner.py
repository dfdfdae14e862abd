"""The digest planner: each tick, queue every channel's digest whose weekly slot has come, exactly once.

A week's digest is keyed `digest:{channel}:{ISO year-week}` in the outbox, so two clocks, a restart or a second
tick find it queued already. Catch-up: a slot missed while Cadence was down is sent on the first tick after start,
as long as its week (in the slot's time zone) is not over; the digest then covers the week ending at the slot, as it
would have. A week that ended with its slot never served is not sent late (its figures would arrive beside the
next week's): its key gets a short notice in the channel instead, so the gap is recorded and visible. A channel's
first digest is the first slot after Cadence started watching it (`/cadence digest now` gives one at once).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session

from bot.digests.channels import DigestChannelConfig, compose, digest_channels, enqueue
from bot.digests.views import Period
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys, queue
from bot.platform.runtime import Runtime
from content.blocks.digests import missed_week_text
from storage import deliveries
from storage import digests as store

log = logging.getLogger(__name__)


def week_key(config: DigestChannelConfig, slot: datetime) -> keys.DeliveryKey:
    return keys.weekly_digest(config.channel, config.slot.week_of(slot))


def plan_digests(runtime: Runtime) -> None:
    now = runtime.clock.now()
    with runtime.session() as session:
        configs = digest_channels(runtime, session)
    for config in configs:
        try:
            plan_channel(runtime, config, now)
        except DirectoryError as exc:
            # Who is in the scope is unknown for now; the week's digest stays owed and the next tick tries again.
            log.warning("digest for %s postponed: directory said %s", config.channel, exc.error)


def plan_channel(runtime: Runtime, config: DigestChannelConfig, now: datetime) -> None:
    with runtime.session() as session:
        slot = _owed_slot(session, config, now)
    if slot is None:
        return
    composed = compose(runtime, config, Period.week_ending(slot))
    with runtime.session() as session:
        if enqueue(runtime, session, composed, key=week_key(config, slot), now=now):
            log.info("digest queued: channel=%s week=%s", config.channel, config.slot.week_of(slot))


def _owed_slot(session: Session, config: DigestChannelConfig, now: datetime) -> datetime | None:
    """This week's slot when its digest is due and not queued yet; missed weeks are recorded on the way."""
    first_seen = store.watch(session, channel=config.channel, now=now)
    _record_missed_weeks(session, config, now, first_seen)
    slot = config.slot.due(now)
    if slot is None or slot < first_seen:
        return None  # not due yet, or the channel was first seen after this week's slot: its first is next week's
    return None if deliveries.get_by_key(session, week_key(config, slot).key) is not None else slot


def _record_missed_weeks(session: Session, config: DigestChannelConfig, now: datetime, first_seen: datetime) -> None:
    weeks = {config.slot.week_of(slot): slot for slot in config.slot.earlier_slots(now, since=first_seen)}
    missed = {keys.digest_missed(config.channel, week): slot for week, slot in weeks.items()}
    taken = {d.key for d in deliveries.get_by_keys(session, [key.key for key in missed])}
    for key, slot in missed.items():
        if key.key in taken:
            continue
        text = missed_week_text(config.slot.week_of(slot), slot)
        queue.enqueue(session, key, channel=config.channel, payload={"text": text}, due_at=now, now=now)
        log.warning("digest missed: channel=%s week=%s (Cadence was not running at its slot)", config.channel, key.ref)
