"""auth.test, apps.connections.open, users.*, usergroups.list and usergroups.users.list: who the bot and its
colleagues are."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from emulator.errors import SlackError
from emulator.methods.args import text
from emulator.methods.paging import paginate
from emulator.state import EmulatorState
from emulator.workspace import User


def auth_test(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    ws = state.workspace
    return {
        "ok": True,
        "url": f"https://{ws.domain}.slack.com/",
        "team": ws.team_name,
        "user": ws.bot_name,
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def connections_open(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    """A Socket Mode URL on the emulator's own websocket server."""
    return {"ok": True, "url": state.socket_mode_url()}


def info(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    user = state.workspace.users.get(text(args, "user"))
    if user is None:
        raise SlackError("user_not_found")
    return {"ok": True, "user": user_dict(state, user)}


def list_users(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    everyone = list(state.workspace.users.values())
    page, next_cursor = paginate(everyone, args, kind="users", default_limit=None, max_limit=1000)
    return {
        "ok": True,
        "members": [user_dict(state, u) for u in page],
        "cache_ts": int(state.wall_clock()),
        "response_metadata": {"next_cursor": next_cursor},
    }


def usergroup_users(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    group = state.workspace.usergroups.get(text(args, "usergroup"))
    if group is None:
        raise SlackError("no_such_subteam")
    return {"ok": True, "users": list(group.users)}


def list_usergroups(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    """The workspace's user groups as Slack lists them (without their users unless `include_users`)."""
    groups = []
    for group in state.workspace.usergroups.values():
        described: dict[str, Any] = {
            "id": group.id,
            "team_id": state.workspace.team_id,
            "is_usergroup": True,
            "name": group.handle.title(),
            "handle": group.handle,
            "user_count": len(group.users),
        }
        if args.get("include_users") in (True, "true", "1", 1):
            described["users"] = list(group.users)
        groups.append(described)
    return {"ok": True, "usergroups": groups}


def user_dict(state: EmulatorState, user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "team_id": state.workspace.team_id,
        "name": user.name,
        "deleted": user.deleted,
        "real_name": user.real_name,
        "tz": user.tz,
        "tz_offset": _tz_offset(user.tz, state.wall_clock()),
        "is_admin": user.is_admin,
        "is_owner": False,
        "is_bot": user.is_bot,
        "is_app_user": False,
        "profile": {
            "real_name": user.real_name,
            "real_name_normalized": user.real_name,
            "display_name": user.name,
            "display_name_normalized": user.name,
            "team": state.workspace.team_id,
        },
    }


def _tz_offset(tz: str, now: float) -> int:
    try:
        offset = datetime.fromtimestamp(now, UTC).astimezone(ZoneInfo(tz)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return 0
    return int(offset.total_seconds()) if offset else 0
