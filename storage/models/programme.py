"""The programme's own records: settings changed by admins, imported content packs, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from storage.models.columns import json_column, utc_column


class ProgrammeSetting(SQLModel, table=True):
    """An admin's change to a setting, stored under the setting's environment name; it wins over the environment."""

    name: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=2000)
    updated_by: str = Field(max_length=40)
    updated_at: datetime = utc_column()


class ContentPackVersion(SQLModel, table=True):
    """A content pack imported by an admin; the newest one is active (older ones stay, for the record)."""

    id: int | None = Field(default=None, primary_key=True)
    data: dict[str, Any] = json_column()
    imported_by: str = Field(max_length=40)
    imported_at: datetime = utc_column()


class AuditEntry(SQLModel, table=True):
    """Who did what and when, for every admin action. `detail` holds ids and setting values, never message text."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_column(index=True)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=60)
    detail: dict[str, Any] = json_column()
