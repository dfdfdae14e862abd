"""All of Cadence's tables, one module per feature, importable from here.

Conventions: times are stored as UTC and come back as aware UTC datetimes (`UtcDateTime`); uniqueness that matters
(one delivery per recipient and occurrence, one shout-out per request, one answer per token and question) is a
database constraint, never a check in Python.
"""

from storage.models.actions import ActionStatus, TeamAction
from storage.models.calendars import DEFAULT_TARGET, HolidayAssignment
from storage.models.clarity import KeyClarityAnswer
from storage.models.columns import UtcDateTime, json_column, utc_column
from storage.models.digests import DigestChannel, DigestPost, DigestScope, DigestWatch
from storage.models.directory import ChannelMember, DirectoryChannel, DirectoryPerson, DirectorySync
from storage.models.keymessages import KeyAck, KeyOccurrence, KeySchedule, OccurrenceState, ScheduleState
from storage.models.outbox import Delivery, DeliveryPayload, DeliveryState
from storage.models.programme import AuditEntry, ContentPackVersion, ProgrammeSetting
from storage.models.pulse_kept import PulseKeptPair, PulseKeptPeople, PulseKeptRound, PulseKeptScore
from storage.models.pulses import PulseAnswer, PulseCampaign, PulseComment, PulseParticipation, PulseRound
from storage.models.recognition import Shoutout, ShoutoutRecipient
from storage.models.teams import TeamMember

__all__ = [
    "DEFAULT_TARGET",
    "ActionStatus",
    "AuditEntry",
    "ChannelMember",
    "ContentPackVersion",
    "Delivery",
    "DeliveryPayload",
    "DeliveryState",
    "DigestChannel",
    "DigestPost",
    "DigestScope",
    "DigestWatch",
    "DirectoryChannel",
    "DirectoryPerson",
    "DirectorySync",
    "HolidayAssignment",
    "KeyAck",
    "KeyClarityAnswer",
    "KeyOccurrence",
    "KeySchedule",
    "OccurrenceState",
    "ProgrammeSetting",
    "PulseAnswer",
    "PulseCampaign",
    "PulseComment",
    "PulseKeptPair",
    "PulseKeptPeople",
    "PulseKeptRound",
    "PulseKeptScore",
    "PulseParticipation",
    "PulseRound",
    "ScheduleState",
    "Shoutout",
    "ShoutoutRecipient",
    "TeamAction",
    "TeamMember",
    "UtcDateTime",
    "json_column",
    "utc_column",
]
