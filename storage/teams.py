"""Repository for teams: each member's manager."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from storage.models import TeamMember


def lock_teams(session: Session) -> None:
    """Hold, until this unit of work ends, the right to change the teams, so that reading them and replacing them
    cannot interleave with another change (two admins at once). PostgreSQL takes a transaction-scoped advisory
    lock; SQLite needs none, as its writers already queue at BEGIN IMMEDIATE."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(func.pg_advisory_xact_lock(func.hashtextextended("teams", 0))))


def replace_teams(session: Session, pairs: Iterable[tuple[str, str]], *, now: datetime) -> int:
    """Make `pairs` (manager, member) the teams, replacing every row; returns how many members were stored."""
    session.exec(delete(TeamMember))
    rows = [TeamMember(manager=manager, member=member, imported_at=now) for manager, member in pairs]
    session.add_all(rows)
    session.flush()
    return len(rows)


def teams(session: Session) -> dict[str, list[str]]:
    """Each manager's members, managers and members in a stable order."""
    statement = select(TeamMember.manager, TeamMember.member).order_by(col(TeamMember.manager), col(TeamMember.id))
    found: dict[str, list[str]] = {}
    for manager, member in session.exec(statement):
        found.setdefault(manager, []).append(member)
    return found


def member_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(TeamMember)).one())


def forget_person(session: Session, *, user_id: str) -> int:
    """Remove the person's rows, as a manager or a member."""
    statement = delete(TeamMember).where((col(TeamMember.manager) == user_id) | (col(TeamMember.member) == user_id))
    return int(session.exec(statement).rowcount)
