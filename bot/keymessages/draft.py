"""A key message as a leader composes it, and what stops it being scheduled.

The compose modal is parsed into a `Draft` of plain values; `check` answers with the field errors to show, or the
validated `Plan` to store. Field names double as the modal's block ids, so each error lands under its field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.keymessages import recurrence
from bot.keymessages.recurrence import Kind, Recurrence
from bot.keymessages.views import CASCADE_MODE, CHANNEL_MODE, LOCAL, SERIES_BREAK, Draft, F, SeriesMessage
from bot.platform.directory import UnknownUsergroup
from bot.platform.runtime import Runtime
from bot.platform.timesource import find_zone
from bot.teams import lines

MAX_TEXT = 2900
KINDS = ("once", "weekly", "every_n_weeks", "monthly")
FLOATING_LOOKBACK = recurrence.EARLIEST_OFFSET + recurrence.LATEST_OFFSET
CLARITY_OFF = (
    "The clarity check keeps answers anonymous with CADENCE_PULSE_SECRET, which is not set: untick it, or ask the "
    "programme owner to set it."
)


@dataclass(frozen=True)
class Plan:
    """A draft that can be scheduled."""

    title: str
    library_key: str
    text: str
    prompt_key: str
    audience: tuple[str, ...]
    mode: str
    recurrence: Recurrence
    zone: str
    preview: bool
    series: tuple[SeriesMessage, ...] = ()
    cycle: bool = True
    clarity: bool = False


def planning_start(now: datetime, zone: str) -> datetime:
    """Where planning resumes after a save, an edit or a resume: now, or for recipients' local time a day back,
    so that people whose local time is still ahead are reached."""
    return now - FLOATING_LOOKBACK if zone == LOCAL else now


def zone_of(name: str) -> ZoneInfo | None:
    """The zone a schedule runs in; None for each recipient's local time."""
    return None if name == LOCAL else ZoneInfo(name)


def check(runtime: Runtime, draft: Draft, *, now: datetime) -> tuple[Plan | None, dict[str, str]]:
    errors: dict[str, str] = {}
    series = _series(runtime, draft, errors)
    title, text = (series[0].title, series[0].text) if series else ("", "")
    audience = _audience(runtime, draft, errors)
    rec = _recurrence(draft, errors)
    if draft.zone != LOCAL and not _known_zone(draft.zone):
        errors[F.ZONE] = "Pick a time zone from the list."
    if draft.zone == LOCAL and draft.mode == CHANNEL_MODE:
        errors[F.ZONE] = "A channel has no local time: pick a time zone, or choose to DM each member."
    if draft.mode == CASCADE_MODE and not lines(runtime):
        errors[F.MODE] = "Cadence knows no teams yet: ask an admin to import them (`/cadence teams`), or DM everyone."
    if draft.prompt_key and runtime.pack.prompt(draft.prompt_key) is None:
        errors[F.PROMPT] = "That discussion prompt is no longer in the library: pick another."
    if draft.clarity and not runtime.settings.pulse_secret:
        errors[F.CLARITY] = CLARITY_OFF
    if rec is not None and not errors:
        _check_future(rec, draft, now, errors)
    if errors or rec is None:
        return None, errors
    key = series[0].key
    plan = Plan(title, key, text, draft.prompt_key, audience, draft.mode, rec, draft.zone, draft.preview)
    return replace(plan, series=series, cycle=draft.cycle, clarity=draft.clarity), {}


