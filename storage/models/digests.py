"""Digest channels, the digests posted, and the channels watched for a first digest."""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

from sqlalchemy import JSON, Index
from sqlmodel import Column, Field, SQLModel

from storage.models.columns import utc_column


class DigestScope(StrEnum):
    ORG = "org"
    CHANNEL = "channel"
    USERGROUP = "usergroup"
    USERS = "users"


class DigestChannel(SQLModel, table=True):
    """A champions' channel set up in Slack: whose digest it gets (`scope_kind`, `scope_ids`) and its weekly slot
    (`weekday` 0 = Monday, `at_time` local to `timezone`). It wins over `CADENCE_DIGEST_CHANNELS` for its channel."""

    __tablename__ = "digest_channel"

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=40, unique=True)
    scope_kind: str = Field(max_length=12)
    scope_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    weekday: int = 0
    at_time: time
    timezone: str = Field(max_length=64)
    created_by: str = Field(max_length=40)
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()


class DigestPost(SQLModel, table=True):
    """A digest queued for a channel (weekly or on demand), and the delivery that posts it: what App Home shows
    of the latest digest a channel got."""

    __tablename__ = "digest_post"
    __table_args__ = (Index("ix_digest_post_channel", "channel", "queued_at"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=40)
    delivery_id: int = Field(foreign_key="delivery.id", unique=True)
    headline: str = Field(max_length=300)
    queued_at: datetime = utc_column()


class DigestWatch(SQLModel, table=True):
    """When Cadence first planned digests for a channel: slots before it were never owed, so they are not
    reported as missed."""

    __tablename__ = "digest_watch"

    channel: str = Field(primary_key=True, max_length=40)
    first_seen_at: datetime = utc_column()
