"""team actions: what a team takes on about a digest's focus item, its owner, due date and status; the
follow-up questions a pulse round asks once one is done

Revision ID: 0013_actions
Revises: 0012_aggregates
Create Date: 2026-12-01 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models

revision: str = "0013_actions"
down_revision: str | None = "0012_aggregates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("item_text", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("request_key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", storage.models.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.models.UtcDateTime(), nullable=False),
        sa.Column("done_at", storage.models.UtcDateTime(), nullable=True),
        sa.Column("followup_round_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_key"),
    )
    op.create_index("ix_team_action_channel_status", "team_action", ["channel", "status"], unique=False)
    op.create_index(op.f("ix_team_action_owner"), "team_action", ["owner"], unique=False)
    op.add_column("pulse_round", sa.Column("followups", sa.JSON(), server_default="[]", nullable=False))
    op.create_index(op.f("ix_team_action_followup_round_id"), "team_action", ["followup_round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pulse_round", schema=None) as batch_op:
        batch_op.drop_column("followups")
    op.drop_index(op.f("ix_team_action_followup_round_id"), table_name="team_action")
    op.drop_index(op.f("ix_team_action_owner"), table_name="team_action")
    op.drop_index("ix_team_action_channel_status", table_name="team_action")
    op.drop_table("team_action")
