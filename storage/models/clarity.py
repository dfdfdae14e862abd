"""Clarity answers to key messages: how clear one occurrence was, under a pseudonymous token instead of a person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.columns import utc_column


class KeyClarityAnswer(SQLModel, table=True):
    """One recipient's answer to "How clear is this for your work?" for one occurrence of a schedule. `token` is
    the pulses' HMAC of the occurrence and the person (`bot.keymessages.clarity.token_of`), never a user id; who
    was sent the message lives only in the outbox. Like a pulse answer it carries no time of its own, so it cannot
    be matched to a person by when it was given. `group` is the audience source (channel or user group) that
    reached the person."""

    __tablename__ = "key_clarity_answer"
    __table_args__ = (UniqueConstraint("schedule_id", "occurs_at", "token", name="uq_key_clarity_once_per_token"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="keyschedule.id")
    occurs_at: datetime = utc_column()
    token: str = Field(max_length=64)
    group: str = Field(max_length=40)
    score: int
