"""The commands Cadence offers and who may use them; `/cadence help` shows each person the ones they can use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.roles import ROLE_ORDER, Role


@dataclass(frozen=True)
class CommandHelp:
    usage: str
    summary: str
    role: Role


CATALOGUE: tuple[CommandHelp, ...] = (
    CommandHelp("/cadence help", "What you can do with Cadence", Role.EMPLOYEE),
    # recognition
    # key messages
    # pulses
    # digests
    CommandHelp("/cadence settings", "The programme's settings; `/cadence set NAME VALUE` changes one", Role.ADMIN),
    CommandHelp("/cadence roles", "Who holds each role; `/cadence role add|remove ROLE @who` changes them", Role.ADMIN),
    CommandHelp("/cadence audit", "Every admin action: who, what and when", Role.ADMIN),
)


def commands_for(roles: Iterable[Role]) -> list[CommandHelp]:
    """The catalogue entries open to someone holding `roles`, grouped from everyone's to the admins'."""
    held = set(roles)
    return sorted((c for c in CATALOGUE if c.role in held), key=lambda c: ROLE_ORDER.index(c.role))
