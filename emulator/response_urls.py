"""response_url: where an app answers a slash command or a button click after acknowledging it.

Slack's rules: the reply is ephemeral unless `response_type` is "in_channel"; `replace_original`
and `delete_original` act on the message the interaction came from, "regardless of whether it was an ephemeral
message or not" (docs.slack.dev, Modifying messages): an ephemeral is replaced or removed where the person sees it.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from emulator.errors import SlackError
from emulator.methods.args import flag, text
from emulator.records import Ephemeral, ResponsePost
from emulator.state import EmulatorState, ResponseTarget
from emulator.validation import message_content


def issue(state: EmulatorState, channel: str, user: str, message_ts: str | None, ephemeral: bool = False) -> str:
    token = secrets.token_urlsafe(12)
    state.response_targets[token] = ResponseTarget(channel, user, message_ts, ephemeral)
    return f"{state.base_url}/response/{token}"


def receive(state: EmulatorState, token: str, payload: Any) -> tuple[int, dict[str, Any]]:
    """Apply one POST to a response_url and answer (HTTP status, JSON body)."""
    target = state.response_targets.get(token)
    if target is None:
        return 404, {"ok": False, "error": "invalid_token"}
    url = f"{state.base_url}/response/{token}"
    try:
        if not isinstance(payload, dict):
            raise SlackError("invalid_payload")
        _apply(state, target, payload)
        status, body = 200, {"ok": True}
    except SlackError as exc:
        status, body = 400, exc.to_response()
    recorded = dict(payload) if isinstance(payload, dict) else {}
    state.response_posts.append(ResponsePost(url, target.channel, target.user, recorded, status))
    return status, body


def _apply(state: EmulatorState, target: ResponseTarget, payload: dict[str, Any]) -> None:
    if flag(payload.get("delete_original")):
        _delete_original(state, target)
        return
    body, blocks, attachments = message_content(payload)
    thread_ts = text(payload, "thread_ts") or None
    if flag(payload.get("replace_original")) and _replace_original(state, target, body, blocks, attachments):
        return
    if payload.get("response_type") == "in_channel":
        channel_id = state.channel_id(target.channel)
        state.add_message(channel_id, text=body, blocks=blocks, attachments=attachments, thread_ts=thread_ts)
    else:
        ts = state.next_ts()
        state.ephemerals.append(Ephemeral(target.channel, target.user, body, blocks, thread_ts, ts, "response_url"))


def _delete_original(state: EmulatorState, target: ResponseTarget) -> None:
    """Remove the interaction's message: from the channel, or (an ephemeral) from the person's client."""
    if not target.message_ts:
        return
    if not target.ephemeral:
        state.remove_message(state.find_message(target.channel, target.message_ts))
        return
    index = state.ephemeral_index(target.channel, target.user, target.message_ts)
    if index is None:
        raise SlackError("message_not_found")
    del state.ephemerals[index]


def _replace_original(
    state: EmulatorState, target: ResponseTarget, body: str, blocks: list[Any] | None, attachments: list[Any] | None
) -> bool:
    """Replace the interaction's message in place, an ephemeral one included (Slack replaces it in the person's
    client, keeping its place). An original the emulator never held (a slash command has none) is not replaced,
    and the answer is shown as a new ephemeral instead."""
    if not target.message_ts:
        return False
    if target.ephemeral:
        index = state.ephemeral_index(target.channel, target.user, target.message_ts)
        if index is None:
            return False
        shown = state.ephemerals[index]
        state.ephemerals[index] = replace(shown, text=body, blocks=blocks, source="response_url")
        return True
    try:
        message = state.find_message(target.channel, target.message_ts)
    except SlackError:
        return False
    message.text, message.blocks, message.attachments = body, blocks, attachments
    message.edited = True
    return True
