"""What admins see: the settings in force, the role holders, working hours and holidays, and the audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.admin.views import ADMIN_SETTINGS, CLI_ACTOR, AuditLine, HolidaysInForce, SettingsInForce
from bot.platform.views import Role
from content.blocks.common import Block, actions, button, context, escape, header, section

UNSET = "_not set_"


def holder_text(holder: str) -> str:
    if holder.startswith("S"):
        return f"<!subteam^{holder}>"
    if holder.startswith(("C", "G")):
        return f"<#{holder}>"
    return f"<@{holder}>"


def calendar_target_text(target: str) -> str:
    """A holiday calendar's channel or user group, or the organisation's default."""
    return "The organisation's default" if target == "default" else holder_text(target)


def holidays_blocks(holidays: HolidaysInForce) -> list[Block]:
    lines = [f"{calendar_target_text(line.target)}: {line.calendar}" for line in holidays.lines]
    return [
        header("Working hours and holidays"),
        section(
            f"*Working hours*: {holidays.working_hours}, in each person's own time zone. Key messages and pulses"
            " that would reach someone outside them, or on a public holiday of theirs, wait for their next"
            " working morning."
        ),
        section("*Holiday calendars*\n" + ("\n".join(lines) or "None yet: only weekends and hours count.")),
        context(
            "A person follows the first channel or user group above they are in, else the default."
            " `/cadence holidays #channel PH`, `@user-group US CA`, `default GB`; `off` removes one."
            " `/cadence set working-hours Mon-Fri 08:00-18:00` changes the hours."
        ),
    ]


def setting_value_text(settings: SettingsInForce, env_name: str) -> str:
    value = {
        "CADENCE_RECOGNITION_CHANNEL": _optional_holder(settings.recognition_channel),
        "CADENCE_MIN_GROUP_SIZE": str(settings.min_group_size),
        "CADENCE_TIMEZONE": settings.timezone,
        "CADENCE_WORKING_HOURS": settings.working_hours,
        "CADENCE_SHOUTOUT_REACTION": f":{settings.shoutout_reaction}:" if settings.shoutout_reaction else "",
        "CADENCE_SHOUTOUT_DAILY_LIMIT": str(settings.shoutout_daily_limit),
        "CADENCE_PULSE_MAX_PER_WEEK": str(settings.pulse_max_per_week),
        "CADENCE_PROMISE": escape(settings.promise_statement),
        "CADENCE_OWNER": _optional_holder(settings.programme_owner),
    }[env_name]
    return value or UNSET


def _optional_holder(holder: str) -> str:
    return holder_text(holder) if holder else ""


def settings_blocks(settings: SettingsInForce) -> list[Block]:
    lines = []
    for setting in ADMIN_SETTINGS:
        marker = " _(changed in Slack)_" if setting.env_name in settings.changed_in_slack else ""
        lines.append(f"`{setting.name}` — {setting.summary}: {setting_value_text(settings, setting.env_name)}{marker}")
    return [
        header("Cadence settings"),
        section("\n".join(lines)),
        context(
            "Change one with `/cadence set NAME VALUE` (e.g. `/cadence set min-group-size 6`);"
            " `/cadence reset NAME` goes back to the deployment's value."
        ),
    ]


def roles_blocks(holders: Mapping[Role, Sequence[str]]) -> list[Block]:
    lines = [
        f"*{role.value.title()}s*: " + (", ".join(holder_text(h) for h in holders[role]) or UNSET)
        for role in (Role.ADMIN, Role.LEADER, Role.CHAMPION)
    ]
    return [
        header("Cadence roles"),
        section("\n".join(lines)),
        context("`/cadence role add leader @someone` or `@user-group`; `/cadence role remove champion @someone`."),
    ]


def audit_blocks(entries: Sequence[AuditLine], *, page: int, pages: int, zone: ZoneInfo) -> list[Block]:
    blocks: list[Block] = [header("Audit log")]
    if not entries:
        blocks.append(section("No admin actions yet."))
        return blocks
    blocks.append(section("\n".join(_audit_line(entry, zone) for entry in entries)))
    blocks.append(context(f"Page {page} of {pages}"))
    if page < pages:
        blocks.append(actions("audit_paging", button("Older", "audit_page", str(page + 1))))
    return blocks


def _audit_line(entry: AuditLine, zone: ZoneInfo) -> str:
    when = _local(entry.at, zone)
    detail = ", ".join(f"{k}: {escape(str(v))}" for k, v in entry.detail.items())
    actor = "the command line" if entry.actor == CLI_ACTOR else f"<@{entry.actor}>"
    return f"`{when}` {actor} *{entry.action}* {detail}"


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
