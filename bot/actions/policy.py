"""Who may do what with team actions: the change champions of a digest's scope (the members of its champions'
channel who hold the champion role) and admins take one on and list them; only an action's owner changes its
status."""

from __future__ import annotations

from collections.abc import Collection

from bot.platform.policy import ALLOWED, Decision, holding, refuse, who_to_ask
from bot.platform.roles import Actor, Role


def may_list_actions(actor: Actor) -> Decision:
    """See some scope's actions; which ones, `may_take_on` answers per channel."""
    return holding(
        actor,
        (Role.CHAMPION, Role.ADMIN),
        "Only change champions and admins can see the actions teams have taken on. "
        f"Ask {who_to_ask(actor)} if you need the champion role.",
    )


def may_take_on(actor: Actor, *, channel: str, members: Collection[str] | None) -> Decision:
    """Take on (or see) an action for the scope of `channel`'s digest. `members` are the channel's members, None
    when Slack could not say."""
    decision = may_list_actions(actor)
    if not decision.allowed or actor.holds(Role.ADMIN):
        return decision
    if members is None:
        return refuse(
            f"Slack didn't tell me who is in <#{channel}> just now, so I can't check that you are one of its "
            "champions. Try again in a minute."
        )
    if actor.user_id in members:
        return ALLOWED
    return refuse(
        f"Only admins and the change champions in <#{channel}> can take on an action for its digest. "
        f"Ask {who_to_ask(actor)} to add you to <#{channel}> if you should be there."
    )


def may_update_status(actor: Actor, *, owner: str) -> Decision:
    if actor.user_id == owner:
        return ALLOWED
    return refuse(f"Only <@{owner}>, who owns this action, can change its status. Ask them to update it.")
