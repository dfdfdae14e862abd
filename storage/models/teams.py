"""Teams Cadence was given (Slack has no org chart): each member's one manager, as the last import said."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models.columns import utc_column


class TeamMember(SQLModel, table=True):
    """One member of a manager's team. A member has one manager, which the unique `member` enforces; an import
    replaces every row at once."""

    __tablename__ = "team_member"

    id: int | None = Field(default=None, primary_key=True)
    manager: str = Field(max_length=40, index=True)
    member: str = Field(max_length=40, unique=True)
    imported_at: datetime = utc_column()
