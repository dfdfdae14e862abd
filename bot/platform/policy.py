"""What every feature's policy answers: allowed, or refused with a reason Cadence can show the person.

Each feature keeps its own rules in `bot/<feature>/policy.py` as plain functions of an `Actor` and the object acted
on; handlers, App Home and `/cadence help` all ask those functions, so a rule cannot say one thing on one surface
and another elsewhere.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.platform.roles import Actor, Role


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    """Why not, in words for the person refused: what would have to change and whom to ask."""


ALLOWED = Decision(True)


def refuse(reason: str) -> Decision:
    return Decision(False, reason)


def holding(actor: Actor, roles: tuple[Role, ...], refusal: str) -> Decision:
    """Allowed when `actor` holds any of `roles`, else refused with `refusal`."""
    return ALLOWED if actor.holds(*roles) else refuse(refusal)


def anyone(actor: Actor) -> Decision:
    """The rule for what every employee may do."""
    return ALLOWED


def who_to_ask(actor: Actor) -> str:
    """Whom a refusal sends the person to: the programme owner, mentioned, else the programme's admins."""
    owner = actor.programme_owner
    if owner and owner != actor.user_id:
        return f"<@{owner}>, the programme owner"
    return "a programme admin"


def champion_in(actor: Actor, *, channel: str, members: Collection[str] | None, doing: str) -> Decision:
    """A champions' channel's own rule: an admin, or a member of `channel` (`members`, None when Slack could not
    say), may be `doing` something for its digest. Whether they hold the champion role each feature asks first."""
    if actor.holds(Role.ADMIN):
        return ALLOWED
    if members is None:
        return refuse(
            f"Slack didn't tell me who is in <#{channel}> just now, so I can't check that you may {doing}. "
            "Try again in a minute."
        )
    if actor.user_id in members:
        return ALLOWED
    return refuse(
        f"Only admins and the change champions in <#{channel}> can {doing}. "
        f"Ask {who_to_ask(actor)} to add you to <#{channel}> if you should be there."
    )
