"""Repository for team actions: recorded once per modal submission (a unique request key), listed by digest
channel, and moved through their statuses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import ActionStatus, TeamAction


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def add(session: Session, *, values: dict[str, Any], request_key: str, now: datetime) -> tuple[TeamAction, bool]:
    """Record an action under `request_key`; the action and whether this call created it (a second submission of
    the same modal finds the first)."""
    row = {**values, "request_key": request_key, "status": ActionStatus.OPEN, "created_at": now, "updated_at": now}
    statement = _insert(session)(TeamAction).values(**row).on_conflict_do_nothing()
    inserted = session.exec(statement.returning(col(TeamAction.id))).first()
    found = session.exec(select(TeamAction).where(col(TeamAction.request_key) == request_key)).one()
    return found, inserted is not None


def get(session: Session, action_id: int) -> TeamAction | None:
    return session.get(TeamAction, action_id)


def listed(session: Session, *, channels: Sequence[str] | None = None, open_only: bool = False) -> list[TeamAction]:
    """Actions of `channels` (None for every channel), soonest due first."""
    query = select(TeamAction)
    if channels is not None:
        query = query.where(col(TeamAction.channel).in_(list(channels)))
    if open_only:
        query = query.where(col(TeamAction.status) != ActionStatus.DONE)
    return list(session.exec(query.order_by(col(TeamAction.due_on), col(TeamAction.id))))


def overdue(session: Session, *, today: date, channels: Sequence[str] | None = None) -> list[TeamAction]:
    """Actions not done whose due date has passed."""
    return [a for a in listed(session, channels=channels, open_only=True) if a.due_on < today]


def set_status(session: Session, action_id: int, status: ActionStatus, *, now: datetime) -> bool:
    """Move an action to `status`; done stamps when (once). False when there is no such action."""
    values: dict[str, Any] = {"status": status, "updated_at": now}
    statement = update(TeamAction).where(col(TeamAction.id) == action_id)
    changed = session.exec(statement.values(**values)).rowcount
    if status == ActionStatus.DONE:
        stamp = update(TeamAction).where(col(TeamAction.id) == action_id, col(TeamAction.done_at).is_(None))
        session.exec(stamp.values(done_at=now))
    return bool(changed)


def awaiting_followup(session: Session) -> list[TeamAction]:
    """Done actions no pulse round has followed up yet, earliest done first."""
    query = select(TeamAction).where(
        col(TeamAction.status) == ActionStatus.DONE, col(TeamAction.followup_round_id).is_(None)
    )
    return list(session.exec(query.order_by(col(TeamAction.done_at), col(TeamAction.id))))


def claim_followup(session: Session, action_id: int, round_id: int) -> bool:
    """Attach the action's follow-up to `round_id`, unless another round took it first."""
    statement = update(TeamAction).where(col(TeamAction.id) == action_id, col(TeamAction.followup_round_id).is_(None))
    return bool(session.exec(statement.values(followup_round_id=round_id)).rowcount)
