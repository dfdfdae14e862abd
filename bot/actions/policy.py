"""Who may do what with team actions: the change champions of a digest's scope (the members of its champions'
channel who hold the champion role) and admins take one on and list them; only an action's owner changes its
status."""

from __future__ import annotations

from collections.abc import Collection

from bot.platform.policy import ALLOWED, Decision, champion_in, holding, refuse, who_to_ask
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
    if not decision.allowed:
        return decision
    return champion_in(actor, channel=channel, members=members, doing="take an action on for its digest")


def may_update_status(actor: Actor, *, owner: str) -> Decision:
    if actor.user_id == owner:
        return ALLOWED
    return refuse(f"Only <@{owner}>, who owns this action, can change its status. Ask them to update it.")
