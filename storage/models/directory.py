"""The directory Cadence keeps: people, the channels whose members it knows, and where its sync stands."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models.columns import utc_column


class DirectoryPerson(SQLModel, table=True):
    """A person as Slack last described them (`users.list`, `users.info`, or a `user_change`/`team_join` event)."""

    __tablename__ = "directory_person"

    user_id: str = Field(primary_key=True, max_length=40)
    name: str = Field(default="", max_length=120)
    real_name: str = Field(default="", max_length=200)
    tz: str = Field(default="UTC", max_length=64)
    is_bot: bool = False
    deleted: bool = False
    updated_at: datetime = utc_column()


class DirectoryChannel(SQLModel, table=True):
    """A channel whose whole membership was fetched at `fetched_at`; join and leave events keep it since."""

    __tablename__ = "directory_channel"

    channel_id: str = Field(primary_key=True, max_length=40)
    fetched_at: datetime = utc_column()


class ChannelMember(SQLModel, table=True):
    __tablename__ = "channel_member"

    channel_id: str = Field(primary_key=True, max_length=40)
    user_id: str = Field(primary_key=True, max_length=40)


class DirectorySync(SQLModel, table=True):
    """Where the periodic walk of `users.list` stands. `cursor` is the page to fetch next ("" starts a pass), so a
    failure or a restart resumes where it stopped; nobody calls before `next_call_at`, which paces the method's tier
    across every process."""

    __tablename__ = "directory_sync"

    name: str = Field(primary_key=True, max_length=40)
    cursor: str = Field(default="", max_length=500)
    next_call_at: datetime = utc_column()
    pass_started_at: datetime | None = utc_column(nullable=True)
    completed_at: datetime | None = utc_column(nullable=True)
    pages: int = 0
    error: str | None = Field(default=None, max_length=200)
