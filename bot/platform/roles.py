"""Who holds which role. Roles come from configuration and admins' changes in Slack (user ids or user group ids),
never from what a request says about itself; user groups are expanded through the directory, so membership changes
show up within minutes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.platform.directory import Directory, DirectoryError
from bot.platform.settings import Settings
from bot.platform.views import ROLE_ORDER, Role

__all__ = ["ROLE_ORDER", "Role", "RoleResolver"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """The person asking, as every feature's policy sees them: their id, the roles they hold, and the programme
    owner, whom a refusal names as the person to ask."""

    user_id: str
    roles: frozenset[Role]
    programme_owner: str = ""

    def holds(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


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

    def actor(self, user_id: str) -> Actor:
        """`user_id` as the policies see them, with the roles they hold now."""
        return Actor(user_id, self.roles_of(user_id), self._settings().programme_owner)

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
