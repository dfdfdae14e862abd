"""`/cadence settings | set | reset | roles | role | audit` — programme administration, for admins only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.admin import calendars
from bot.admin import programme as admin
from bot.admin.policy import may_administer
from bot.platform.directory import UnknownUsergroup
from bot.platform.ids import parse_id
from bot.platform.mentions import Kind, mentions_in, plain_ids
from bot.platform.policy import Decision
from bot.platform.roles import Actor, Role
from bot.platform.runtime import Runtime
from content.blocks.admin import audit_blocks, calendar_target_text, holidays_blocks, roles_blocks, settings_blocks
from content.blocks.common import error_text, section
from handlers.cadence_cmd import subcommand
from handlers.payload import Request

ROLE_USAGE = "Use `/cadence role add|remove leader|champion|admin @person-or-@group …`."
ROLE_NAMES = {"leader": Role.LEADER, "champion": Role.CHAMPION, "admin": Role.ADMIN}


def register(app: App) -> None:
    app.action("audit_page")(on_audit_page)


def allowed_by(policy: Callable[[Actor], Decision]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Refuse, privately and with the policy's reason, anyone `policy` refuses before the subcommand runs."""

    def guard(fn: Callable[..., None]) -> Callable[..., None]:
        def guarded(*, ack: Ack, command: dict[str, Any], context: BoltContext, **kwargs: Any) -> None:
            runtime: Runtime = context["runtime"]
            decision = policy(runtime.roles.actor(Request(command).user_id))
            if not decision.allowed:
                ack(text=decision.reason, blocks=error_text(decision.reason))
                return
            try:
                fn(ack=ack, command=command, runtime=runtime, **kwargs)
            except admin.AdminRefusal as refusal:
                ack(text=str(refusal), blocks=error_text(str(refusal)))

        return guarded

    return guard


admins_only = allowed_by(may_administer)


def done(ack: Ack, text: str) -> None:
    ack(text=text, blocks=[section(f":white_check_mark: {text}")])


@subcommand("settings")
@admins_only
def show_settings(*, ack: Ack, runtime: Runtime, **_: Any) -> None:
    ack(text="Cadence settings", blocks=settings_blocks(admin.settings_in_force(runtime.config)))


@subcommand("set")
@admins_only
def set_setting(*, ack: Ack, rest: str, command: dict[str, Any], runtime: Runtime, **_: Any) -> None:
    name, _space, value = rest.partition(" ")
    if not name or not value.strip():
        raise admin.AdminRefusal("Use `/cadence set NAME VALUE`; `/cadence settings` lists the names.")
    setting = admin.find_setting(name)
    raw = value.strip() if setting.name == "promise" else plain_ids(value)
    admin.change_setting(runtime.config, actor=Request(command).user_id, name=name, value=raw, now=runtime.clock.now())
    done(ack, f"`{setting.name}` is changed. `/cadence settings` shows everything in force.")


@subcommand("reset")
@admins_only
def reset_setting(*, ack: Ack, rest: str, command: dict[str, Any], runtime: Runtime, **_: Any) -> None:
    if not rest:
        raise admin.AdminRefusal("Use `/cadence reset NAME`; `/cadence settings` lists the names.")
    admin.reset_setting(runtime.config, actor=Request(command).user_id, name=rest.split()[0], now=runtime.clock.now())
    done(ack, f"`{rest.split()[0]}` is back to the deployment's value.")


@subcommand("roles")
@admins_only
def show_roles(*, ack: Ack, runtime: Runtime, **_: Any) -> None:
    ack(text="Cadence roles", blocks=roles_blocks(runtime.roles.holders()))


@subcommand("role")
@admins_only
def change_role(*, ack: Ack, rest: str, command: dict[str, Any], runtime: Runtime, **_: Any) -> None:
    words = rest.split()
    if len(words) < 3 or words[0] not in ("add", "remove") or words[1].lower() not in ROLE_NAMES:
        raise admin.AdminRefusal(ROLE_USAGE)
    holders = _holders(runtime, rest, confirm_groups=words[0] == "add")
    if not holders:
        raise admin.AdminRefusal("Mention the people or user groups, e.g. `@alice` or `@support`. " + ROLE_USAGE)
    role = ROLE_NAMES[words[1].lower()]
    change = admin.grant_role if words[0] == "add" else admin.revoke_role
    change(runtime.config, actor=Request(command).user_id, role=role, holders=holders, now=runtime.clock.now())
    done(ack, f"The {role.value} role is updated. `/cadence roles` shows who holds each role.")


def _holders(runtime: Runtime, text: str, *, confirm_groups: bool) -> list[str]:
    """The people and user groups `text` mentions; with `confirm_groups`, each group must be one Slack knows (a
    role is not given to a group that is gone, but may be taken from one)."""
    found = [m for m in mentions_in(text) if m.kind in (Kind.USER, Kind.GROUP)]
    try:
        return [
            runtime.directory.named_usergroup(m.id) if confirm_groups and m.kind is Kind.GROUP else m.id for m in found
        ]
    except UnknownUsergroup as refusal:
        raise admin.AdminRefusal(str(refusal)) from None


@subcommand("holidays")
@admins_only
def change_holidays(*, ack: Ack, rest: str, command: dict[str, Any], runtime: Runtime, **_: Any) -> None:
    words = plain_ids(rest).split()
    if not words:
        ack(text="Working hours and holidays", blocks=holidays_blocks(calendars.holidays_in_force(runtime.config)))
        return
    if len(words) not in (2, 3):
        raise admin.AdminRefusal(calendars.HOLIDAYS_USAGE)
    target = calendars.target_of(runtime.directory, words[0])
    actor, now = Request(command).user_id, runtime.clock.now()
    if words[1].lower() == "off" and len(words) == 2:
        calendars.unassign_holidays(runtime.config, actor=actor, target=target, now=now)
        done(
            ack,
            f"{calendar_target_text(target)} has no holiday calendar of its own now. `/cadence holidays` lists them.",
        )
        return
    subdivision = words[2] if len(words) == 3 else ""
    found = calendars.assign_holidays(
        runtime.config,
        runtime.directory,
        actor=actor,
        target=target,
        country=words[1],
        subdivision=subdivision,
        now=now,
    )
    done(ack, f"{calendar_target_text(target)} follows the public holidays of {found}. `/cadence holidays` lists them.")


@subcommand("audit")
@admins_only
def show_audit(*, ack: Ack, rest: str, runtime: Runtime, **_: Any) -> None:
    page = parse_id(rest) or 1
    entries, pages = admin.audit_page(runtime.config, page=page)
    ack(text="Audit log", blocks=audit_blocks(entries, page=page, pages=pages, zone=runtime.settings.timezone))


def on_audit_page(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    decision = may_administer(runtime.roles.actor(request.user_id))
    if not decision.allowed:
        respond(text=decision.reason, blocks=error_text(decision.reason), replace_original=False)
        return
    page = max(request.action_number or 1, 1)
    entries, pages = admin.audit_page(runtime.config, page=page)
    blocks = audit_blocks(entries, page=page, pages=pages, zone=runtime.settings.timezone)
    respond(text="Audit log", blocks=blocks, replace_original=True)
