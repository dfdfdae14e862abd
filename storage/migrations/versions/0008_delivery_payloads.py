"""delivery payloads: one payload per key-message occurrence, referenced by its deliveries

Revision ID: 0008_delivery_payloads
Revises: 0007_key_message_series
Create Date: 2026-12-01 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_delivery_payloads"
down_revision: str | None = "0007_key_message_series"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "delivery_payload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # A plain ADD COLUMN: a batch rebuild of `delivery` on SQLite would drop the table `digest_post` refers to.
    op.add_column("delivery", sa.Column("payload_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_delivery_payload_id"), "delivery", ["payload_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_delivery_payload_id"), table_name="delivery")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("payload_id")
    op.drop_table("delivery_payload")
