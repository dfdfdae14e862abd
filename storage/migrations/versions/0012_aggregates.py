"""pulse aggregates kept when a round closes

Revision ID: 0012_aggregates
Revises: 0011_hours
Create Date: 2026-12-01 12:00:00.000000

Rounds closed before this revision get their aggregates from `storage.migrate.upgrade`, which keeps every closed
round not kept yet after migrating.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from storage.models.columns import UtcDateTime

revision: str = "0012_aggregates"
down_revision: str | None = "0011_hours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _round_and_group() -> list[Any]:
    return [
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["pulse_round.id"]),
    ]


def upgrade() -> None:
    op.create_table(
        "pulse_kept_round",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("kept_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["pulse_round.id"]),
        sa.PrimaryKeyConstraint("round_id"),
    )
    op.create_table(
        "pulse_kept_score",
        *_round_and_group(),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("scale", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "group", "question_id", "dimension", "scale", "score"),
    )
    op.create_table(
        "pulse_kept_people",
        *_round_and_group(),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "group", "dimension"),
    )
    op.create_table(
        "pulse_kept_pair",
        *_round_and_group(),
        sa.Column("question_x", sa.String(length=64), nullable=False),
        sa.Column("question_y", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in ("sx", "sy", "sxy", "sxx", "syy")),
        sa.PrimaryKeyConstraint("round_id", "group", "question_x", "question_y"),
    )


def downgrade() -> None:
    for table in ("pulse_kept_pair", "pulse_kept_people", "pulse_kept_score", "pulse_kept_round"):
        op.drop_table(table)
