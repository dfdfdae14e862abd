"""Who may run pulses: leaders, change champions and admins start them and read closed rounds' results (which the
disclosure gate has already made safe to show); a pulse's creator and admins may close its round early."""

from __future__ import annotations

from bot.platform.policy import ALLOWED, Decision, holding, refuse, who_to_ask
from bot.platform.roles import Actor, Role

RUNNERS = (Role.LEADER, Role.CHAMPION, Role.ADMIN)


def _runners_only(actor: Actor, what: str) -> Decision:
    return holding(
        actor,
        RUNNERS,
        f"Only leaders, change champions and programme admins can {what}. Ask {who_to_ask(actor)} if you need to.",
    )


def may_create_pulse(actor: Actor) -> Decision:
    return _runners_only(actor, "start pulses")


def may_see_results(actor: Actor) -> Decision:
    """See a round's results (only the figures the disclosure gate lets through)."""
    return _runners_only(actor, "see pulse results")


def may_close_round(actor: Actor, creator: str) -> Decision:
    """Close a round before its window ends: the pulse's creator, or a programme admin."""
    if actor.user_id == creator or actor.holds(Role.ADMIN):
        return ALLOWED
    return refuse(
        f"Only <@{creator}>, who started this pulse, or a programme admin can close it early. "
        f"Ask {who_to_ask(actor)} if it should close."
    )
