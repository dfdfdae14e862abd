"""delivery withdrawn: a delivery withdrawn while Slack may already hold it is settled, then never sent again

Revision ID: 0006_delivery_withdrawn
Revises: 0005_pulse_remind_at
Create Date: 2026-12-01 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_delivery_withdrawn"
down_revision: str | None = "0005_pulse_remind_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild of `delivery` on SQLite would drop the table `digest_post` refers to.
    op.add_column("delivery", sa.Column("withdrawn", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("withdrawn")
