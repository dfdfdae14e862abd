"""Programme administration: settings and roles changed in Slack, each change validated by the same rules as the
environment and written to the audit log in the same unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.admin.views import ADMIN_SETTINGS, AdminSetting, AuditLine, SettingsInForce
from bot.platform.config import ProgrammeConfig
from bot.platform.roles import Role
from bot.platform.settings import FIX_HINT, Settings, SettingsError
from storage import admin
from storage.db import session_scope

AUDIT_PAGE_SIZE = 15


class AdminRefusal(ValueError):
    """An admin action that cannot be done as asked; the message says what to change."""


ROLE_SETTINGS = {Role.LEADER: "CADENCE_LEADERS", Role.CHAMPION: "CADENCE_CHAMPIONS", Role.ADMIN: "CADENCE_ADMINS"}


def find_setting(name: str) -> AdminSetting:
    for setting in ADMIN_SETTINGS:
        if setting.name == name.lower():
            return setting
    names = ", ".join(f"`{s.name}`" for s in ADMIN_SETTINGS)
    raise AdminRefusal(f"There is no setting called `{name}`. Settings you can change: {names}.")


def change_setting(config: ProgrammeConfig, *, actor: str, name: str, value: str, now: datetime) -> Settings:
    """Validate and store one setting; returns the settings now in force."""
    setting = find_setting(name)
    return _store(config, actor=actor, changes={setting.env_name: value.strip()}, action="setting.changed", now=now)


def reset_setting(config: ProgrammeConfig, *, actor: str, name: str, now: datetime) -> Settings:
    """Forget an admin's change, so the environment's value is in force again."""
    setting = find_setting(name)
    with session_scope(config.engine) as session:
        if not admin.clear_setting(session, name=setting.env_name):
            raise AdminRefusal(f"`{setting.name}` has not been changed in Slack, so there is nothing to reset.")
        admin.record(session, actor=actor, action="setting.reset", detail={"setting": setting.name}, now=now)
    config.invalidate()
    return config.settings()


def grant_role(config: ProgrammeConfig, *, actor: str, role: Role, holders: Sequence[str], now: datetime) -> Settings:
    current = _role_holders(config.settings(), role)
    new = [h for h in holders if h not in current]
    if not new:
        raise AdminRefusal(f"They already hold the {role.value} role.")
    return _store_role(config, actor=actor, role=role, holders=(*current, *new), changed=new, now=now)


def revoke_role(config: ProgrammeConfig, *, actor: str, role: Role, holders: Sequence[str], now: datetime) -> Settings:
    current = _role_holders(config.settings(), role)
    missing = [h for h in holders if h not in current]
    if missing:
        raise AdminRefusal(
            f"{', '.join(missing)} do not hold the {role.value} role directly"
            " (it may come from a user group: remove the group instead)."
        )
    remaining = tuple(h for h in current if h not in holders)
    if role is Role.ADMIN and not any(h.startswith(("U", "W")) for h in remaining):
        raise AdminRefusal("That would leave no admin who is a person. Add another admin first.")
    return _store_role(config, actor=actor, role=role, holders=remaining, changed=list(holders), now=now)


def settings_in_force(config: ProgrammeConfig) -> SettingsInForce:
    """The settings an admin may change, as they are now, marking the ones changed in Slack."""
    with session_scope(config.engine) as session:
        changed = frozenset(admin.setting_overrides(session))
    settings = config.settings()
    return SettingsInForce(
        recognition_channel=settings.recognition_channel,
        min_group_size=settings.min_group_size,
        timezone=settings.timezone.key,
        working_hours=settings.working_hours.describe(),
        shoutout_reaction=settings.shoutout_reaction,
        shoutout_daily_limit=settings.shoutout_daily_limit,
        pulse_max_per_week=settings.pulse_max_per_week,
        promise_statement=settings.promise_statement,
        programme_owner=settings.programme_owner,
        changed_in_slack=changed,
    )


def audit_page(config: ProgrammeConfig, *, page: int) -> tuple[tuple[AuditLine, ...], int]:
    """One page of the audit log, newest first, and how many pages there are."""
    with session_scope(config.engine) as session:
        total = admin.audit_count(session)
        entries = admin.audit_page(session, limit=AUDIT_PAGE_SIZE, offset=max(page - 1, 0) * AUDIT_PAGE_SIZE)
        lines = tuple(AuditLine(e.at, e.actor, e.action, dict(e.detail)) for e in entries)
    return lines, max((total + AUDIT_PAGE_SIZE - 1) // AUDIT_PAGE_SIZE, 1)


def _role_holders(settings: Settings, role: Role) -> tuple[str, ...]:
    return {Role.LEADER: settings.leaders, Role.CHAMPION: settings.champions, Role.ADMIN: settings.admins}[role]


def _store_role(
    config: ProgrammeConfig, *, actor: str, role: Role, holders: Sequence[str], changed: Sequence[str], now: datetime
) -> Settings:
    action = "role.granted" if set(changed) <= set(holders) else "role.revoked"
    return _store(
        config,
        actor=actor,
        changes={ROLE_SETTINGS[role]: ",".join(holders)},
        action=action,
        now=now,
        detail={"role": role.value, "holders": list(changed)},
    )


def _store(
    config: ProgrammeConfig,
    *,
    actor: str,
    changes: dict[str, str],
    action: str,
    now: datetime,
    detail: dict[str, object] | None = None,
) -> Settings:
    with session_scope(config.engine) as session:
        overrides = admin.setting_overrides(session) | changes
        try:
            config.with_override(overrides)
        except SettingsError as exc:
            raise AdminRefusal(_for_admins(str(exc))) from exc
        for name, value in changes.items():
            admin.set_setting(session, name=name, value=value, actor=actor, now=now)
        admin.record(session, actor=actor, action=action, detail=detail or _setting_detail(changes), now=now)
    config.invalidate()
    return config.settings()


def _setting_detail(changes: dict[str, str]) -> dict[str, object]:
    names = {s.env_name: s.name for s in ADMIN_SETTINGS}
    [(env_name, value)] = changes.items()
    return {"setting": names.get(env_name, env_name), "value": value}


def _for_admins(message: str) -> str:
    """A settings error reworded for someone changing it in Slack, not in `.env`."""
    for setting in ADMIN_SETTINGS:
        message = message.replace(setting.env_name, f"`{setting.name}`")
    return message.replace(f": {FIX_HINT}", "").rstrip(".") + "."
