"""Holiday calendars assigned in Slack: a country (and subdivision) per channel or user group, and the organisation's
default, validated against the `holidays` package and written with an audit entry in one unit of work."""

from __future__ import annotations

from datetime import datetime

from bot.admin.programme import AdminRefusal
from bot.admin.views import HolidayLine, HolidaysInForce
from bot.platform.calendars import calendar_of_row
from bot.platform.config import ProgrammeConfig
from bot.platform.directory import Directory, DirectoryError, UnknownUsergroup
from bot.platform.mentions import group_id_of, is_channel_id, is_handle
from bot.platform.working_hours import CalendarError, check_calendar
from storage import admin
from storage import calendars as store
from storage.db import session_scope
from storage.models import DEFAULT_TARGET

HOLIDAYS_USAGE = (
    "Use `/cadence holidays #channel COUNTRY [SUBDIVISION]` (or `@user-group`, or `default`), e.g. "
    "`/cadence holidays #manila PH` or `/cadence holidays default US CA`; `off` instead of the country removes one."
)


def holidays_in_force(config: ProgrammeConfig) -> HolidaysInForce:
    with session_scope(config.engine) as session:
        rows = list(store.assignments(session))
    ordered = [r for r in rows if r.target != DEFAULT_TARGET] + [r for r in rows if r.target == DEFAULT_TARGET]
    lines = tuple(HolidayLine(r.target, calendar_of_row(r).describe()) for r in ordered)
    return HolidaysInForce(config.settings().working_hours.describe(), lines)


def assign_holidays(
    config: ProgrammeConfig,
    directory: Directory,
    *,
    actor: str,
    target: str,
    country: str,
    subdivision: str,
    now: datetime,
) -> str:
    """Give `target` (a channel or user group id Slack knows, or `default`) a holiday calendar; returns it as
    `US CA`."""
    try:
        calendar = check_calendar(country, subdivision)
    except CalendarError as exc:
        raise AdminRefusal(str(exc)) from exc
    if target != DEFAULT_TARGET:
        _check_known(directory, target)
    with session_scope(config.engine) as session:
        store.assign(
            session, target=target, country=calendar.country, subdivision=calendar.subdivision, actor=actor, now=now
        )
        detail = {"target": target, "calendar": calendar.describe()}
        admin.record(session, actor=actor, action="holidays.assigned", detail=detail, now=now)
    return calendar.describe()


def _check_known(directory: Directory, target: str) -> None:
    """Refuse a channel Slack does not show Cadence (a typo, or one since deleted), so no calendar is kept for
    nobody; a user group was found in Slack as it was read (`target_of`). Removing one is never refused this way:
    its channel may have gone since."""
    if target.startswith("S"):
        return
    try:
        if directory.cadence_is_in(target) is not None:
            return
    except DirectoryError as exc:
        raise AdminRefusal(f"Slack could not confirm {target} just now ({exc.error}); try again in a minute.") from exc
    raise AdminRefusal(
        f"Slack knows no channel {target} that Cadence can see: pick it as you type `#` (so Slack links it), and "
        "invite Cadence first if it is private."
    )


def unassign_holidays(config: ProgrammeConfig, *, actor: str, target: str, now: datetime) -> None:
    with session_scope(config.engine) as session:
        if not store.unassign(session, target=target):
            raise AdminRefusal("That has no holiday calendar to remove; `/cadence holidays` lists the ones set.")
        admin.record(session, actor=actor, action="holidays.removed", detail={"target": target}, now=now)


def target_of(directory: Directory, word: str) -> str:
    """What a holiday calendar is assigned to: `default`, a channel id (as Slack links it once mentions are made
    plain), or a user group Slack knows, by id or @handle."""
    if word.lower() == DEFAULT_TARGET:
        return DEFAULT_TARGET
    if is_channel_id(word):
        return word
    if group_id_of(word) is not None or is_handle(word):
        try:
            return directory.named_usergroup(word)
        except UnknownUsergroup as refusal:
            raise AdminRefusal(str(refusal)) from None
    raise AdminRefusal(
        f"`{word}` is not a channel or user group. Pick the channel as you type `#` (so Slack links it), "
        "the user group as you type `@`, or write `default`. " + HOLIDAYS_USAGE
    )
