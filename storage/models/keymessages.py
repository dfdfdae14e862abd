"""Key-message schedules, their occurrences, and the "Got it" / "Discussed" acknowledgements."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from storage.models.columns import utc_column


class ScheduleState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class KeySchedule(SQLModel, table=True):
    """A leader's key message and when it goes out. `audience` holds channel (C…/G…) and user group (S…) ids;
    `mode` is `channel` (post in each channel) or `dm` (a DM to every member). `zone` is an IANA zone, or
    `local` for each recipient's own. Planning resumes after `plan_from`, so an edit or a resume never
    reaches back to occurrences before it. `series` is the ordered list of messages (`key`, `title`, `text`)
    sent one per occurrence; `title` and `text` are its first. With `series_cycle` the list starts again after
    its last message; without, the schedule ends there. With `clarity` each delivery carries the one-tap check
    "How clear is this for your work?" (answers in `KeyClarityAnswer`)."""

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=40, index=True)
    title: str = Field(default="", max_length=150)
    library_key: str = Field(default="", max_length=80)
    text: str = Field(max_length=4000)
    prompt_key: str = Field(default="", max_length=80)
    series: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    series_cycle: bool = True
    clarity: bool = False
    audience: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    mode: str = Field(max_length=10)
    kind: str = Field(max_length=16)
    start_date: date
    at_time: time
    weekdays: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    interval_weeks: int = 1
    until_date: date | None = None
    zone: str = Field(max_length=64)
    state: str = Field(default=ScheduleState.ACTIVE, max_length=12, index=True)
    plan_from: datetime = utc_column()
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()


class OccurrenceState(StrEnum):
    PLANNED = "planned"
    MISSED = "missed"
    FAILED = "failed"


class KeyOccurrence(SQLModel, table=True):
    """One occurrence of a schedule, written in the same unit of work as its deliveries. The unique pair is what
    lets two clocks race for the same occurrence: one inserts and fans out, the other finds it taken. For a
    schedule in recipients' local time, `occurs_at` is the wall-clock time labelled UTC. Sent through managers, its
    `cascade` holds who got which version: each manager's members as the teams stood (`""` for members with no
    manager), so its reach reads the same after the teams change."""

    __table_args__ = (UniqueConstraint("schedule_id", "occurs_at", name="uq_keyoccurrence_schedule_instant"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="keyschedule.id", index=True)
    occurs_at: datetime = utc_column()
    state: str = Field(max_length=12)
    recipients: int = 0
    missed: int = 0
    error: str | None = Field(default=None, max_length=200)
    planned_at: datetime = utc_column()
    cascade: dict[str, list[str]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class KeyAck(SQLModel, table=True):
    """A person's "Got it" or "Discussed with my team" for one occurrence, once each."""

    __table_args__ = (
        UniqueConstraint("schedule_id", "occurs_at", "user_id", "kind", name="uq_keyack_once_per_person"),
    )

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="keyschedule.id", index=True)
    occurs_at: datetime = utc_column()
    user_id: str = Field(max_length=40)
    kind: str = Field(max_length=12)
    created_at: datetime = utc_column()
