"""A command as `/cadence help` lists it: plain values the help builder renders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.platform.views import ROLE_ORDER, Role


@dataclass(frozen=True)
class CommandHelp:
    usage: str
    summary: str
    roles: tuple[Role, ...]
    """The roles that on their own let a person use the command."""

    def section(self, held: Iterable[Role]) -> Role:
        """The first of this command's roles the person holds: where `/cadence help` lists it for them (their
        highest role when only a combination of roles opens it)."""
        mine = [role for role in ROLE_ORDER if role in set(held)]
        return next((role for role in mine if role in self.roles), mine[-1])
