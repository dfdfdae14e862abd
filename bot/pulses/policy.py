"""Who may run pulses: leaders, change champions and admins start them and read closed rounds' results (which the
disclosure gate has already made safe to show)."""

from __future__ import annotations

from bot.platform.policy import Decision, holding, who_to_ask
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
