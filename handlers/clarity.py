"""The clarity check on a key message: one tap stores the answer, then the DM shows it."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.keymessages.clarity import answer
from bot.keymessages.schedules import KeyMessageError
from bot.platform.runtime import Runtime
from content.blocks.clarity import CLARITY_ACTION, answered_text, clarity_answered_blocks
from content.blocks.common import error_text
from content.blocks.keymessage_notices import when
from handlers.clicked import replace_clicked
from handlers.payload import Request


def register(app: App) -> None:
    app.action(re.compile(rf"^{CLARITY_ACTION}:"))(on_clarity)


def on_clarity(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond) -> None:
    """Store the answer, then acknowledge: Slack shows the click as done only once it is committed."""
    runtime: Runtime = context["runtime"]
    request = Request(body)
    try:
        done = answer(runtime, request.user_id, request.action_value, request.channel_id, request.text("message", "ts"))
    except KeyMessageError as exc:
        ack()
        respond(text=str(exc), blocks=error_text(str(exc)), response_type="ephemeral", replace_original=False)
        return
    ack()
    until = when(done.closes_at, done.zone)
    if not request.channel_id.startswith("D"):  # a channel post: the answer is told to its giver alone
        thanks = answered_text(runtime.pack.clarity, done.score, until)
        respond(text=thanks, response_type="ephemeral", replace_original=False)
        return
    message = request.child("message")
    blocks = clarity_answered_blocks(
        message.blocks("blocks"),
        runtime.pack.clarity,
        done.ack_value,
        min_size=runtime.settings.min_group_size,
        chosen=done.score,
        until=until,
    )
    replace_clicked(client, respond, body, {"text": message.text("text"), "blocks": blocks})
