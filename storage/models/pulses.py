"""Pulse campaigns, rounds, who was asked (participation) apart from what was answered (answers, comments)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from storage.models.columns import json_column, utc_column


class PulseCampaign(SQLModel, table=True):
    """A pulse someone set up: which questions, asked of whom, how often. `every_weeks` 0 means once; a round
    opens on `weekday` (0 Monday) at `local_time` in `timezone`, the first at `starts_at`."""

    __tablename__ = "pulse_campaign"

    id: int | None = Field(default=None, primary_key=True)
    creator: str = Field(max_length=40)
    question_ids: list[str] = json_column()
    audience: list[str] = json_column()
    every_weeks: int = 0
    weekday: int = 0
    local_time: str = Field(max_length=5)
    timezone: str = Field(max_length=64)
    window_hours: int = 72
    reminder: bool = True
    state: str = Field(default="active", max_length=12, index=True)
    starts_at: datetime = utc_column()
    created_at: datetime = utc_column()


class PulseRound(SQLModel, table=True):
    """One occurrence of a campaign. `invited_at` is set once its invitations are queued, with `reminder_at` the
    earliest of its participants' reminders."""

    __tablename__ = "pulse_round"
    __table_args__ = (UniqueConstraint("campaign_id", "opens_at"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="pulse_campaign.id", index=True)
    opens_at: datetime = utc_column()
    closes_at: datetime = utc_column(index=True)
    reminder_at: datetime | None = utc_column(nullable=True)
    invited_at: datetime | None = utc_column(nullable=True)
    state: str = Field(default="open", max_length=12, index=True)
    followups: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    """Follow-up questions this round asks beside its campaign's (`id`, `text`, `scale`), fixed before it invites."""


class PulseParticipation(SQLModel, table=True):
    """Who was asked in a round and whether they took part; never what they answered. `state` is `invited`, or
    `skipped` when the person had reached the weekly pulse limit. `remind_at` is when their one reminder is due
    (a waking hour in their zone), None for none."""

    __tablename__ = "pulse_participation"
    __table_args__ = (UniqueConstraint("round_id", "user_id"), Index("ix_pulse_participation_user", "user_id"))

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    user_id: str = Field(max_length=40)
    group: str = Field(max_length=40)
    state: str = Field(default="invited", max_length=12)
    invited_at: datetime = utc_column()
    answered: bool = False
    reminded: bool = False
    remind_at: datetime | None = utc_column(nullable=True)


class PulseAnswer(SQLModel, table=True):
    """One answer, under a per-round pseudonymous token instead of a person (see `bot.pulses.campaigns.answer_token`).
    It carries no time of its own, so it cannot be matched to a person by when it was given. The question's
    dimension and scale are kept with it, so results survive a change of question bank."""

    __tablename__ = "pulse_answer"
    __table_args__ = (UniqueConstraint("round_id", "token", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    question_id: str = Field(max_length=64)
    dimension: str = Field(max_length=20)
    scale: str = Field(max_length=10)
    token: str = Field(max_length=64)
    score: int
    group: str = Field(max_length=40)


class PulseComment(SQLModel, table=True):
    """An optional comment on a round, under the same token as the answers; one per person and round."""

    __tablename__ = "pulse_comment"
    __table_args__ = (UniqueConstraint("round_id", "token"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    token: str = Field(max_length=64)
    group: str = Field(max_length=40)
    text: str = Field(max_length=2000)


# A digest reads pulse answers per round and reporting group, by dimension and by question; these covering indexes
# let the database answer from the index alone, in order, instead of sorting a week's answers.
Index(
    "ix_pulse_answer_dimension_cells",
    PulseAnswer.__table__.c.round_id,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.group,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.dimension,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.token,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.scale,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.score,  # type: ignore[attr-defined]
)
Index(
    "ix_pulse_answer_question_cells",
    PulseAnswer.__table__.c.round_id,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.group,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.question_id,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.token,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.scale,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.score,  # type: ignore[attr-defined]
)
