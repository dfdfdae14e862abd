"""Team actions: the digest's "Take this on" button and its modal, the owner's one-tap statuses, and
`/cadence actions`."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.actions import (
    ActionForm,
    is_nudge,
    listed,
    may_list_actions,
    may_take_on,
    take_on,
    today,
    update_status,
)
from bot.digests import action_scope, postable_channels
from bot.platform.roles import Role
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks import actions as blocks
from content.blocks.common import error_text
from handlers.cadence_cmd import subcommand
from handlers.payload import Request

log = logging.getLogger(__name__)

OUT_OF_DATE = "That button is out of date; nothing was changed."


def register(app: App) -> None:
    app.action(blocks.TAKE_ON_ACTION)(on_take_on)
    app.view(blocks.CALLBACK_ID)(on_submit)
    for status in blocks.DM_STATUSES:
        app.action(f"{blocks.STATUS_ACTION}:{status}")(on_status)


def _tell(respond: Respond, text: str) -> None:
    respond(text=text, blocks=error_text(text), response_type="ephemeral", replace_original=False)


def on_take_on(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    channel, question_id = request.channel_id, request.action_value
    question = runtime.pack.question(question_id)
    if question is None:
        _tell(respond, OUT_OF_DATE + " The item is no longer in the question bank.")
        return
    actor = runtime.roles.actor(request.user_id)
    scope = action_scope(runtime, actor, channel)
    refusal = scope.refusal or may_take_on(actor, channel=channel, members=scope.members).reason
    if refusal:
        _tell(respond, refusal)
        return
    view = blocks.take_on_modal(channel=channel, question_id=question.id, item_text=question.text, today=today(runtime))
    opened = call(runtime.client.views_open, trigger_id=request.trigger_id, view=view)
    if not opened.ok:
        _tell(respond, f"Slack didn't open the form ({opened.error}). Please click Take this on again.")


def on_submit(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    view = request.view
    actor = runtime.roles.actor(request.user_id)
    channel = view.metadata.text("channel")
    scope = action_scope(runtime, actor, channel)
    if scope.refusal:
        ack(response_action="errors", errors={blocks.TEXT: scope.refusal})
        return
    form = ActionForm(
        channel=channel,
        question_id=view.metadata.text("question"),
        text=view.value(blocks.TEXT),
        owner=view.element(blocks.OWNER).text("selected_user"),
        due_on=view.day(blocks.DUE),
        request_key=f"modal:{view.id}"[:100],
    )
    action, errors = take_on(runtime, actor, form, groups=scope.groups, members=scope.members)
    if action is None:
        ack(response_action="errors", errors=errors)
        return
    ack(response_action="update", view=blocks.saved_view(action))


def on_status(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    parsed = blocks.parse_status_value(request.action_value)
    if parsed is None:
        _tell(respond, OUT_OF_DATE)
        return
    action, refusal = update_status(runtime, runtime.roles.actor(request.user_id), *parsed)
    if action is None:
        _tell(respond, refusal)
        return
    channel, ts = request.channel_id, request.text("message", "ts")
    if not is_nudge(runtime, action.action_id, channel=channel, ts=ts):
        log.info("action %s status recorded from a message that is not its DM; left as it was", action.action_id)
        return
    updated = call(runtime.client.chat_update, channel=channel, ts=ts, **blocks.nudge_message(action))
    if not updated.ok:
        log.warning("action %s status recorded; DM not updated: %s", action.action_id, updated.error)


@subcommand("actions")
def on_actions(ack: Ack, command: dict[str, Any], context: BoltContext, **_: Any) -> None:
    runtime: Runtime = context["runtime"]
    actor = runtime.roles.actor(Request(command).user_id)
    decision = may_list_actions(actor)
    if not decision.allowed:
        ack(text=decision.reason, blocks=error_text(decision.reason))
        return
    everyone = actor.holds(Role.ADMIN)
    found = listed(runtime, actor, None if everyone else postable_channels(runtime, actor))
    ack(text="Actions teams took on", blocks=blocks.list_blocks(found, everyone=everyone))
