"""What one person's Home tab shows, as plain values: `bot.home.board` gathers them, `content.blocks.home` renders
them. Each list is short on the Home page (`SHORT` items); `page` names a section shown at length instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
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


@dataclass(frozen=True)
class HomeAccess:
    """The role-bound panels of Home this person gets, each as its feature's policy answers."""

    schedules: bool = False
    every_schedule: bool = False
    administer: bool = False


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
