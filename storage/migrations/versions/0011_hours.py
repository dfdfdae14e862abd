"""holiday calendars: a country (and subdivision) per channel, user group or the organisation's default

Revision ID: 0011_hours
Revises: 0010_clarity
Create Date: 2026-12-01 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0011_hours"
down_revision: str | None = "0010_clarity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "holiday_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("subdivision", sa.String(length=16), nullable=False),
        sa.Column("assigned_by", sa.String(length=40), nullable=False),
        sa.Column("assigned_at", storage.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("target"),
    )


def downgrade() -> None:
    op.drop_table("holiday_assignment")
