"""The delivery outbox: every message Cadence sends on its own initiative, one row each under a unique key."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, false
from sqlmodel import Field, SQLModel

from storage.models.columns import json_column, utc_column


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DeliveryPayload(SQLModel, table=True):
    """What many deliveries say alike (every recipient of one key-message occurrence), stored once."""

    __tablename__ = "delivery_payload"

    id: int | None = Field(default=None, primary_key=True)
    payload: dict[str, Any] = json_column()


class Delivery(SQLModel, table=True):
    """One Slack message to send, exactly once. `key` names what it is for (e.g. `keymsg:12:20261130T0900:U123`),
    and its uniqueness is what makes a second enqueue, a restart or a second clock harmless. `kind` says what it is
    and `ref_id`/`ref` what it is about (a schedule and its occurrence, a round, a shout-out): cancelling and
    counting select on those, never on the spelling of a key."""

    __table_args__ = (
        Index("ix_delivery_due", "state", "next_attempt_at"),
        Index("ix_delivery_ref", "kind", "ref_id", "ref", "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=40)
    ref_id: int | None = None
    ref: str | None = Field(default=None, max_length=40)
    channel: str = Field(max_length=40)
    payload: dict[str, Any] = json_column()
    """This delivery's own payload; with `payload_id`, only what it says beyond the shared one (which it overrides)."""
    payload_id: int | None = Field(default=None, index=True)
    """The `DeliveryPayload` it shares with the other deliveries of its occurrence, if any."""
    state: str = Field(default=DeliveryState.PENDING, max_length=12)
    attempts: int = 0
    next_attempt_at: datetime = utc_column()
    lease_until: datetime | None = utc_column(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=80)
    sent_at: datetime | None = utc_column(nullable=True)
    message_channel: str | None = Field(default=None, max_length=40)
    message_ts: str | None = Field(default=None, max_length=40)
    error: str | None = Field(default=None, max_length=200)
    created_at: datetime = utc_column()
    unsettled_at: datetime | None = utc_column(nullable=True)
    """Set while Slack may hold this delivery although Cadence never heard so: when the attempt whose answer was
    lost ended (or its sender's lease ran out). The conversation is searched from a little before it, and the
    delivery is sent again only if it is not there."""
    upload_file_id: str | None = Field(default=None, max_length=40)
    """A file delivery's Slack file id, noted before the upload is shared, so a lost answer can be settled."""
    withdrawn: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    """Withdrawn (a closed round, a paused schedule, a retracted shout-out) while unsettled: settled first, then
    recorded as sent if Slack has it, else cancelled, never sent again."""
