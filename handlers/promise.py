"""`/promise`, `/promise schedule`, `/promise list`, and a leader's deactivation (`user_change`)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.keymessages.composer import composer_view, new_draft
from bot.keymessages.handover import hand_over
from bot.keymessages.policy import may_schedule, may_see_every_schedule
from bot.keymessages.reach import latest, summaries
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks.common import error_text
from content.blocks.keymessage_list import list_blocks
from content.blocks.keymessages import promise_blocks
from handlers import promise_actions
from handlers.cadence_cmd import command_help
from handlers.payload import Request

log = logging.getLogger(__name__)

COMMAND = "/promise"
USAGE = "Try `/promise`, `/promise schedule` or `/promise list`."


def register(app: App) -> None:
    app.command(COMMAND)(on_promise)
    app.event("user_change")(on_user_change)
    promise_actions.register(app)


def on_promise(ack: Ack, command: dict[str, Any], context: BoltContext, client: Any) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(command)
    user_id = request.user_id
    word = request.text("text").strip().lower()
    if word == "":
        pack = runtime.pack
        ack(
            text=pack.promise_statement,
            blocks=promise_blocks(pack.promise_statement, pack.promise_values, latest(runtime)),
        )
    elif word == "schedule":
        open_compose(ack, runtime, user_id, request.trigger_id)
    elif word == "list":
        show_list(ack, runtime, user_id)
    elif word == "help":
        command_help(ack, runtime, user_id, COMMAND)
    else:
        refuse(ack, f"I don't know `/promise {word[:40]}`. {USAGE}")


def refuse(ack: Ack, message: str) -> None:
    ack(text=message, blocks=error_text(message))


def open_compose(ack: Ack, runtime: Runtime, user_id: str, trigger_id: str) -> None:
    decision = may_schedule(runtime.roles.actor(user_id))
    if not decision.allowed:
        refuse(ack, decision.reason)
        return
    ack()
    view = composer_view(runtime, new_draft(runtime), schedule_id=None)
    opened = call(runtime.client.views_open, trigger_id=trigger_id, view=view)
    if not opened.ok:
        log.warning("could not open the key message composer for %s: %s", user_id, opened.error)


def show_list(ack: Ack, runtime: Runtime, user_id: str) -> None:
    actor = runtime.roles.actor(user_id)
    decision = may_schedule(actor)
    if not decision.allowed:
        refuse(ack, decision.reason)
        return
    everyone = may_see_every_schedule(actor).allowed
    ack(text="Key message schedules", blocks=list_blocks(summaries(runtime, actor), everyone=everyone))


def on_user_change(event: dict[str, Any], context: BoltContext) -> None:
    """A deactivated leader's schedules move to the programme owner (an event retry finds nothing left to move)."""
    runtime: Runtime = context["runtime"]
    request = Request(event)
    user_id = request.user_id
    if not user_id:
        log.info("user_change without a user id ignored")
        return
    user = request.child("user")
    runtime.directory.remember(user.raw())
    if user.raw("deleted") is True:
        hand_over(runtime, user_id, reason="was deactivated")
