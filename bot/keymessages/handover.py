"""Nothing is orphaned: when a leader leaves or loses the role, their schedules move to the programme owner."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.keymessages.policy import may_schedule
from bot.platform.outbox import keys
from bot.platform.outbox.queue import enqueue
from bot.platform.runtime import Runtime
from content.blocks.keymessage_notices import handover_notice
from storage import keymessages as store

log = logging.getLogger(__name__)


def hand_over(runtime: Runtime, from_user: str, *, reason: str) -> list[int]:
    """Move `from_user`'s schedules (active or paused) to the programme owner and DM the owner one list of them.
    Returns the ids moved. Safe to repeat (an event retry, two clocks): a second call finds nothing to move,
    and the DM's key is the same for the same handover."""
    new_owner = runtime.settings.programme_owner
    if not new_owner or new_owner == from_user:
        log.warning("schedules of %s cannot be handed over: no other programme owner is configured", from_user)
        return []
    now = runtime.clock.now()
    with runtime.session() as session:
        schedules = list(store.active_owned_by(session, from_user))
        ids = [s.id for s in schedules if s.id is not None]
        if not ids:
            return []
        for schedule_id in ids:
            store.update_schedule(session, schedule_id, owner=new_owner, updated_at=now)
        text, blocks = handover_notice(from_user, [(s.id or 0, s.title or s.text, s.state) for s in schedules], reason)
        enqueue(
            session,
            keys.schedules_handed_over(from_user, ids),
            channel=new_owner,
            payload={"text": text, "blocks": blocks},
            due_at=now,
            now=now,
        )
    log.info("handed %d key message schedule(s) of %s to %s (%s)", len(ids), from_user, new_owner, reason)
    return ids


def hand_over_lapsed(runtime: Runtime, owners: Iterable[str]) -> bool:
    """Hand over the schedules of owners who no longer hold the leader or admin role. True when any moved."""
    moved = False
    for owner in owners:
        if owner != runtime.settings.programme_owner and not may_schedule(runtime.roles.actor(owner)).allowed:
            moved = bool(hand_over(runtime, owner, reason="is no longer a leader")) or moved
    return moved
