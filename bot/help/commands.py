"""The commands Cadence offers and who may use them; `/cadence help` shows each person the ones they can use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.platform.roles import ROLE_ORDER, Role


@dataclass(frozen=True)
class CommandHelp:
    usage: str
    summary: str
    roles: tuple[Role, ...]

    def section(self, held: Iterable[Role]) -> Role:
        """The first of this command's roles the person holds: where `/cadence help` lists it for them."""
        mine = set(held)
        return next(role for role in ROLE_ORDER if role in self.roles and role in mine)


CATALOGUE: tuple[CommandHelp, ...] = (
    CommandHelp("/cadence help", "What you can do with Cadence", (Role.EMPLOYEE,)),
    # recognition
    CommandHelp("/shoutout @who behaviour message", "Recognise colleagues for a customer behaviour", (Role.EMPLOYEE,)),
    CommandHelp("/shoutout", 'Give a shout-out in a form (or use "Recognise this" on any message)', (Role.EMPLOYEE,)),
    CommandHelp("/shoutout stats", "The shout-outs you gave and received, and what for", (Role.EMPLOYEE,)),
    # key messages
    CommandHelp("/promise", "Our customer promise and the latest key messages", (Role.EMPLOYEE,)),
    CommandHelp(
        "/promise schedule", "Schedule a key message (once or recurring, channels or DMs)", (Role.LEADER, Role.ADMIN)
    ),
    CommandHelp(
        "/promise list",
        "Your key message schedules: next delivery, reach, pause/edit/cancel",
        (Role.LEADER, Role.ADMIN),
    ),
    # pulses
    CommandHelp("/pulse", "Your open pulses (each one comes to you as a DM)", (Role.EMPLOYEE,)),
    CommandHelp(
        "/pulse new · /pulse results [latest|round]",
        "Start a pulse; see a closed round's results",
        (Role.CHAMPION, Role.LEADER, Role.ADMIN),
    ),
    # digests
    CommandHelp(
        "/cadence digest now [#channel]",
        "Post a champions' channel's weekly digest now",
        (Role.CHAMPION, Role.ADMIN),
    ),
    CommandHelp(
        "/cadence digest setup", "Choose a digest channel, whose figures it gets and its weekly slot", (Role.ADMIN,)
    ),
    CommandHelp("/cadence settings", "The programme's settings; `/cadence set NAME VALUE` changes one", (Role.ADMIN,)),
    CommandHelp(
        "/cadence roles", "Who holds each role; `/cadence role add|remove ROLE @who` changes them", (Role.ADMIN,)
    ),
    CommandHelp("/cadence audit", "Every admin action: who, what and when", (Role.ADMIN,)),
    CommandHelp(
        "/cadence content export|import", "Download the content pack as files; import an edited one", (Role.ADMIN,)
    ),
    CommandHelp("/cadence forget @person", "Remove a person from Cadence's records (asks to confirm)", (Role.ADMIN,)),
)


def commands_for(roles: Iterable[Role]) -> list[CommandHelp]:
    """The catalogue entries open to someone holding `roles`, each once, grouped from everyone's to the admins'."""
    held = set(roles)
    return sorted((c for c in CATALOGUE if held & set(c.roles)), key=lambda c: ROLE_ORDER.index(c.section(held)))
