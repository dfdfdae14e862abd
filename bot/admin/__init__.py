"""Programme administration: settings, roles, the content pack, the audit log, data rights and export. Other
features read it only through these names."""

from bot.admin.policy import may_administer, may_forget

__all__ = ["may_administer", "may_forget"]
