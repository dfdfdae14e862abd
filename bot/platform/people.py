"""A person as Cadence sees them, read from Slack's user objects, and the error the directory raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.platform.slack_calls import CallOutcome
from bot.platform.timesource import find_zone
from storage.models import DirectoryPerson

SLACKBOT = "USLACKBOT"


class DirectoryError(RuntimeError):
    """Slack could not tell us (an unknown channel or group, or Slack failing); `error` is Slack's error string."""

    def __init__(self, error: str, *, transient: bool = False) -> None:
        super().__init__(error)
        self.error = error
        self.transient = transient


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    real_name: str
    tz: str
    is_bot: bool
    deleted: bool

    @property
    def reachable(self) -> bool:
        """A human with an active account: someone Cadence may message, recognise or survey."""
        return not self.is_bot and not self.deleted and self.id != SLACKBOT

    @property
    def zone(self) -> ZoneInfo:
        return find_zone(self.tz or "UTC") or ZoneInfo("UTC")

    @property
    def display_name(self) -> str:
        return self.real_name or self.name or self.id


def person_from_slack(user: Mapping[str, Any]) -> Person:
    """A Slack user object (of `users.info`, `users.list`, `user_change` or `team_join`) as a Person; a field of
    another type than Slack's reads as empty."""
    profile = user.get("profile")
    profile_name = _text(profile.get("real_name")) if isinstance(profile, Mapping) else ""
    user_id = _text(user.get("id"))
    return Person(
        id=user_id,
        name=_text(user.get("name")),
        real_name=_text(user.get("real_name")) or profile_name,
        tz=_text(user.get("tz")) or "UTC",
        is_bot=user.get("is_bot") is True or user_id == SLACKBOT,
        deleted=user.get("deleted") is True,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def person_from_row(row: DirectoryPerson) -> Person:
    return Person(row.user_id, row.name, row.real_name, row.tz, row.is_bot, row.deleted)


def row_from_person(person: Person, now: datetime) -> DirectoryPerson:
    return DirectoryPerson(
        user_id=person.id,
        name=person.name[:120],
        real_name=person.real_name[:200],
        tz=person.tz[:64],
        is_bot=person.is_bot,
        deleted=person.deleted,
        updated_at=now,
    )


def answer(outcome: CallOutcome) -> dict[str, Any]:
    """The data of a successful call; a failed one raises DirectoryError with Slack's error."""
    if not outcome.ok:
        raise DirectoryError(outcome.error or "unknown", transient=outcome.transient)
    return outcome.data
