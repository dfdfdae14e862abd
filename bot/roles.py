"""Who holds which role. Roles come from configuration (user ids or user group ids), never from what a request
says about itself; user groups are expanded through Slack and cached briefly so membership changes show up."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum

from slack_sdk import WebClient

from bot.clock import Clock
from bot.settings import Settings
from bot.slack_calls import call

GROUP_CACHE_TTL = timedelta(minutes=5)


class Role(StrEnum):
    EMPLOYEE = "employee"
    CHAMPION = "champion"
    LEADER = "leader"
    ADMIN = "admin"


ROLE_ORDER = (Role.EMPLOYEE, Role.CHAMPION, Role.LEADER, Role.ADMIN)


class RoleResolver:
    """Answers `roles_of(user)`. Everyone is an employee; the other roles come from the configured holders."""

    def __init__(self, settings: Settings, client: WebClient, clock: Clock) -> None:
        self._holders = {
            Role.ADMIN: settings.admins,
            Role.LEADER: settings.leaders,
            Role.CHAMPION: settings.champions,
        }
        self._client = client
        self._clock = clock
        self._lock = threading.Lock()
        self._groups: dict[str, tuple[datetime, frozenset[str]]] = {}

    def roles_of(self, user_id: str) -> frozenset[Role]:
        granted = {role for role, holders in self._holders.items() if self._holds(user_id, holders)}
        return frozenset({Role.EMPLOYEE, *granted})

    def has(self, user_id: str, *roles: Role) -> bool:
        return bool(self.roles_of(user_id) & set(roles))

    def _holds(self, user_id: str, holders: Iterable[str]) -> bool:
        for holder in holders:
            if holder == user_id:
                return True
            if holder.startswith("S") and user_id in self._group_members(holder):
                return True
        return False

    def _group_members(self, group_id: str) -> frozenset[str]:
        now = self._clock.now()
        with self._lock:
            cached = self._groups.get(group_id)
            if cached and now - cached[0] < GROUP_CACHE_TTL:
                return cached[1]
        outcome = call(self._client.usergroups_users_list, usergroup=group_id)
        if not outcome.ok:
            # Keep the last known members rather than stripping everyone's role during a Slack hiccup.
            return cached[1] if cached else frozenset()
        members = frozenset(outcome.data.get("users", []))
        with self._lock:
            self._groups[group_id] = (now, members)
        return members