def _series(runtime: Runtime, draft: Draft, errors: dict[str, str]) -> tuple[SeriesMessage, ...]:
    """The messages to send, one per occurrence: written text (several split by a `---` line) wins over a
    track, which wins over messages picked from the library, in the order picked."""
    written = [part.strip() for part in re.split(rf"^\s*{SERIES_BREAK}\s*$", draft.text, flags=re.M)]
    if any(written):
        too_long = next((len(part) for part in written if len(part) > MAX_TEXT), None)
        if too_long is not None:
            errors[F.TEXT] = f"Your message is {too_long} characters; keep it under {MAX_TEXT}."
        return tuple(SeriesMessage("", "", part) for part in written if part)
    field, keys = _library_keys(runtime, draft, errors)
    found = [runtime.pack.message(key) for key in keys]
    if any(message is None for message in found):
        errors[field] = "That message is no longer in the library: pick another, or write your own."
    elif not keys and field not in errors:
        errors[F.TEXT] = "Write a message, or pick one from the library."
    return tuple(SeriesMessage(m.key, m.title, m.body.strip()) for m in found if m is not None)


def _library_keys(runtime: Runtime, draft: Draft, errors: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    if draft.track_key:
        track = runtime.pack.track(draft.track_key)
        if track is None:
            errors[F.TRACK] = "That track is no longer in the library: pick another, or pick messages."
        return F.TRACK, track.messages if track else ()
    if draft.series_keys:
        return F.SERIES, draft.series_keys
    return F.LIBRARY, (draft.library_key,) if draft.library_key else ()


def _audience(runtime: Runtime, draft: Draft, errors: dict[str, str]) -> tuple[str, ...]:
    groups = _groups(runtime, draft.groups, errors)
    if not draft.channels and not groups and F.GROUPS not in errors:
        errors[F.CHANNELS] = "Choose at least one channel or user group to reach."
    if groups and draft.mode == CHANNEL_MODE:
        errors[F.GROUPS] = "A user group has no channel to post in: choose to DM each member, or remove the group."
    return (*draft.channels, *groups)


def _groups(runtime: Runtime, raw: str, errors: dict[str, str]) -> tuple[str, ...]:
    try:
        return runtime.directory.named_usergroups(raw)
    except UnknownUsergroup as refusal:
        errors.setdefault(F.GROUPS, str(refusal))
        return ()


def _recurrence(draft: Draft, errors: dict[str, str]) -> Recurrence | None:
    if draft.kind not in KINDS:
        errors[F.KIND] = "Choose how often this message goes out."
        return None
    if draft.start is None:
        errors[F.DATE] = "Pick the date of the first delivery."
    if draft.at is None:
        errors[F.TIME] = "Pick the time of day."
    interval = _interval(draft, errors)
    if draft.start is None or draft.at is None or interval is None:
        return None
    kind = {"once": Kind.ONCE, "monthly": Kind.MONTHLY}.get(draft.kind, Kind.WEEKLY)
    rec = Recurrence(kind, draft.start, draft.at, tuple(sorted(set(draft.weekdays))), interval, draft.until)
    for problem in rec.problems():
        field = F.UNTIL if "end date" in problem else F.INTERVAL if "every" in problem else F.WEEKDAYS
        errors.setdefault(field, problem)
    return rec


def _interval(draft: Draft, errors: dict[str, str]) -> int | None:
    if draft.kind != "every_n_weeks":
        return 1
    try:
        value = int(draft.interval.strip())
    except ValueError:
        value = 0
    if not 2 <= value <= recurrence.MAX_INTERVAL_WEEKS:
        errors[F.INTERVAL] = f"Give a whole number of weeks from 2 to {recurrence.MAX_INTERVAL_WEEKS}."
        return None
    return value


def _check_future(rec: Recurrence, draft: Draft, now: datetime, errors: dict[str, str]) -> None:
    zone = zone_of(draft.zone)
    upcoming = recurrence.next_occurrence(rec, zone, after=planning_start(now, draft.zone))
    if upcoming is None and rec.kind is Kind.ONCE:
        where = "everyone's local time" if zone is None else draft.zone
        errors[F.DATE] = f"That date and time is in the past ({where}): pick a moment still to come."
    elif upcoming is None:
        errors[F.UNTIL] = "This schedule ends before its next delivery: move the end date or the first date."


def _known_zone(name: str) -> bool:
    return find_zone(name) is not None
