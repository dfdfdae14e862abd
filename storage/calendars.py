"""Repository for holiday calendar assignments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import HolidayAssignment


def assignments(session: Session) -> Sequence[HolidayAssignment]:
    """Every assignment, the first made first."""
    return session.exec(select(HolidayAssignment).order_by(col(HolidayAssignment.id))).all()


def assign(session: Session, *, target: str, country: str, subdivision: str, actor: str, now: datetime) -> None:
    row = session.exec(select(HolidayAssignment).where(HolidayAssignment.target == target)).first()
    if row is None:
        row = HolidayAssignment(target=target, country=country, subdivision=subdivision, assigned_by=actor)
    row.country, row.subdivision, row.assigned_by, row.assigned_at = country, subdivision, actor, now
    session.add(row)


def unassign(session: Session, *, target: str) -> bool:
    row = session.exec(select(HolidayAssignment).where(HolidayAssignment.target == target)).first()
    if row is None:
        return False
    session.delete(row)
    return True
