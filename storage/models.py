"""All of Cadence's tables, in one module so that relationships never need circular imports.

Conventions: times are stored as UTC and come back as aware UTC datetimes (`UtcDateTime`); uniqueness that matters
(one delivery per recipient and occurrence, one shout-out per request, one answer per token and question) is a
database constraint, never a check in Python.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Index, TypeDecorator, UniqueConstraint, false
from sqlalchemy.engine import Dialect
from sqlmodel import Column, Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC (SQLite keeps no zone) and hands them back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UtcDateTime(), nullable=nullable, index=index))


def json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# --- delivery outbox: every message Cadence sends on its own initiative -------------------------------------------


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


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


# --- administration: settings changed in Slack, the active content pack, the audit log -----------------------------


class ProgrammeSetting(SQLModel, table=True):
    """An admin's change to a setting, stored under the setting's environment name; it wins over the environment."""

    name: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=2000)
    updated_by: str = Field(max_length=40)
    updated_at: datetime = utc_column()


class ContentPackVersion(SQLModel, table=True):
    """A content pack imported by an admin; the newest one is active (older ones stay, for the record)."""

    id: int | None = Field(default=None, primary_key=True)
    data: dict[str, Any] = json_column()
    imported_by: str = Field(max_length=40)
    imported_at: datetime = utc_column()


class AuditEntry(SQLModel, table=True):
    """Who did what and when, for every admin action. `detail` holds ids and setting values, never message text."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_column(index=True)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=60)
    detail: dict[str, Any] = json_column()


# --- directory: the people and channel memberships Cadence needs, kept by events and a periodic sync -------------


class DirectoryPerson(SQLModel, table=True):
    """A person as Slack last described them (`users.list`, `users.info`, or a `user_change`/`team_join` event)."""

    __tablename__ = "directory_person"

    user_id: str = Field(primary_key=True, max_length=40)
    name: str = Field(default="", max_length=120)
    real_name: str = Field(default="", max_length=200)
    tz: str = Field(default="UTC", max_length=64)
    is_bot: bool = False
    deleted: bool = False
    updated_at: datetime = utc_column()


class DirectoryChannel(SQLModel, table=True):
    """A channel whose whole membership was fetched at `fetched_at`; join and leave events keep it since."""

    __tablename__ = "directory_channel"

    channel_id: str = Field(primary_key=True, max_length=40)
    fetched_at: datetime = utc_column()


class ChannelMember(SQLModel, table=True):
    __tablename__ = "channel_member"

    channel_id: str = Field(primary_key=True, max_length=40)
    user_id: str = Field(primary_key=True, max_length=40)


class DirectorySync(SQLModel, table=True):
    """Where the periodic walk of `users.list` stands. `cursor` is the page to fetch next ("" starts a pass), so a
    failure or a restart resumes where it stopped; nobody calls before `next_call_at`, which paces the method's tier
    across every process."""

    __tablename__ = "directory_sync"

    name: str = Field(primary_key=True, max_length=40)
    cursor: str = Field(default="", max_length=500)
    next_call_at: datetime = utc_column()
    pass_started_at: datetime | None = utc_column(nullable=True)
    completed_at: datetime | None = utc_column(nullable=True)
    pages: int = 0
    error: str | None = Field(default=None, max_length=200)


# --- recognition ----------------------------------------------------------------------------------------------------


