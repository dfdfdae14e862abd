"""Repository for administration: setting overrides, imported content packs, and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from storage.models import AuditEntry, ContentPackVersion, ProgrammeSetting


def setting_overrides(session: Session) -> dict[str, str]:
    return {row.name: row.value for row in session.exec(select(ProgrammeSetting))}


def set_setting(session: Session, *, name: str, value: str, actor: str, now: datetime) -> None:
    row = session.get(ProgrammeSetting, name)
    if row is None:
        session.add(ProgrammeSetting(name=name, value=value, updated_by=actor, updated_at=now))
    else:
        row.value, row.updated_by, row.updated_at = value, actor, now
        session.add(row)


def clear_setting(session: Session, *, name: str) -> bool:
    row = session.get(ProgrammeSetting, name)
    if row is None:
        return False
    session.delete(row)
    return True


def active_pack_data(session: Session) -> dict[str, Any] | None:
    statement = select(ContentPackVersion).order_by(col(ContentPackVersion.id).desc()).limit(1)
    latest = session.exec(statement).first()
    return dict(latest.data) if latest else None


def save_pack(session: Session, *, data: dict[str, Any], actor: str, now: datetime) -> None:
    session.add(ContentPackVersion(data=data, imported_by=actor, imported_at=now))


def record(session: Session, *, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
    session.add(AuditEntry(at=now, actor=actor, action=action, detail=detail))


def audit_page(session: Session, *, limit: int, offset: int = 0) -> Sequence[AuditEntry]:
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    return session.exec(statement.offset(offset).limit(limit)).all()


def audit_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(AuditEntry)).one()
