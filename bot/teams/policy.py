"""Who may give Cadence its teams: the programme's admins, as for the content pack."""

from __future__ import annotations

from bot.platform.policy import Decision, holding, who_to_ask
from bot.platform.roles import Actor, Role


def may_manage_teams(actor: Actor) -> Decision:
    """Read, set, import or export the teams (manager → members) that key messages sent through managers follow."""
    return holding(
        actor,
        (Role.ADMIN,),
        f"Only programme admins can see or change Cadence's teams. Ask {who_to_ask(actor)} to set them.",
    )
