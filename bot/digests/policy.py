"""Who may do what with digests: an admin sets up digest channels; an admin, or a change champion who is a member
of a champions' channel, posts that channel's digest on demand."""

from __future__ import annotations

from collections.abc import Collection

from bot.platform.policy import Decision, champion_in, holding, who_to_ask
from bot.platform.roles import Actor, Role


def may_post_digests(actor: Actor) -> Decision:
    """Post some champions' channel's digest on demand; which ones, `may_post_digest` answers."""
    return holding(
        actor,
        (Role.CHAMPION, Role.ADMIN),
        "Only change champions and admins can post a digest on demand. "
        f"Ask {who_to_ask(actor)} if you need the champion role.",
    )


def may_post_digest(actor: Actor, *, channel: str, members: Collection[str] | None) -> Decision:
    """Post `channel`'s digest now. `members` are the channel's members, None when Slack could not say."""
    decision = may_post_digests(actor)
    if not decision.allowed:
        return decision
    return champion_in(actor, channel=channel, members=members, doing="post its digest")


def may_set_up_digests(actor: Actor) -> Decision:
    """Choose digest channels, whose figures they get and their weekly slot."""
    return holding(actor, (Role.ADMIN,), f"Only Cadence admins can set up digest channels. Ask {who_to_ask(actor)}.")
