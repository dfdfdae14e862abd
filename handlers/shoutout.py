"""`/shoutout …` and the shout-out modal (opened by the command or by the "Recognise this" shortcut)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.platform.runtime import Runtime
from bot.platform.slack_calls import CallOutcome, call
from bot.recognition.parser import ParsedShoutout, ParseRefusal, parse_shoutout
from bot.recognition.shoutouts import MAX_RECIPIENTS, MESSAGE_LIMIT, Draft, Given, deliver_now, give_shoutout
from bot.recognition.stats import shoutout_stats
from content.blocks.common import error_text, plain, section
from content.blocks.recognition import (
    BEHAVIOUR_ACTION,
    BEHAVIOUR_BLOCK,
    MESSAGE_ACTION,
    MESSAGE_BLOCK,
    MODAL_CALLBACK_ID,
    RECIPIENTS_ACTION,
    RECIPIENTS_BLOCK,
    given_text,
    modal,
    stats_blocks,
)
from handlers.cadence_cmd import command_help
from handlers.payload import Request

COMMAND = "/shoutout"


def register(app: App) -> None:
    app.command(COMMAND)(on_shoutout)
    app.view(MODAL_CALLBACK_ID)(on_submit)


def on_shoutout(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: Any, respond: Callable, **_: Any
) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(command)
    user, text = request.user_id, request.text("text")
    if text.strip().lower() == "stats":
        ack(text="Your shout-outs", blocks=stats_blocks(shoutout_stats(runtime, user), runtime.pack.behaviour))
        return
    if text.strip().lower() == "help":
        command_help(ack, runtime, user, COMMAND)
        return
    parsed = parse_shoutout(text, lambda words: b.key if (b := runtime.pack.find_behaviour(words)) else None)
    if isinstance(parsed, ParseRefusal):
        ack(text=parsed.reason, blocks=error_text(parsed.reason))
        return
    ack()
    if not parsed.complete:
        opened = open_modal(client, runtime, request.trigger_id, parsed, {"channel": request.channel_id})
        if not opened.ok:
            tell(respond, f"I couldn't open the shout-out form (Slack said `{opened.error}`). Please try again.")
        return
    draft = Draft(
        giver=user,
        recipients=parsed.recipients,
        behaviour_key=parsed.behaviour_key,
        message=parsed.message,
        source="command",
        request_key=f"command:{request.trigger_id}",
    )
    result = give_shoutout(runtime, draft)
    if isinstance(result, Given):
        tell(respond, given_text(result.recipients, result.behaviour, result.channel), ok=True)
        deliver_now(runtime, result)
    else:
        tell(respond, result.reason)


def tell(respond: Callable, text: str, *, ok: bool = False) -> None:
    """A private message to the person, in the conversation they are in."""
    respond(text=text, blocks=[section(text)] if ok else error_text(text), response_type="ephemeral")


def open_modal(
    client: Any,
    runtime: Runtime,
    trigger_id: str,
    prefill: ParsedShoutout,
    metadata: dict[str, Any],
    note: str | None = None,
) -> CallOutcome:
    view = modal(
        runtime.pack.behaviours,
        recipients=prefill.recipients,
        behaviour_key=prefill.behaviour_key,
        message=prefill.message,
        message_limit=MESSAGE_LIMIT,
        max_recipients=MAX_RECIPIENTS,
        metadata={k: v for k, v in metadata.items() if v},
        note=note,
    )
    return call(client.views_open, trigger_id=trigger_id, view=view)


def on_submit(ack: Ack, body: dict[str, Any], context: BoltContext, **_: Any) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    view = request.view
    recipients = view.users(RECIPIENTS_BLOCK, RECIPIENTS_ACTION)
    behaviour_key = view.option(BEHAVIOUR_BLOCK, BEHAVIOUR_ACTION) or None
    message = view.value(MESSAGE_BLOCK, MESSAGE_ACTION)
    metadata = view.metadata
    draft = Draft(
        giver=request.user_id,
        recipients=recipients,
        behaviour_key=behaviour_key,
        message=message,
        source="shortcut" if metadata.text("link") or metadata.text("ts") else "modal",
        request_key=_submission_key(view.id, recipients, behaviour_key, message),
        link=metadata.text("link") or None,
        origin_channel=(metadata.text("channel") or None) if metadata.text("ts") else None,
    )
    result = give_shoutout(runtime, draft)
    if not isinstance(result, Given):
        ack(response_action="errors", errors={result.field or MESSAGE_BLOCK: result.reason})
        return
    done = given_text(result.recipients, result.behaviour, result.channel)
    ack(response_action="update", view=_done_view(done))
    if result.created:
        deliver_now(runtime, result)


def _submission_key(view_id: str, recipients: Sequence[str], behaviour_key: str | None, message: str) -> str:
    """The same modal submitted twice with the same content is one request."""
    content = json.dumps([sorted(recipients), behaviour_key, message.strip()])
    return f"modal:{view_id}:{hashlib.sha256(content.encode()).hexdigest()[:16]}"


def _done_view(text: str) -> dict[str, Any]:
    return {"type": "modal", "title": plain("Shout-out sent"), "close": plain("Done"), "blocks": [section(text)]}
