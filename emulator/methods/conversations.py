"""conversations.*: opening the bot's DMs and reading channels."""

from __future__ import annotations

from typing import Any

from emulator.errors import SlackError
from emulator.methods.args import flag, text
from emulator.methods.paging import paginate
from emulator.records import Message
from emulator.state import EmulatorState


def open_dm(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    listed = args.get("users")
    names = listed if isinstance(listed, list) else text(args, "users").split(",")
    users = [str(u).strip() for u in names if str(u).strip()]
    channel = text(args, "channel")
    if not users and not channel:
        raise SlackError("users_list_not_supplied")
    if users:
        channel_id = _dm_for_users(state, users)
    else:
        user = state.user_for_dm(channel)
        if user is None:
            known = channel in state.workspace.channels
            raise SlackError("method_not_supported_for_channel_type" if known else "channel_not_found")
        channel_id = channel
    already_open = channel_id in state.open_dms
    state.open_dms.add(channel_id)
    described = _describe(state, channel_id, full=flag(args.get("return_im")))
    response: dict[str, Any] = {"ok": True, "channel": described}
    if already_open:
        response.update({"no_op": True, "already_open": True})
    return response


def _dm_for_users(state: EmulatorState, user_ids: list[str]) -> str:
    others = [u for u in user_ids if u != state.workspace.bot_user_id]
    if len(others) != 1:
        raise SlackError("invalid_arguments", "[ERROR] only 1:1 DMs with the bot are emulated")
    user = state.workspace.users.get(others[0])
    if user is None:
        raise SlackError("user_not_found")
    if user.deleted:
        raise SlackError("user_disabled")
    return state.dm_id(user.id)


def info(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = _visible_channel(state, text(args, "channel"))
    channel = _describe(state, channel_id, full=True)
    if flag(args.get("include_num_members")):
        channel["num_members"] = len(state.members_of(channel_id))
    return {"ok": True, "channel": channel}


def members(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = _visible_channel(state, text(args, "channel"))
    page, next_cursor = paginate(state.members_of(channel_id), args, kind="members", default_limit=100, max_limit=1000)
    return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}


def history(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = _visible_channel(state, text(args, "channel"))
    conversation = state.workspace.channels.get(channel_id)
    if conversation is not None and not conversation.bot_is_member:
        raise SlackError("not_in_channel")
    oldest = _ts_bound(args.get("oldest"), 0.0, "invalid_ts_oldest")
    latest = _ts_bound(args.get("latest"), float("inf"), "invalid_ts_latest")
    inclusive = flag(args.get("inclusive"))
    shown = [
        m
        for m in reversed(state.messages.get(channel_id, []))
        if _in_channel_view(m) and _within(float(m.ts), oldest, latest, inclusive)
    ]
    page, next_cursor = paginate(shown, args, kind="history", default_limit=100, max_limit=999)
    with_metadata = flag(args.get("include_all_metadata"))
    return {
        "ok": True,
        "messages": [state.message_dict(m, include_metadata=with_metadata) for m in page],
        "has_more": bool(next_cursor),
        "pin_count": 0,
        "response_metadata": {"next_cursor": next_cursor},
    }


def _visible_channel(state: EmulatorState, channel: str) -> str:
    """A conversation the bot may read: private channels it is not in do not exist for it."""
    channel_id = state.channel_id(channel)
    conversation = state.workspace.channels.get(channel_id)
    if conversation is not None and conversation.is_private and not conversation.bot_is_member:
        raise SlackError("channel_not_found")
    return channel_id


def _describe(state: EmulatorState, channel_id: str, *, full: bool) -> dict[str, Any]:
    conversation = state.workspace.channels.get(channel_id)
    if conversation is None:
        user = state.user_for_dm(channel_id)
        data: dict[str, Any] = {"id": channel_id}
        if full:
            is_open = channel_id in state.open_dms
            data.update({"is_im": True, "user": user.id if user else None, "is_open": is_open})
        return data
    return {
        "id": conversation.id,
        "name": conversation.name,
        "is_channel": not conversation.is_private,
        "is_group": False,
        "is_im": False,
        "is_private": conversation.is_private,
        "is_archived": conversation.is_archived,
        "is_member": conversation.bot_is_member,
        "context_team_id": state.workspace.team_id,
    }


def _in_channel_view(message: Message) -> bool:
    """Thread replies stay in their thread unless broadcast, as in Slack's channel history."""
    return message.thread_ts in (None, message.ts) or message.reply_broadcast


def _ts_bound(value: Any, default: float, error: str) -> float:
    if value in (None, ""):
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SlackError(error) from None


def _within(ts: float, oldest: float, latest: float, inclusive: bool) -> bool:
    if inclusive:
        return oldest <= ts <= latest
    return oldest < ts < latest
