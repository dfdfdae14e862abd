"""clarity: a key message may carry a one-tap clarity check, answered under a pseudonymous token

Revision ID: 0010_clarity
Revises: 0009_cascade
Create Date: 2026-12-01 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models

revision: str = "0010_clarity"
down_revision: str | None = "0009_cascade"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Schedules saved before the check existed keep going out without it.
    op.add_column("keyschedule", sa.Column("clarity", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "key_clarity_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("occurs_at", storage.models.UtcDateTime(), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("group", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["schedule_id"], ["keyschedule.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("schedule_id", "occurs_at", "token", name="uq_key_clarity_once_per_token"),
    )


def downgrade() -> None:
    op.drop_table("key_clarity_answer")
    with op.batch_alter_table("keyschedule", schema=None) as batch_op:
        batch_op.drop_column("clarity")
