"""delivery settlement: unsettled_at and upload_file_id on delivery

Revision ID: 0002_delivery_settlement
Revises: 0001
Create Date: 2026-12-01 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models


revision: str = "0002_delivery_settlement"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unsettled_at", storage.models.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column("upload_file_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("upload_file_id")
        batch_op.drop_column("unsettled_at")
