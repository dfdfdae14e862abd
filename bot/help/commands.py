"""The commands Cadence offers and who may use them; `/cadence help` shows each person the ones they can use.

Who may use a command is never written here: each entry names the policy its feature asks before it runs the
command, so help lists exactly what the person would be allowed to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.actions import may_list_actions
from bot.admin import may_administer, may_forget
from bot.digests import may_post_digests, may_set_up_digests
from bot.help.views import CommandHelp
from bot.keymessages import may_schedule
from bot.platform.policy import Decision, anyone
from bot.platform.roles import ROLE_ORDER, Actor, Role
from bot.pulses import may_create_pulse, may_see_results
from bot.teams import may_manage_teams


@dataclass(frozen=True)
class Command:
    usage: str
    summary: str
    allows: Callable[[Actor], Decision]
    """The policy the command asks: help lists it for whom this allows."""

    def view(self) -> CommandHelp:
        """The command as help shows it, with the roles that on their own let a person use it."""
        opened_by = tuple(
            role for role in ROLE_ORDER if self.allows(Actor("", frozenset({Role.EMPLOYEE, role}))).allowed
        )
        return CommandHelp(self.usage, self.summary, opened_by)


CATALOGUE: tuple[Command, ...] = (
    Command("/cadence help", "What you can do with Cadence", anyone),
    # recognition
    Command("/shoutout @who behaviour message", "Recognise colleagues for a customer behaviour", anyone),
    Command("/shoutout", 'Give a shout-out in a form (or use "Recognise this" on any message)', anyone),
    Command("/shoutout stats", "The shout-outs you gave and received, and what for", anyone),
    # key messages
    Command("/promise", "Our customer promise and the latest key messages", anyone),
    Command("/promise schedule", "Schedule a key message (once or recurring, channels or DMs)", may_schedule),
    Command("/promise list", "Your key message schedules: next delivery, reach, pause/edit/cancel", may_schedule),
    # pulses
    Command("/pulse", "Your open pulses (each one comes to you as a DM)", anyone),
    Command("/pulse new", "Start a pulse", may_create_pulse),
    Command("/pulse results [latest|round]", "See a closed round's results", may_see_results),
    # who started a round (or an admin) may close it; help lists it for whom may start one
    Command("/pulse close [latest|round]", "Close a pulse you started before its window ends", may_create_pulse),
    # digests
    Command("/cadence digest now [#channel]", "Post a champions' channel's weekly digest now", may_post_digests),
    Command(
        "/cadence digest setup",
        "Choose a digest channel, whose figures it gets and its weekly slot",
        may_set_up_digests,
    ),
    Command(
        "/cadence actions", "The actions your champions' channels took on: owner, due date, status", may_list_actions
    ),
    # administration
    Command("/cadence settings", "The programme's settings; `/cadence set NAME VALUE` changes one", may_administer),
    Command("/cadence roles", "Who holds each role; `/cadence role add|remove ROLE @who` changes them", may_administer),
    Command(
        "/cadence holidays [#channel|@group|default COUNTRY [SUBDIVISION]]",
        "Working hours (`/cadence set working-hours`) and each channel's or group's public holidays",
        may_administer,
    ),
    Command("/cadence audit", "Every admin action: who, what and when", may_administer),
    Command(
        "/cadence content export|import", "Download the content pack as files; import an edited one", may_administer
    ),
    Command(
        "/cadence teams",
        "The teams key messages follow through managers, the largest, and who in an audience is in none",
        may_manage_teams,
    ),
    Command(
        "/cadence teams set @manager @who…|@group",
        "Make these people (or a user group) a manager's team; `/cadence teams remove @manager` removes it",
        may_manage_teams,
    ),
    Command(
        "/cadence teams export",
        "The teams as a manager,member CSV in your DM; edit it and drop it back to replace every team",
        may_manage_teams,
    ),
    Command("/cadence forget @person", "Remove a person from Cadence's records (asks to confirm)", may_forget),
)


def commands_for(actor: Actor, command: str = "") -> list[CommandHelp]:
    """The catalogue entries `actor` may use (of `command` alone, e.g. "/pulse", when given), each once, grouped
    from everyone's to the admins'."""
    allowed = [
        c.view() for c in CATALOGUE if c.allows(actor).allowed and (not command or c.usage.split()[0] == command)
    ]
    return sorted(allowed, key=lambda c: ROLE_ORDER.index(c.section(actor.roles)))
