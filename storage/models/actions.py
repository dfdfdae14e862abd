"""What a team said it would do about a digest's focus item ("you said, we did"), and how far it got."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Index
from sqlmodel import Column, Field, SQLModel

from storage.models.columns import utc_column


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"


class TeamAction(SQLModel, table=True):
    """One action taken on for a digest channel's scope: what (`text`) about which item (`question_id`, its
    wording then in `item_text`), who owns it and by when. `groups` are the scope's pulse reporting groups (empty
    for the whole organisation), so the follow-up and the before/after read the same people's answers.
    `request_key` makes a modal submitted twice one action. `followup_round_id` is the pulse round that asked
    whether it made a difference, once one did."""

    __tablename__ = "team_action"
    __table_args__ = (Index("ix_team_action_channel_status", "channel", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=40)
    groups: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    question_id: str = Field(max_length=64)
    item_text: str = Field(max_length=300)
    text: str = Field(max_length=300)
    owner: str = Field(max_length=40, index=True)
    due_on: date
    status: str = Field(default=ActionStatus.OPEN, max_length=12)
    created_by: str = Field(max_length=40)
    request_key: str = Field(max_length=100, unique=True)
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()
    done_at: datetime | None = utc_column(nullable=True)
    followup_round_id: int | None = Field(default=None, index=True)
