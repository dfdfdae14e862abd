"""The commands Cadence offers and who may use them; `/cadence help` shows each person the ones they can use.

Who may use a command is never written here: each entry names the policy its feature asks before it runs the
command, so help lists exactly what the person would be allowed to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.admin import may_administer, may_forget
from bot.digests import may_post_digests, may_set_up_digests
from bot.keymessages import may_schedule
from bot.platform.policy import Decision, anyone
from bot.platform.roles import ROLE_ORDER, Actor, Role
from bot.pulses import may_create_pulse, may_see_results


@dataclass(frozen=True)
class CommandHelp:
    usage: str
    summary: str
    allows: Callable[[Actor], Decision]
    """The policy the command asks: help lists it for whom this allows."""

    def section(self, held: Iterable[Role]) -> Role:
        """The first role the person holds that on its own lets them use the command: where `/cadence help` lists
        it for them (their highest role when only a combination does)."""
        mine = [role for role in ROLE_ORDER if role in set(held)]
        alone = (role for role in mine if self.allows(Actor("", frozenset({Role.EMPLOYEE, role}))).allowed)
        return next(alone, mine[-1])


CATALOGUE: tuple[CommandHelp, ...] = (
    CommandHelp("/cadence help", "What you can do with Cadence", anyone),
    # recognition
    CommandHelp("/shoutout @who behaviour message", "Recognise colleagues for a customer behaviour", anyone),
    CommandHelp("/shoutout", 'Give a shout-out in a form (or use "Recognise this" on any message)', anyone),
    CommandHelp("/shoutout stats", "The shout-outs you gave and received, and what for", anyone),
    # key messages
    CommandHelp("/promise", "Our customer promise and the latest key messages", anyone),
    CommandHelp("/promise schedule", "Schedule a key message (once or recurring, channels or DMs)", may_schedule),
    CommandHelp("/promise list", "Your key message schedules: next delivery, reach, pause/edit/cancel", may_schedule),
    # pulses
    CommandHelp("/pulse", "Your open pulses (each one comes to you as a DM)", anyone),
    CommandHelp("/pulse new", "Start a pulse", may_create_pulse),
    CommandHelp("/pulse results [latest|round]", "See a closed round's results", may_see_results),
    # digests
    CommandHelp("/cadence digest now [#channel]", "Post a champions' channel's weekly digest now", may_post_digests),
    CommandHelp(
        "/cadence digest setup",
        "Choose a digest channel, whose figures it gets and its weekly slot",
        may_set_up_digests,
    ),
    # administration
    CommandHelp("/cadence settings", "The programme's settings; `/cadence set NAME VALUE` changes one", may_administer),
    CommandHelp(
        "/cadence roles", "Who holds each role; `/cadence role add|remove ROLE @who` changes them", may_administer
    ),
    CommandHelp("/cadence audit", "Every admin action: who, what and when", may_administer),
    CommandHelp(
        "/cadence content export|import", "Download the content pack as files; import an edited one", may_administer
    ),
    CommandHelp("/cadence forget @person", "Remove a person from Cadence's records (asks to confirm)", may_forget),
)


def commands_for(actor: Actor) -> list[CommandHelp]:
    """The catalogue entries `actor` may use, each once, grouped from everyone's to the admins'."""
    allowed = [c for c in CATALOGUE if c.allows(actor).allowed]
    return sorted(allowed, key=lambda c: ROLE_ORDER.index(c.section(actor.roles)))
