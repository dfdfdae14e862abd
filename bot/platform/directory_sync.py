"""The periodic walk of `users.list` that keeps the directory's people fresh between events.

`users.list` is a Tier 2 method (about 20 calls a minute per workspace), so the walk fetches at most one page per
tick and never calls before the time the database says it may: one call each `PAGE_SPACING` at most, across every
process, and later when Slack answers `429 Retry-After`. The cursor of the next page is stored after each page, so
a failure, a restart or a second clock resumes the walk instead of starting over. A fan-out never waits for it: an
audience reads what is kept and fetches only what is missing, with Tier 4 methods.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.platform.people import person_from_slack, row_from_person
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import CallOutcome, call
from bot.platform.timesource import TimeSource
from storage import directory as store
from storage.db import session_scope
from storage.models import DirectorySync

log = logging.getLogger(__name__)

SYNC_NAME = "users"
SYNC_EVERY = timedelta(hours=24)  # events keep the directory fresh in between; the walk catches what they missed
PAGE_SIZE = 1000  # the fewer pages, the less of the Tier 2 budget a walk spends
PAGE_SPACING = timedelta(seconds=3)  # 20 calls a minute: Tier 2
CALL_HOLD = timedelta(seconds=60)  # while one process is mid-call, nobody else calls; outlives the call's timeout
FAILURE_BACKOFF = timedelta(minutes=1)
RESTART_ERRORS = frozenset({"invalid_cursor"})  # a cursor Slack no longer accepts: walk again from the start


@dataclass(frozen=True)
class SyncStep:
    """What one step did: `called` is False when it was not yet time (or another process held the call)."""

    called: bool
    people: int = 0
    completed: bool = False
    error: str | None = None


def sync_directory(runtime: Runtime) -> None:
    """The tick's planner: one page of the walk, when one is due."""
    sync_step(runtime.engine, runtime.client, runtime.clock)


def sync_step(engine: Engine, client: WebClient, clock: TimeSource) -> SyncStep:
    """Fetch the walk's next page if it is due, keep its people, and store where the walk goes next."""
    now = clock.now()
    with session_scope(engine) as session:
        state = store.claim_sync_call(session, name=SYNC_NAME, now=now, hold_until=now + CALL_HOLD)
    if state is None:
        return SyncStep(called=False)
    outcome = call(client.users_list, limit=PAGE_SIZE, cursor=state.cursor or None)
    finished = clock.now()
    with session_scope(engine) as session:
        if outcome.ok:
            return _keep_page(session, state, outcome, finished)
        _record_failure(state, outcome, finished)
        store.save_sync(session, state)
    log.warning("directory sync: users.list failed (%s); resuming from the stored cursor", outcome.error)
    return SyncStep(called=True, error=outcome.error)


def _keep_page(session: Session, state: DirectorySync, outcome: CallOutcome, now: datetime) -> SyncStep:
    people = [person_from_slack(user) for user in outcome.data.get("members", []) if user.get("id")]
    store.save_people(session, [row_from_person(p, now) for p in people])
    cursor = str(outcome.data.get("response_metadata", {}).get("next_cursor") or "")
    state.pass_started_at = state.pass_started_at or now
    state.pages += 1
    state.error = None
    state.cursor = cursor
    if cursor:
        state.next_call_at = now + PAGE_SPACING
    else:
        log.info("directory sync: %d pages walked", state.pages)
        state.completed_at, state.pass_started_at, state.pages = now, None, 0
        state.next_call_at = now + SYNC_EVERY
    store.save_sync(session, state)
    return SyncStep(called=True, people=len(people), completed=not cursor)


def _record_failure(state: DirectorySync, outcome: CallOutcome, now: datetime) -> None:
    state.error = (outcome.error or "unknown")[:200]
    if outcome.error in RESTART_ERRORS:
        state.cursor, state.pages = "", 0
    wait = timedelta(seconds=outcome.retry_after) if outcome.retry_after is not None else FAILURE_BACKOFF
    state.next_call_at = now + max(wait, PAGE_SPACING)
