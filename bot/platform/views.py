"""The roles as plain values: what builders and every feature's views say about who someone is. Who holds a role
is decided in `bot.platform.roles`; this module only names them, so a builder can read a role without the resolver."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    EMPLOYEE = "employee"
    CHAMPION = "champion"
    LEADER = "leader"
    ADMIN = "admin"


ROLE_ORDER = (Role.EMPLOYEE, Role.CHAMPION, Role.LEADER, Role.ADMIN)
"""From everyone's to the admins': the order in which help and the roles list show them."""
