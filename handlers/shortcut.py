"""The "Recognise this" message shortcut: the shout-out modal, with the message's author and a link to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.recognition.parser import ParsedShoutout
from content.blocks.common import channel_link
from handlers.payload import Request
from handlers.shoutout import open_modal, tell

CALLBACK_ID = "recognise_message"


def register(app: App) -> None:
    app.shortcut(CALLBACK_ID)(on_recognise)


def on_recognise(
    ack: Ack, shortcut: dict[str, Any], context: BoltContext, client: Any, respond: Callable, **_: Any
) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(shortcut)
    message = request.child("message")
    channel = request.channel_id
    ts = message.text("ts") or request.text("message_ts")
    author = message.text("user")
    permalink = call(client.chat_getPermalink, channel=channel, message_ts=ts)
    link = permalink.data.get("permalink") if permalink.ok else None
    note = f"Recognising <{link}|this message> in {channel_link(channel)}" if link else None
    prefill = ParsedShoutout(recipients=(author,) if author else (), behaviour_key=None, message="")
    metadata = {"channel": channel, "ts": ts, "link": link}
    opened = open_modal(client, runtime, request.trigger_id, prefill, metadata, note)
    if not opened.ok:
        tell(respond, f"I couldn't open the shout-out form (Slack said `{opened.error}`). Please try again.")