class Shoutout(SQLModel, table=True):
    """One shout-out, whichever way it was given. `request_key` names the request that created it (a modal
    submission, a slash command's trigger, a reaction), so a retried or double-submitted request finds it again
    instead of creating a second one."""

    __table_args__ = (Index("ix_shoutout_giver_created", "giver", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    request_key: str = Field(max_length=200, unique=True)
    giver: str = Field(max_length=40)
    behaviour_key: str | None = Field(default=None, max_length=64)
    message: str = Field(default="", max_length=4000)
    source: str = Field(max_length=16)
    link: str | None = Field(default=None, max_length=500)
    origin_channel: str | None = Field(default=None, max_length=40)
    created_at: datetime = utc_column(index=True)
    retracted_at: datetime | None = utc_column(nullable=True)
    cleaned_up_at: datetime | None = utc_column(nullable=True)


class ShoutoutRecipient(SQLModel, table=True):
    """One person recognised by a shout-out."""

    __table_args__ = (UniqueConstraint("shoutout_id", "recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    shoutout_id: int = Field(foreign_key="shoutout.id", index=True)
    recipient: str = Field(max_length=40, index=True)


# --- key messages ---------------------------------------------------------------------------------------------------


class ScheduleState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class KeySchedule(SQLModel, table=True):
    """A leader's key message and when it goes out. `audience` holds channel (C…/G…) and user group (S…) ids;
    `mode` is `channel` (post in each channel) or `dm` (a DM to every member). `zone` is an IANA zone, or
    `local` for each recipient's own. Planning resumes after `plan_from`, so an edit or a resume never
    reaches back to occurrences before it."""

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=40, index=True)
    title: str = Field(default="", max_length=150)
    library_key: str = Field(default="", max_length=80)
    text: str = Field(max_length=4000)
    prompt_key: str = Field(default="", max_length=80)
    audience: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    mode: str = Field(max_length=10)
    kind: str = Field(max_length=16)
    start_date: date
    at_time: time
    weekdays: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    interval_weeks: int = 1
    until_date: date | None = None
    zone: str = Field(max_length=64)
    state: str = Field(default=ScheduleState.ACTIVE, max_length=12, index=True)
    plan_from: datetime = utc_column()
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()


class OccurrenceState(StrEnum):
    PLANNED = "planned"
    MISSED = "missed"
    FAILED = "failed"


class KeyOccurrence(SQLModel, table=True):
    """One occurrence of a schedule, written in the same unit of work as its deliveries. The unique pair is what
    lets two clocks race for the same occurrence: one inserts and fans out, the other finds it taken. For a
    schedule in recipients' local time, `occurs_at` is the wall-clock time labelled UTC."""

    __table_args__ = (UniqueConstraint("schedule_id", "occurs_at", name="uq_keyoccurrence_schedule_instant"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="keyschedule.id", index=True)
    occurs_at: datetime = utc_column()
    state: str = Field(max_length=12)
    recipients: int = 0
    missed: int = 0
    error: str | None = Field(default=None, max_length=200)
    planned_at: datetime = utc_column()


class KeyAck(SQLModel, table=True):
    """A person's "Got it" or "Discussed with my team" for one occurrence, once each."""

    __table_args__ = (
        UniqueConstraint("schedule_id", "occurs_at", "user_id", "kind", name="uq_keyack_once_per_person"),
    )

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="keyschedule.id", index=True)
    occurs_at: datetime = utc_column()
    user_id: str = Field(max_length=40)
    kind: str = Field(max_length=12)
    created_at: datetime = utc_column()


# --- pulses ---------------------------------------------------------------------------------------------------------


class PulseCampaign(SQLModel, table=True):
    """A pulse someone set up: which questions, asked of whom, how often. `every_weeks` 0 means once; a round
    opens on `weekday` (0 Monday) at `local_time` in `timezone`, the first at `starts_at`."""

    __tablename__ = "pulse_campaign"

    id: int | None = Field(default=None, primary_key=True)
    creator: str = Field(max_length=40)
    question_ids: list[str] = json_column()
    audience: list[str] = json_column()
    every_weeks: int = 0
    weekday: int = 0
    local_time: str = Field(max_length=5)
    timezone: str = Field(max_length=64)
    window_hours: int = 72
    reminder: bool = True
    state: str = Field(default="active", max_length=12, index=True)
    starts_at: datetime = utc_column()
    created_at: datetime = utc_column()


class PulseRound(SQLModel, table=True):
    """One occurrence of a campaign. `invited_at` is set once its invitations are queued, with `reminder_at` the
    earliest of its participants' reminders."""

    __tablename__ = "pulse_round"
    __table_args__ = (UniqueConstraint("campaign_id", "opens_at"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="pulse_campaign.id", index=True)
    opens_at: datetime = utc_column()
    closes_at: datetime = utc_column(index=True)
    reminder_at: datetime | None = utc_column(nullable=True)
    invited_at: datetime | None = utc_column(nullable=True)
    state: str = Field(default="open", max_length=12, index=True)


class PulseParticipation(SQLModel, table=True):
    """Who was asked in a round and whether they took part; never what they answered. `state` is `invited`, or
    `skipped` when the person had reached the weekly pulse limit. `remind_at` is when their one reminder is due
    (a waking hour in their zone), None for none."""

    __tablename__ = "pulse_participation"
    __table_args__ = (UniqueConstraint("round_id", "user_id"), Index("ix_pulse_participation_user", "user_id"))

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    user_id: str = Field(max_length=40)
    group: str = Field(max_length=40)
    state: str = Field(default="invited", max_length=12)
    invited_at: datetime = utc_column()
    answered: bool = False
    reminded: bool = False
    remind_at: datetime | None = utc_column(nullable=True)


class PulseAnswer(SQLModel, table=True):
    """One answer, under a per-round pseudonymous token instead of a person (see `bot.pulses.campaigns.answer_token`).
    It carries no time of its own, so it cannot be matched to a person by when it was given. The question's
    dimension and scale are kept with it, so results survive a change of question bank."""

    __tablename__ = "pulse_answer"
    __table_args__ = (UniqueConstraint("round_id", "token", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    question_id: str = Field(max_length=64)
    dimension: str = Field(max_length=20)
    scale: str = Field(max_length=10)
    token: str = Field(max_length=64)
    score: int
    group: str = Field(max_length=40)


class PulseComment(SQLModel, table=True):
    """An optional comment on a round, under the same token as the answers; one per person and round."""

    __tablename__ = "pulse_comment"
    __table_args__ = (UniqueConstraint("round_id", "token"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    token: str = Field(max_length=64)
    group: str = Field(max_length=40)
    text: str = Field(max_length=2000)


# --- digests --------------------------------------------------------------------------------------------------------


class DigestScope(StrEnum):
    ORG = "org"
    CHANNEL = "channel"
    USERGROUP = "usergroup"
    USERS = "users"


class DigestChannel(SQLModel, table=True):
    """A champions' channel set up in Slack: whose digest it gets (`scope_kind`, `scope_ids`) and its weekly slot
    (`weekday` 0 = Monday, `at_time` local to `timezone`). It wins over `CADENCE_DIGEST_CHANNELS` for its channel."""

    __tablename__ = "digest_channel"

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=40, unique=True)
    scope_kind: str = Field(max_length=12)
    scope_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    weekday: int = 0
    at_time: time
    timezone: str = Field(max_length=64)
    created_by: str = Field(max_length=40)
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()


class DigestPost(SQLModel, table=True):
    """A digest queued for a channel (weekly or on demand), and the delivery that posts it: what App Home shows
    of the latest digest a channel got."""

    __tablename__ = "digest_post"
    __table_args__ = (Index("ix_digest_post_channel", "channel", "queued_at"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=40)
    delivery_id: int = Field(foreign_key="delivery.id", unique=True)
    headline: str = Field(max_length=300)
    queued_at: datetime = utc_column()


class DigestWatch(SQLModel, table=True):
    """When Cadence first planned digests for a channel: slots before it were never owed, so they are not
    reported as missed."""

    __tablename__ = "digest_watch"

    channel: str = Field(primary_key=True, max_length=40)
    first_seen_at: datetime = utc_column()


# A digest reads pulse answers per round and reporting group, by dimension and by question; these covering indexes
# let the database answer from the index alone, in order, instead of sorting a week's answers.
Index(
    "ix_pulse_answer_dimension_cells",
    PulseAnswer.__table__.c.round_id,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.group,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.dimension,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.token,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.scale,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.score,  # type: ignore[attr-defined]
)
Index(
    "ix_pulse_answer_question_cells",
    PulseAnswer.__table__.c.round_id,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.group,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.question_id,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.token,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.scale,  # type: ignore[attr-defined]
    PulseAnswer.__table__.c.score,  # type: ignore[attr-defined]
)
