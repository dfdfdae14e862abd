"""each pulse participant's own reminder moment

Revision ID: 0005_pulse_remind_at
Revises: 0004_directory
Create Date: 2026-12-01 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0005_pulse_remind_at"
down_revision: str | None = "0004_directory"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pulse_participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remind_at", storage.models.UtcDateTime(), nullable=True))
    # Rounds already open keep the reminder they had: everyone's falls at the round's.
    op.execute(
        "UPDATE pulse_participation SET remind_at = "
        "(SELECT reminder_at FROM pulse_round WHERE pulse_round.id = pulse_participation.round_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("pulse_participation", schema=None) as batch_op:
        batch_op.drop_column("remind_at")
