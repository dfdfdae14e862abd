"""Programme administration as plain values: the settings an admin may change in Slack, the values in force, and
the audit log's entries, for the admin builders to render."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

CLI_ACTOR = "cli"
"""The actor recorded for actions taken with `python -m bot` rather than in Slack."""


@dataclass(frozen=True)
class AdminSetting:
    name: str
    env_name: str
    summary: str
    example: str


ADMIN_SETTINGS: tuple[AdminSetting, ...] = (
    AdminSetting("recognition-channel", "CADENCE_RECOGNITION_CHANNEL", "where shout-outs are celebrated", "#kudos"),
    AdminSetting("min-group-size", "CADENCE_MIN_GROUP_SIZE", "fewest respondents before a result shows (≥ 3)", "5"),
    AdminSetting("timezone", "CADENCE_TIMEZONE", "the organisation's time zone", "Europe/London"),
    AdminSetting(
        "working-hours", "CADENCE_WORKING_HOURS", "when messages reach people, in their own zone", "Mon-Fri 08:00-18:00"
    ),
    AdminSetting("reaction", "CADENCE_SHOUTOUT_REACTION", "reaction emoji that gives a shout-out", "clap"),
    AdminSetting(
        "shoutout-daily-limit", "CADENCE_SHOUTOUT_DAILY_LIMIT", "most shout-outs one person gives a day", "10"
    ),
    AdminSetting("pulse-max-per-week", "CADENCE_PULSE_MAX_PER_WEEK", "most pulses one person gets a week", "2"),
    AdminSetting("promise", "CADENCE_PROMISE", "the customer promise statement", "We make every customer feel…"),
    AdminSetting("owner", "CADENCE_OWNER", "the programme owner", "@olivia"),
)


@dataclass(frozen=True)
class SettingsInForce:
    """The values of the `ADMIN_SETTINGS` now in force, and which of them an admin changed in Slack (by
    environment name). Empty text means not set."""

    recognition_channel: str
    min_group_size: int
    timezone: str
    shoutout_reaction: str
    shoutout_daily_limit: int
    pulse_max_per_week: int
    promise_statement: str
    programme_owner: str
    working_hours: str = "Mon-Fri 08:00-18:00"
    changed_in_slack: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor: str
    """A user id, or `CLI_ACTOR`."""
    action: str
    detail: Mapping[str, object]


@dataclass(frozen=True)
class HolidayLine:
    """One holiday calendar assignment: a channel (C…), user group (S…) or `default`, and its calendar."""

    target: str
    calendar: str
    """The country code and subdivision, as `US CA`."""


@dataclass(frozen=True)
class HolidaysInForce:
    working_hours: str
    lines: tuple[HolidayLine, ...]
    """The assignments in the order that decides a person in several: the first made first; the default last."""
