"""Whose working time is whose: each person's holiday calendar, from what admins assigned to channels and user
groups, with the organisation's working hours, so that every feature times a message by the same rule.

A person gets the calendar of the first assignment (the one made first) whose channel or user group they are in,
else the organisation's default, else none (only weekends and hours then count). A channel post follows the
channel's own assignment, else the default.

`working_time(runtime, people)` is the one entry point: features build one per fan-out and ask it `moment(...)`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.platform.directory import Directory, DirectoryError
from bot.platform.runtime import Runtime
from bot.platform.working_hours import (
    HolidayCalendar,
    WorkingHours,
    next_working_moment,
    next_working_morning,
    why_moved,
)
from storage import calendars as store
from storage.db import read_scope
from storage.models import DEFAULT_TARGET, HolidayAssignment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkingTime:
    """The working hours in force and the holiday calendar of each person (or channel) asked about."""

    hours: WorkingHours
    default: HolidayCalendar | None = None
    calendars: dict[str, HolidayCalendar] = field(default_factory=dict)

    def calendar_of(self, recipient: str) -> HolidayCalendar | None:
        """A person's (or a channel's) holiday calendar."""
        return self.calendars.get(recipient, self.default)

    def moment(self, when: datetime, zone: ZoneInfo, recipient: str) -> datetime:
        """When a message due at `when` may reach `recipient`, who lives in `zone`."""
        return next_working_moment(when, zone, self.hours, self.calendar_of(recipient))

    def next_morning(self, when: datetime, zone: ZoneInfo, recipient: str) -> datetime:
        """The start of `recipient`'s next working day after the day of `when`."""
        return next_working_morning(when, zone, self.hours, self.calendar_of(recipient))

    def reason(self, when: datetime, zone: ZoneInfo, recipient: str) -> str:
        """Why `moment` moves it ("after the holiday"), or empty text."""
        return why_moved(when, zone, self.hours, self.calendar_of(recipient))


def working_time(runtime: Runtime, people: Iterable[str] | None = (), channels: Iterable[str] = ()) -> WorkingTime:
    """The working time of `people` (user ids; None for everyone in a group with a calendar, so an audience of any
    size is timed without being listed) and `channels` (their own posts). Raises DirectoryError when Slack fails
    for a moment while members are looked up; a channel or group Slack no longer knows is left out."""
    with read_scope(runtime.engine) as session:
        rows = list(store.assignments(session))
    default = next((calendar_of_row(r) for r in rows if r.target == DEFAULT_TARGET), None)
    found = {c: calendar_of_row(r) for c in set(channels) for r in rows if r.target == c}
    wanted = None if people is None else set(people)
    for row in rows:
        if wanted != set() and row.target != DEFAULT_TARGET:
            members = _members(runtime.directory, row.target)
            for user_id in members if wanted is None else wanted.intersection(members):
                found.setdefault(user_id, calendar_of_row(row))
    return WorkingTime(runtime.settings.working_hours, default, found)


def calendar_of_row(row: HolidayAssignment) -> HolidayCalendar:
    return HolidayCalendar(row.country, row.subdivision)


def _members(directory: Directory, target: str) -> list[str]:
    try:
        if target.startswith("S"):
            return directory.usergroup_members(target)
        return directory.channel_members(target)
    except DirectoryError as exc:
        if exc.transient:
            raise
        log.warning("holiday calendar of %s left out: %s", target, exc.error)
        return []
