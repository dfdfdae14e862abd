"""All of Cadence's tables, in one module so that relationships never need circular imports.

Conventions: times are stored as UTC and come back as aware UTC datetimes (`UtcDateTime`); uniqueness that matters
(one delivery per recipient and occurrence, one shout-out per request, one answer per token and question) is a
database constraint, never a check in Python.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Index, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Column, Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC (SQLite keeps no zone) and hands them back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UtcDateTime(), nullable=nullable, index=index))


def json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# --- delivery outbox: every message Cadence sends on its own initiative -------------------------------------------


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Delivery(SQLModel, table=True):
    """One Slack message to send, exactly once. `key` names what it is for (e.g. `keymsg:12:20261130T0900:U123`),
    and its uniqueness is what makes a second enqueue, a restart or a second clock harmless."""

    __table_args__ = (Index("ix_delivery_due", "state", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=40, index=True)
    channel: str = Field(max_length=40)
    payload: dict[str, Any] = json_column()
    state: str = Field(default=DeliveryState.PENDING, max_length=12)
    attempts: int = 0
    next_attempt_at: datetime = utc_column()
    lease_until: datetime | None = utc_column(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=80)
    sent_at: datetime | None = utc_column(nullable=True)
    message_channel: str | None = Field(default=None, max_length=40)
    message_ts: str | None = Field(default=None, max_length=40)
    error: str | None = Field(default=None, max_length=200)
    created_at: datetime = utc_column()


# --- administration: settings changed in Slack, the active content pack, the audit log -----------------------------


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


# --- recognition ----------------------------------------------------------------------------------------------------

# --- key messages ---------------------------------------------------------------------------------------------------

# --- pulses ---------------------------------------------------------------------------------------------------------

# --- digests --------------------------------------------------------------------------------------------------------
