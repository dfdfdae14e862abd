"""chat.* and reactions.add: messages the bot posts, edits, deletes and reacts to."""

from __future__ import annotations

from typing import Any

from emulator.errors import SlackError
from emulator.methods.args import flag, text
from emulator.records import Ephemeral
from emulator.state import EmulatorState
from emulator.validation import message_content, parse_metadata


def post_message(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = state.post_target(text(args, "channel"))
    body, blocks, attachments = message_content(args)
    message = state.add_message(
        channel_id,
        text=body,
        blocks=blocks,
        attachments=attachments,
        thread_ts=text(args, "thread_ts") or None,
        metadata=parse_metadata(args.get("metadata")),
        reply_broadcast=flag(args.get("reply_broadcast")),
    )
    return {"ok": True, "channel": channel_id, "ts": message.ts, "message": state.message_dict(message)}


def post_ephemeral(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = state.channel_id(text(args, "channel"))
    conversation = state.workspace.channels.get(channel_id)
    if conversation is not None and conversation.is_archived:
        raise SlackError("is_archived")
    user_id = text(args, "user")
    user = state.workspace.users.get(user_id)
    if user is None or user.deleted or user_id not in state.members_of(channel_id):
        raise SlackError("user_not_in_channel")
    body, blocks, _ = message_content(args)
    ts = state.next_ts()
    thread_ts = text(args, "thread_ts") or None
    state.ephemerals.append(Ephemeral(channel_id, user_id, body, blocks, thread_ts, ts, "chat.postEphemeral"))
    return {"ok": True, "message_ts": ts}


def update(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    message = state.find_message(text(args, "channel"), text(args, "ts"))
    body, blocks, attachments = message_content(args)
    message.text = body
    if args.get("blocks") is not None:
        message.blocks = blocks or None
    if args.get("attachments") is not None:
        message.attachments = attachments
    if args.get("metadata") is not None:
        message.metadata = parse_metadata(args.get("metadata"))
    message.edited = True
    return {
        "ok": True,
        "channel": message.channel,
        "ts": message.ts,
        "text": message.text,
        "message": state.message_dict(message),
    }


def delete(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    message = state.find_message(text(args, "channel"), text(args, "ts"))
    state.remove_message(message)
    return {"ok": True, "channel": message.channel, "ts": message.ts}


def get_permalink(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    message = state.find_message(text(args, "channel"), text(args, "message_ts"))
    permalink = state.permalink(message.channel, message.ts)
    if message.thread_ts and message.thread_ts != message.ts:
        permalink += f"?thread_ts={message.thread_ts}&cid={message.channel}"
    return {"ok": True, "channel": message.channel, "permalink": permalink}


def add_reaction(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    message = state.find_message(text(args, "channel"), text(args, "timestamp"))
    name = text(args, "name").strip(":")
    if not name or any(ch.isspace() for ch in name):
        raise SlackError("invalid_name")
    users = message.reactions.setdefault(name, [])
    if state.workspace.bot_user_id in users:
        raise SlackError("already_reacted")
    users.append(state.workspace.bot_user_id)
    return {"ok": True}
