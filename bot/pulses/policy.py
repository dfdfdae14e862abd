"""Who may do what with pulses. Handlers and buttons ask these functions; nothing else decides."""

from __future__ import annotations

from bot.platform.roles import Role, RoleResolver
from storage.models import PulseCampaign


def may_close_early(roles: RoleResolver, user_id: str, campaign: PulseCampaign) -> bool:
    """The pulse's creator and programme admins may close its open round ahead of its window."""
    return user_id == campaign.creator or roles.has(user_id, Role.ADMIN)
