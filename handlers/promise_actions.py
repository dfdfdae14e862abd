"""The key-message compose modal's submission, the buttons of `/promise list`, and "Got it" / "Discussed"."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.keymessages.composer import composer_view
from bot.keymessages.draft import Draft, F
from bot.keymessages.policy import may_schedule, may_see_every_schedule
from bot.keymessages.reach import Click, acknowledge, summaries
from bot.keymessages.schedules import CANCEL, PAUSE, RESUME, KeyMessageError, change_state, draft_of, save
from bot.platform.ids import parse_id
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks.common import context as context_block
from content.blocks.common import error_text
from content.blocks.keymessage_compose import CALLBACK_ID, END, saved_view
from content.blocks.keymessage_list import ACTION_CANCEL, ACTION_EDIT, ACTION_PAUSE, ACTION_RESUME, list_blocks
from content.blocks.keymessage_notices import when
from content.blocks.keymessages import (
    ACK_ACTIONS,
    acknowledged_blocks,
    personal_status,
    shared_status,
)
from handlers.payload import Request, ViewState

log = logging.getLogger(__name__)

OUT_OF_DATE = "That button is out of date; nothing was changed. Run `/promise list` again."
STATE_ACTIONS = {ACTION_PAUSE: PAUSE, ACTION_RESUME: RESUME, ACTION_CANCEL: CANCEL}


def register(app: App) -> None:
    app.view(CALLBACK_ID)(on_compose_submit)
    for action_id in STATE_ACTIONS:
        app.action(action_id)(on_state_button)
    app.action(ACTION_EDIT)(on_edit_button)
    for kind, action_id in ACK_ACTIONS.items():
        app.action(action_id)(_ack_listener(kind))


def on_compose_submit(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    actor = runtime.roles.actor(request.user_id)
    decision = may_schedule(actor)
    if not decision.allowed:
        ack(response_action="errors", errors={F.TEXT: decision.reason})
        return
    view = request.view
    schedule_id = view.metadata.number("schedule_id")
    draft = parse_draft(view)
    try:
        saved, errors = save(runtime, actor, draft, schedule_id=schedule_id)
    except KeyMessageError as exc:
        ack(response_action="errors", errors={F.TEXT: str(exc)})
        return
    if saved is None:
        ack(response_action="errors", errors=errors)
        return
    next_when = when(saved.next_at, saved.zone) if saved.next_at else None
    view_saved = saved_view(next_when, saved.audience, saved.mode, preview=draft.preview, arrivals=saved.arrivals)
    ack(response_action="update", view=view_saved)


def parse_draft(view: ViewState) -> Draft:
    """The modal's state as plain values (what Slack sends for blank optional inputs is None or empty)."""
    return Draft(
        library_key=view.option(F.LIBRARY),
        text=view.value(F.TEXT),
        prompt_key=view.option(F.PROMPT),
        series_keys=view.options(F.SERIES),
        track_key=view.option(F.TRACK),
        cycle=view.option(F.CYCLE) != END,
        channels=view.conversations(F.CHANNELS),
        groups=view.value(F.GROUPS),
        mode=view.option(F.MODE),
        kind=view.option(F.KIND),
        start=view.day(F.DATE),
        at=view.time_of_day(F.TIME),
        weekdays=tuple(n for v in view.options(F.WEEKDAYS) if (n := parse_id(v)) is not None),
        interval=view.value(F.INTERVAL),
        until=view.day(F.UNTIL),
        zone=view.option(F.ZONE),
        preview=bool(view.options(F.PREVIEW)),
        clarity=bool(view.options(F.CLARITY)),
    )


def on_state_button(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    schedule_id, action = request.action_number, STATE_ACTIONS.get(request.action.text("action_id"))
    if schedule_id is None or action is None:
        _tell(respond, OUT_OF_DATE)
        return
    actor = runtime.roles.actor(request.user_id)
    try:
        outcome = change_state(runtime, actor, schedule_id, action)
    except KeyMessageError as exc:
        _tell(respond, str(exc))
        return
    everyone = may_see_every_schedule(actor).allowed
    blocks = [context_block(outcome), *list_blocks(summaries(runtime, actor), everyone=everyone)]
    respond(text=outcome, blocks=blocks, replace_original=True)


def on_edit_button(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    schedule_id = request.action_number
    if schedule_id is None:
        _tell(respond, OUT_OF_DATE)
        return
    try:
        draft = draft_of(runtime, runtime.roles.actor(request.user_id), schedule_id)
    except KeyMessageError as exc:
        _tell(respond, str(exc))
        return
    view = composer_view(runtime, draft, schedule_id=schedule_id)
    opened = call(runtime.client.views_open, trigger_id=request.trigger_id, view=view)
    if not opened.ok:
        log.warning("could not open the editor of schedule %s for %s: %s", schedule_id, request.user_id, opened.error)
        _tell(respond, "Slack didn't open the editor in time. Please click Edit again.")


def _tell(respond: Respond, text: str) -> None:
    respond(text=text, blocks=error_text(text), response_type="ephemeral", replace_original=False)


def _ack_listener(kind: str) -> Any:
    def on_ack(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
        ack()
        runtime: Runtime = context["runtime"]
        request = Request(body)
        value, user_id = request.action_value, request.user_id
        channel, message = request.channel_id, request.child("message")
        try:
            done = acknowledge(runtime, Click(user_id, channel, message.text("ts")), value, kind)
        except KeyMessageError as exc:
            _tell(respond, str(exc))
            return
        personal = channel.startswith("D")
        status = personal_status(done.given) if personal else shared_status(done.counts)
        given = done.given if personal else ()
        blocks = acknowledged_blocks(message.blocks("blocks"), value, given=given, status=status)
        updated = call(
            runtime.client.chat_update, channel=channel, ts=message.text("ts"), text=message.text("text"), blocks=blocks
        )
        if not updated.ok:
            log.warning("acknowledgement of %s by %s recorded; message not updated: %s", value, user_id, updated.error)

    on_ack.__name__ = f"on_keymsg_{kind}"
    return on_ack
