"""Who holds which role. Roles come from configuration and admins' changes in Slack (user ids or user group ids),
never from what a request says about itself; user groups are expanded through the directory, so membership changes
show up within minutes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from bot.platform.directory import Directory, DirectoryError
from bot.platform.settings import Settings
from bot.platform.views import ROLE_ORDER, Role

__all__ = ["ROLE_ORDER", "Role", "RoleResolver"]

log = logging.getLogger(__name__)


class RoleResolver:
    """Answers `roles_of(user)`. Everyone is an employee; the other roles come from the configured holders."""

    def __init__(self, settings: Callable[[], Settings], directory: Directory) -> None:
        self._settings = settings
        self._directory = directory

    def holders(self) -> dict[Role, tuple[str, ...]]:
        settings = self._settings()
        return {Role.ADMIN: settings.admins, Role.LEADER: settings.leaders, Role.CHAMPION: settings.champions}

    def roles_of(self, user_id: str) -> frozenset[Role]:
        granted = {role for role, holders in self.holders().items() if self._holds(user_id, holders)}
        return frozenset({Role.EMPLOYEE, *granted})

    def has(self, user_id: str, *roles: Role) -> bool:
        return bool(self.roles_of(user_id) & set(roles))

    def _holds(self, user_id: str, holders: Iterable[str]) -> bool:
        return any(
            holder == user_id or (holder.startswith("S") and self._in_group(user_id, holder)) for holder in holders
        )

    def _in_group(self, user_id: str, group_id: str) -> bool:
        try:
            return user_id in self._directory.usergroup_members(group_id)
        except DirectoryError as exc:
            # Fail closed: a role is never granted on a guess; the next request asks Slack again.
            log.warning("could not expand user group %s: %s", group_id, exc.error)
            return False
