"""Reaction shout-outs: `reaction_added` with a shout-out emoji recognises the message's author; `reaction_removed`
soon after takes it back."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.recognition.reactions import (
    RETRACT_WINDOW,
    Reaction,
    give_by_reaction,
    retract_by_reaction,
    send_private_note,
    shoutout_emoji,
)
from bot.recognition.shoutouts import Given, deliver_now
from content.blocks.common import error_text, section
from content.blocks.recognition import reaction_given_text
from handlers.payload import Request

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("reaction_added")(on_reaction_added)
    app.event("reaction_removed")(on_reaction_removed)


def _reaction(event: dict[str, Any]) -> Reaction | None:
    """The reaction on a message, or None for one on anything else (a file) or one Cadence cannot read."""
    reacted = Request(event)
    item = reacted.child("item")
    channel, ts, user = item.text("channel"), item.text("ts"), reacted.user_id
    if item.text("type") != "message":
        return None
    if not channel or not ts or not user:
        log.info("reaction event without a user, channel or message ignored")
        return None
    return Reaction(user, reacted.text("reaction"), channel, ts, reacted.text("item_user") or None)


def on_reaction_added(event: dict[str, Any], context: BoltContext, client: Any) -> None:
    runtime: Runtime = context["runtime"]
    reaction = _reaction(event)
    if reaction is None or shoutout_emoji(runtime, reaction.emoji) is None:
        return
    permalink = call(client.chat_getPermalink, channel=reaction.channel, message_ts=reaction.ts)
    result = give_by_reaction(runtime, reaction, permalink.data.get("permalink") if permalink.ok else None)
    if result is None or (isinstance(result, Given) and not result.created):
        return
    if isinstance(result, Given):
        minutes = int(RETRACT_WINDOW.total_seconds() // 60)
        _tell(runtime, client, reaction, reaction_given_text(result.recipients[0], result.behaviour, minutes), ok=True)
        deliver_now(runtime, result)
    else:
        _tell(runtime, client, reaction, result.reason)


def on_reaction_removed(event: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    reaction = _reaction(event)
    if reaction is not None and shoutout_emoji(runtime, reaction.emoji) is not None:
        retract_by_reaction(runtime, reaction)


def _tell(runtime: Runtime, client: Any, reaction: Reaction, text: str, *, ok: bool = False) -> None:
    """Privately, where the reaction was; by DM (through the outbox) when Slack won't show it there."""
    blocks = [section(text)] if ok else error_text(text)
    shown = call(client.chat_postEphemeral, channel=reaction.channel, user=reaction.reactor, text=text, blocks=blocks)
    if not shown.ok:
        send_private_note(runtime, user=reaction.reactor, request_key=reaction.request_key, text=text)
