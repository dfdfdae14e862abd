"""Bringing a clicked message up to date: through the click's response URL, with `chat.update` as the fallback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from bot.platform.slack_calls import call
from handlers.payload import Request

log = logging.getLogger(__name__)


def replace_clicked(
    client: WebClient,
    respond: Respond | None,
    body: dict[str, Any],
    message: dict[str, Any],
    is_own: Callable[[str, str], bool] = lambda channel, ts: True,
) -> None:
    """Replace the clicked message with `message`. The response URL is tried first: a burst of clicks does not
    exhaust it the way it would `chat.update`'s per-method rate limit. `chat.update` follows only for a message
    `is_own(channel, ts)` says is the clicker's (Slack ties a response URL to the clicked message; the payload's
    container names a message anybody could write there)."""
    try:
        answered = respond is not None and respond(replace_original=True, **message).status_code == 200
    except (SlackClientError, OSError) as exc:
        log.warning("response_url failed: %s", type(exc).__name__)
        answered = False
    if answered:
        return
    container = Request(body).child("container")
    channel, ts = container.text("channel_id"), container.text("message_ts")
    if not channel or not ts or not is_own(channel, ts):
        return
    outcome = call(client.chat_update, channel=channel, ts=ts, **message)
    if not outcome.ok:
        log.warning("clicked message not updated: channel=%s ts=%s error=%s", channel, ts, outcome.error)
