"""Who may do what with key messages: leaders and admins schedule them; a schedule is changed by its owner or an
admin; an admin sees everyone's schedules."""

from __future__ import annotations

from bot.platform.policy import ALLOWED, Decision, holding, who_to_ask
from bot.platform.roles import Actor, Role


def may_schedule(actor: Actor) -> Decision:
    """Compose key messages and list one's schedules."""
    return holding(
        actor,
        (Role.LEADER, Role.ADMIN),
        f"Only leaders and programme admins can schedule key messages. Ask {who_to_ask(actor)} if you need the "
        "leader role.",
    )


def may_change_schedule(actor: Actor, owner: str) -> Decision:
    """Pause, resume, edit or cancel the schedule `owner` owns."""
    if actor.user_id == owner:
        return ALLOWED
    return holding(
        actor,
        (Role.ADMIN,),
        f"Only the schedule's owner (<@{owner}>) or a programme admin can change it. Ask them if it needs a change.",
    )


def may_see_every_schedule(actor: Actor) -> Decision:
    """See and manage everyone's schedules, not only one's own."""
    return holding(
        actor, (Role.ADMIN,), f"Only programme admins see everyone's key message schedules. Ask {who_to_ask(actor)}."
    )
