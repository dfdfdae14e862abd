"""Which public holidays apply to whom: a country (and subdivision) per channel or user group, and a default."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models.columns import utc_column

DEFAULT_TARGET = "default"
"""The `target` of the organisation's default calendar."""


class HolidayAssignment(SQLModel, table=True):
    """One channel's or user group's holiday calendar (or the default's). A person in several gets the one assigned
    first, lowest `id`; assigning a target again changes its calendar but keeps its place."""

    __tablename__ = "holiday_assignment"

    id: int | None = Field(default=None, primary_key=True)
    target: str = Field(max_length=40, unique=True)
    country: str = Field(max_length=8)
    subdivision: str = Field(default="", max_length=16)
    assigned_by: str = Field(max_length=40)
    assigned_at: datetime = utc_column()
