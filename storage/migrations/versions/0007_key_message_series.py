"""key message series: a schedule carries an ordered list of messages, sent one per occurrence

Revision ID: 0007_key_message_series
Revises: 0006_delivery_withdrawn
Create Date: 2026-12-01 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_key_message_series"
down_revision: str | None = "0006_delivery_withdrawn"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("keyschedule", sa.Column("series", sa.JSON(), server_default="[]", nullable=False))
    op.add_column("keyschedule", sa.Column("series_cycle", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("keyschedule", schema=None) as batch_op:
        batch_op.drop_column("series_cycle")
        batch_op.drop_column("series")
