"""teams: each member's manager, and who got which version of an occurrence sent through managers

Revision ID: 0009_cascade
Revises: 0008_delivery_payloads
Create Date: 2026-12-01 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models

revision: str = "0009_cascade"
down_revision: str | None = "0008_delivery_payloads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("member", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("imported_at", storage.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member"),
    )
    op.create_index(op.f("ix_team_member_manager"), "team_member", ["manager"], unique=False)
    op.add_column("keyoccurrence", sa.Column("cascade", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("keyoccurrence", schema=None) as batch_op:
        batch_op.drop_column("cascade")
    op.drop_index(op.f("ix_team_member_manager"), table_name="team_member")
    op.drop_table("team_member")
