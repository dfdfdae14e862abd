"""deliveries say what they are about; digests are recorded for App Home

Revision ID: 0003_delivery_refs
Revises: 0002_delivery_settlement
Create Date: 2026-12-01 09:30:00.000000

Each delivery gets `ref_id` and `ref` (the schedule and occurrence, round or shout-out it belongs to), so
cancelling and counting select on them; kinds get one spelling. Rows queued before this revision are filled in
from their keys, once, here. Each digest queued so far gets its `digest_post` record.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.models

revision: str = "0003_delivery_refs"
down_revision: str | None = "0002_delivery_settlement"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000
RENAMED = {
    "keymsg": "key_message",
    "keymsg_preview": "key_message_preview",
    "keymsg_notice": "key_message_notice",
    "pulse": "pulse_invite",
    "pulse-reminder": "pulse_reminder",
    "shoutout-note": "shoutout_note",
    "digest-chart": "digest_chart",
    "digest-missed": "digest_missed",
}
SHOUTOUT_KINDS = ("shoutout_post", "shoutout_dm")


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ref_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ref", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
        batch_op.drop_index(batch_op.f("ix_delivery_kind"))
        batch_op.create_index("ix_delivery_ref", ["kind", "ref_id", "ref", "state"], unique=False)
    op.create_table(
        "digest_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("headline", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("queued_at", storage.models.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("delivery_id"),
    )
    with op.batch_alter_table("digest_post", schema=None) as batch_op:
        batch_op.create_index("ix_digest_post_channel", ["channel", "queued_at"], unique=False)
    _fill_in_refs()
    _record_digests()


def _fill_in_refs() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, key, kind FROM delivery")).fetchall()
    update = sa.text("UPDATE delivery SET kind = :kind, ref_id = :ref_id, ref = :ref WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        bind.execute(update, [{"id": i, **_what_it_is(key, kind)} for i, key, kind in rows[start : start + BATCH]])


def _what_it_is(key: str, kind: str) -> dict[str, Any]:
    """The kind and reference of a delivery queued under an older revision, read from its key."""
    parts = key.split(":")
    ref_id: int | None = None
    ref: str | None = None
    if kind in ("keymsg", "keymsg_preview", "pulse", "pulse-reminder", "shoutout") or key.startswith("keymsg-missed"):
        ref_id = _number(parts[1])
    elif key.startswith("keymsg-handover:"):
        ref_id = _number(parts[2].split("-")[0])
    if kind == "keymsg":
        ref = parts[2]
    elif kind in ("digest", "digest-chart", "digest-missed") and "-W" in parts[-1]:
        ref = parts[-1][:40]  # a weekly digest's ISO week
    if kind == "shoutout":
        kind = "shoutout_post" if parts[-1] == "channel" else "shoutout_dm"
    return {"kind": RENAMED.get(kind, kind), "ref_id": ref_id, "ref": ref}


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _record_digests() -> None:
    insert = sa.text(
        "INSERT INTO digest_post (channel, delivery_id, headline, queued_at) "
        "VALUES (:channel, :delivery_id, :headline, :queued_at)"
    )
    delivery = sa.table(
        "delivery",
        sa.column("id", sa.Integer()),
        sa.column("channel", sa.String()),
        sa.column("payload", sa.JSON()),
        sa.column("created_at", storage.models.UtcDateTime()),
        sa.column("kind", sa.String()),
    )
    rows = op.get_bind().execute(
        sa.select(delivery.c.id, delivery.c.channel, delivery.c.payload, delivery.c.created_at).where(
            delivery.c.kind == "digest"
        )
    ).fetchall()
    for start in range(0, len(rows), BATCH):
        values = [
            {"channel": c, "delivery_id": i, "headline": str((p or {}).get("text", ""))[:300], "queued_at": at}
            for i, c, p, at in rows[start : start + BATCH]
        ]
        op.get_bind().execute(insert, values)


def downgrade() -> None:
    op.drop_table("digest_post")
    bind = op.get_bind()
    rename = sa.text("UPDATE delivery SET kind = :old WHERE kind = :new")
    bind.execute(rename, [{"old": old, "new": new} for old, new in RENAMED.items()])
    bind.execute(rename, [{"old": "shoutout", "new": new} for new in SHOUTOUT_KINDS])
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_ref")
        batch_op.create_index(batch_op.f("ix_delivery_kind"), ["kind"], unique=False)
        batch_op.drop_column("ref")
        batch_op.drop_column("ref_id")
