"""`/cadence digest setup`: an admin chooses a champions' channel, whose figures it gets and its weekly slot."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from bot.platform.directory import UnknownUsergroup
from bot.platform.ids import parse_id
from bot.platform.runtime import Runtime
from bot.platform.timesource import find_zone
from content.blocks import digest_setup as form
from storage import digests as store
from storage.models import DigestScope

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SetupForm:
    """What the admin chose, as plain values."""

    channel: str
    scope: str
    scope_channel: str = ""
    scope_group: str = ""
    scope_users: tuple[str, ...] = ()
    weekday: str = "0"
    at_time: str = "09:00"
    timezone: str = ""


def save_setup(runtime: Runtime, user_id: str, setup: SetupForm) -> dict[str, str]:
    """Save the setup; returns problems by field (block id), empty when saved. Whether `user_id` may set digests
    up is `policy.may_set_up_digests`, asked by the surface."""
    errors: dict[str, str] = {}
    if not setup.channel:
        errors[form.CHANNEL] = "Choose the champions' channel the digest goes to."
    if parse_id(setup.weekday) not in range(7):
        errors[form.WEEKDAY] = "Choose the day of the week the digest goes out."
    scope_ids = _scope_ids(runtime, setup, errors)
    zone = _zone(setup.timezone, errors)
    at = _time(setup.at_time, errors)
    if errors or zone is None or at is None:
        return errors
    with runtime.session() as session:
        store.save_channel(
            session,
            channel=setup.channel,
            scope_kind=setup.scope,
            scope_ids=scope_ids,
            weekday=int(setup.weekday),
            at_time=at,
            timezone=zone.key,
            by=user_id,
            now=runtime.clock.now(),
        )
    log.info("digest channel %s set up by %s (scope %s)", setup.channel, user_id, setup.scope)
    return {}


def _scope_ids(runtime: Runtime, setup: SetupForm, errors: dict[str, str]) -> list[str]:
    if setup.scope == DigestScope.ORG:
        return []
    if setup.scope == DigestScope.CHANNEL:
        if not setup.scope_channel:
            errors[form.SCOPE_CHANNEL] = "Choose the channel whose members this digest is about."
        return [setup.scope_channel]
    if setup.scope == DigestScope.USERGROUP:
        return [_group(runtime, setup.scope_group, errors)]
    if setup.scope == DigestScope.USERS:
        if not setup.scope_users:
            errors[form.SCOPE_USERS] = "Choose at least one person this digest is about."
        return list(setup.scope_users)
    errors[form.SCOPE] = "Choose whose figures the digest shows."
    return []


def _group(runtime: Runtime, raw: str, errors: dict[str, str]) -> str:
    if not raw.strip():
        errors[form.SCOPE_GROUP] = "Give the user group's id (S…), or mention the group, e.g. @support."
        return ""
    try:
        return runtime.directory.named_usergroup(raw.strip())
    except UnknownUsergroup as refusal:
        errors[form.SCOPE_GROUP] = str(refusal)
        return ""


def _zone(name: str, errors: dict[str, str]) -> ZoneInfo | None:
    zone = find_zone(name.strip())
    if zone is None:
        errors[form.TIMEZONE] = (
            f"{name.strip()[:60] or 'That'} is not a time zone I know: use a name like Europe/London."
        )
    return zone


def _time(value: str, errors: dict[str, str]) -> time | None:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        errors[form.TIME] = "Choose the time of day the digest goes out."
        return None
