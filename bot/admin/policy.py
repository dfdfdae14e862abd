"""Who may administer the programme (settings, roles, the audit log, the content pack) and forget a person from
Cadence's records: the programme's admins."""

from __future__ import annotations

from bot.platform.policy import Decision, holding, who_to_ask
from bot.platform.roles import Actor, Role


def may_administer(actor: Actor) -> Decision:
    return holding(
        actor,
        (Role.ADMIN,),
        f"Only programme admins can do that. Ask {who_to_ask(actor)} if it needs doing; "
        "`/cadence help` shows what you can do.",
    )


def may_forget(actor: Actor) -> Decision:
    """Remove a person from Cadence's records (which person may be forgotten is `forget.check_forgettable`)."""
    return holding(
        actor,
        (Role.ADMIN,),
        f"Only programme admins can remove a person from Cadence's records. Ask {who_to_ask(actor)} to do it.",
    )
