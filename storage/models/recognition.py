"""Shout-outs and their recipients."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.columns import utc_column


class Shoutout(SQLModel, table=True):
    """One shout-out, whichever way it was given. `request_key` names the request that created it (a modal
    submission, a slash command's trigger, a reaction), so a retried or double-submitted request finds it again
    instead of creating a second one."""

    __table_args__ = (Index("ix_shoutout_giver_created", "giver", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    request_key: str = Field(max_length=200, unique=True)
    giver: str = Field(max_length=40)
    behaviour_key: str | None = Field(default=None, max_length=64)
    message: str = Field(default="", max_length=4000)
    source: str = Field(max_length=16)
    link: str | None = Field(default=None, max_length=500)
    origin_channel: str | None = Field(default=None, max_length=40)
    created_at: datetime = utc_column(index=True)
    retracted_at: datetime | None = utc_column(nullable=True)
    cleaned_up_at: datetime | None = utc_column(nullable=True)


class ShoutoutRecipient(SQLModel, table=True):
    """One person recognised by a shout-out."""

    __table_args__ = (UniqueConstraint("shoutout_id", "recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    shoutout_id: int = Field(foreign_key="shoutout.id", index=True)
    recipient: str = Field(max_length=40, index=True)
