"""The action planner: once a week, each open action's owner gets a DM to say how far it got.

The first comes a week after the action was taken on; each is keyed `action-nudge:{action}:{ISO year-week}` in the
outbox, so a second clock, a restart or the next tick never sends that week's twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.actions.actions import today, view_of
from bot.platform.outbox import keys, queue
from bot.platform.runtime import Runtime
from content.blocks.actions import nudge_message
from storage import actions as store

log = logging.getLogger(__name__)

FIRST_NUDGE_AFTER = timedelta(days=7)


def plan_action_nudges(runtime: Runtime) -> None:
    """One planner pass (registered in `bot.jobs.PLANNERS`)."""
    now = runtime.clock.now()
    year, week, _ = now.astimezone(runtime.settings.timezone).isocalendar()
    stamp = f"{year}-W{week:02d}"
    queued = 0
    with runtime.session() as session:
        day = today(runtime)
        for action in store.listed(session, open_only=True):
            if action.id is None or now - action.created_at < FIRST_NUDGE_AFTER:
                continue
            payload = nudge_message(view_of(action, on=day))
            key = keys.action_nudge(action.id, stamp)
            queued += (
                queue.enqueue(session, key, channel=action.owner, payload=payload, due_at=now, now=now) is not None
            )
    if queued:
        log.info("action owners nudged: %d (week %s)", queued, stamp)
