"""What one person's Home tab shows, as plain values: `bot.home.board` gathers them, `content.blocks.home` renders
them. Each list is short on the Home page (`SHORT` items); `page` names a section shown at length instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.keymessages.views import ScheduleSummary

SHORT = 3


class OpenPulse(Protocol):
    """What Home shows of a pulse the person was asked in that is still open (`bot.pulses.OpenPulse` is one)."""

    @property
    def round_id(self) -> int: ...
    @property
    def questions(self) -> int: ...
    @property
    def closes_at(self) -> datetime: ...
    @property
    def answered(self) -> bool: ...


@dataclass(frozen=True)
class ShoutoutLine:
    giver: str
    recipients: tuple[str, ...]
    behaviour: str
    """The behaviour's emoji and label, or "" when none was named."""
    message: str
    created_at: datetime


@dataclass(frozen=True)
class Recognition:
    received_total: int
    given_total: int
    received: tuple[ShoutoutLine, ...]
    given: tuple[ShoutoutLine, ...]


@dataclass(frozen=True)
class DigestPanel:
    channel: str
    summary: str
    """The latest digest's headline, or "" when none was posted yet."""
    posted_at: datetime | None
    figures: tuple[str, ...] = ()
    """The latest digest's key figures (pulse scores, participation, shout-outs), in mrkdwn exactly as the digest
    showed them: they passed the disclosure gate when it was composed."""


@dataclass(frozen=True)
class HomeAccess:
    """The role-bound panels of Home this person gets, each as its feature's policy answers."""

    schedules: bool = False
    every_schedule: bool = False
    administer: bool = False
    create_pulse: bool = False
    see_results: bool = False


class Step(StrEnum):
    """The getting-started checklist's items, in the order an admin sets Cadence up."""

    ROLES = "roles"
    RECOGNITION = "recognition"
    DIGESTS = "digests"
    PULSE_SECRET = "pulse_secret"
    KEY_MESSAGE = "key_message"
    PULSE = "pulse"


@dataclass(frozen=True)
class ChecklistItem:
    step: Step
    done: bool
    detail: str
    """What is set, or what is missing and how to fix it, in mrkdwn built by Cadence."""


@dataclass(frozen=True)
class HomeModel:
    user_id: str
    access: HomeAccess
    promise_statement: str
    promise_values: tuple[str, ...]
    pulses: tuple[OpenPulse, ...]
    recognition: Recognition
    page: str = ""
    limit: int = SHORT
    notice: str = ""
    digests: tuple[DigestPanel, ...] = ()
    schedules: tuple[ScheduleSummary, ...] = ()
    settings: tuple[tuple[str, str], ...] = ()
    health: tuple[str, ...] = field(default=())
    checklist: tuple[ChecklistItem, ...] = ()
    min_group_size: int = 5
