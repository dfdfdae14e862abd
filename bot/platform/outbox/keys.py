"""The one home for how a delivery is named: its kind, the record it is about, and its key.

A key is what makes a delivery unique (a second enqueue, a restart or a second clock finds it taken); the kind and
the reference (`ref_id`, the schedule, round or shout-out it belongs to, and `ref`, the part of it, such as a key
message's occurrence) are what cancellation and counting select on. Nothing ever reads a key back apart: the
spellings below exist to be unique and stable, and a delivery queued before an upgrade keeps its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MAX_KEY = 200


class DeliveryKind(StrEnum):
    """What a delivery is."""

    KEY_MESSAGE = "key_message"
    KEY_MESSAGE_PREVIEW = "key_message_preview"
    KEY_MESSAGE_NOTICE = "key_message_notice"
    """To a schedule's owner: occurrences missed, or schedules handed over."""
    PULSE_INVITE = "pulse_invite"
    PULSE_REMINDER = "pulse_reminder"
    SHOUTOUT_POST = "shoutout_post"
    SHOUTOUT_DM = "shoutout_dm"
    SHOUTOUT_NOTE = "shoutout_note"
    """A private note about a shout-out request, when an ephemeral could not be shown."""
    DIGEST = "digest"
    DIGEST_CHART = "digest_chart"
    DIGEST_MISSED = "digest_missed"
    NOTICE = "notice"
    """To the programme owner: a delivery failed for good."""
    ACTION_NUDGE = "action_nudge"
    """To a team action's owner: once a week, how far it got."""


SHOUTOUT_KINDS = (DeliveryKind.SHOUTOUT_POST, DeliveryKind.SHOUTOUT_DM)
PULSE_KINDS = (DeliveryKind.PULSE_INVITE, DeliveryKind.PULSE_REMINDER)


@dataclass(frozen=True)
class DeliveryKey:
    """A delivery's name: its unique `key`, its `kind`, and what it is about."""

    key: str
    kind: DeliveryKind
    ref_id: int | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Selection:
    """Deliveries of `kinds` about one record (`ref_id`), or one part of it (`ref`), for cancelling and counting."""

    kinds: tuple[DeliveryKind, ...]
    ref_id: int | None = None
    ref: str | None = None


def key_message(schedule_id: int, stamp: str, recipient: str) -> DeliveryKey:
    """One recipient's delivery of one occurrence (`stamp`, the occurrence's name) of a schedule."""
    return DeliveryKey(f"keymsg:{schedule_id}:{stamp}:{recipient}", DeliveryKind.KEY_MESSAGE, schedule_id, stamp)


def key_message_cascade(schedule_id: int, stamp: str, recipient: str, role: str) -> DeliveryKey:
    """One recipient's delivery, in the version of their `role` (manager or member), of a schedule sent through
    managers."""
    key = f"keymsg:{schedule_id}:{stamp}:{role}:{recipient}"
    return DeliveryKey(key, DeliveryKind.KEY_MESSAGE, schedule_id, stamp)


def key_messages_of(schedule_id: int, stamp: str | None = None) -> Selection:
    """A schedule's key-message deliveries, or one occurrence's."""
    return Selection((DeliveryKind.KEY_MESSAGE,), schedule_id, stamp)


def key_message_preview(schedule_id: int, recipient: str, now: datetime) -> DeliveryKey:
    key = f"keymsg-preview:{schedule_id}:{recipient}:{now.timestamp():.0f}"
    return DeliveryKey(key, DeliveryKind.KEY_MESSAGE_PREVIEW, schedule_id)


def key_messages_missed(schedule_id: int, first_stamp: str, last_stamp: str) -> DeliveryKey:
    key = f"keymsg-missed:{schedule_id}:{first_stamp}:{last_stamp}"
    return DeliveryKey(key, DeliveryKind.KEY_MESSAGE_NOTICE, schedule_id)


def schedules_handed_over(from_user: str, schedule_ids: list[int]) -> DeliveryKey:
    """The owner's notice of one handover: the same schedules from the same person make the same key."""
    key = f"keymsg-handover:{from_user}:{schedule_ids[0]}-{schedule_ids[-1]}:{len(schedule_ids)}"
    return DeliveryKey(key, DeliveryKind.KEY_MESSAGE_NOTICE, schedule_ids[0])


def pulse_invite(round_id: int, user_id: str) -> DeliveryKey:
    return DeliveryKey(f"pulse:{round_id}:{user_id}", DeliveryKind.PULSE_INVITE, round_id)


def pulse_reminder(round_id: int, user_id: str) -> DeliveryKey:
    return DeliveryKey(f"pulse-reminder:{round_id}:{user_id}", DeliveryKind.PULSE_REMINDER, round_id)


def pulses_of(round_id: int) -> Selection:
    """A round's invitations and reminders."""
    return Selection(PULSE_KINDS, round_id)


def shoutout_post(shoutout_id: int) -> DeliveryKey:
    return DeliveryKey(f"shoutout:{shoutout_id}:channel", DeliveryKind.SHOUTOUT_POST, shoutout_id)


def shoutout_dm(shoutout_id: int, recipient: str) -> DeliveryKey:
    return DeliveryKey(f"shoutout:{shoutout_id}:dm:{recipient}", DeliveryKind.SHOUTOUT_DM, shoutout_id)


def shoutout_deliveries(shoutout_id: int) -> Selection:
    """A shout-out's celebration and DMs."""
    return Selection(SHOUTOUT_KINDS, shoutout_id)


def shoutout_note(request_key: str, fingerprint: str) -> DeliveryKey:
    """`fingerprint` tells apart two different notes about the same request."""
    return DeliveryKey(f"shoutout-note:{request_key}:{fingerprint}"[:MAX_KEY], DeliveryKind.SHOUTOUT_NOTE)


def weekly_digest(channel: str, week: str) -> DeliveryKey:
    """The digest of `week` (ISO year-week) in `channel`; a missed week's notice takes the same key."""
    return DeliveryKey(f"digest:{channel}:{week}", DeliveryKind.DIGEST, ref=week)


def digest_missed(channel: str, week: str) -> DeliveryKey:
    """Holds the missed week's key, so the week is never sent late."""
    return DeliveryKey(weekly_digest(channel, week).key, DeliveryKind.DIGEST_MISSED, ref=week)


def digest_now(channel: str, now: datetime) -> DeliveryKey:
    return DeliveryKey(f"digest-now:{channel}:{now.timestamp():.0f}", DeliveryKind.DIGEST, ref=f"{now:%Y%m%dT%H%M%S}")


def digest_chart(digest: DeliveryKey) -> DeliveryKey:
    """The trend chart that follows a digest's message."""
    key = f"digest-chart:{digest.key.partition(':')[2]}"
    return DeliveryKey(key, DeliveryKind.DIGEST_CHART, digest.ref_id, digest.ref)


def action_nudge(action_id: int, week: str) -> DeliveryKey:
    """The owner's DM about action `action_id` in `week` (ISO year-week): one a week."""
    return DeliveryKey(f"action-nudge:{action_id}:{week}", DeliveryKind.ACTION_NUDGE, action_id, week)


def action_nudges_of(action_id: int) -> Selection:
    """Action `action_id`'s weekly DMs to its owner, every week's."""
    return Selection((DeliveryKind.ACTION_NUDGE,), action_id)


def failure_notice(failed_key: str, failed_id: int) -> DeliveryKey:
    return DeliveryKey(f"notice:failed:{failed_key}"[:MAX_KEY], DeliveryKind.NOTICE, failed_id)
