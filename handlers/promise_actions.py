"""The key-message compose modal's submission, the buttons of `/promise list`, and "Got it" / "Discussed"."""

from __future__ import annotations

import json
import logging
from datetime import date, time
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.keymessages.draft import Draft, F
from bot.keymessages.policy import may_schedule, may_see_every_schedule
from bot.keymessages.reach import acknowledge, summaries
from bot.keymessages.schedules import CANCEL, PAUSE, RESUME, KeyMessageError, change_state, draft_of, save
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks.common import context as context_block
from content.blocks.common import error_text
from content.blocks.keymessage_compose import CALLBACK_ID, compose_view, saved_view
from content.blocks.keymessage_list import ACTION_CANCEL, ACTION_EDIT, ACTION_PAUSE, ACTION_RESUME, list_blocks
from content.blocks.keymessage_notices import when
from content.blocks.keymessages import (
    ACK_ACTIONS,
    acknowledged_blocks,
    personal_status,
    shared_status,
)

log = logging.getLogger(__name__)

STATE_ACTIONS = {ACTION_PAUSE: PAUSE, ACTION_RESUME: RESUME, ACTION_CANCEL: CANCEL}


def register(app: App) -> None:
    app.view(CALLBACK_ID)(on_compose_submit)
    for action_id in STATE_ACTIONS:
        app.action(action_id)(on_state_button)
    app.action(ACTION_EDIT)(on_edit_button)
    for kind, action_id in ACK_ACTIONS.items():
        app.action(action_id)(_ack_listener(kind))


def on_compose_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    actor = runtime.roles.actor(body["user"]["id"])
    decision = may_schedule(actor)
    if not decision.allowed:
        ack(response_action="errors", errors={F.TEXT: decision.reason})
        return
    schedule_id = json.loads(view.get("private_metadata") or "{}").get("schedule_id")
    draft = parse_draft(view["state"]["values"])
    try:
        saved, errors = save(runtime, actor, draft, schedule_id=schedule_id)
    except KeyMessageError as exc:
        ack(response_action="errors", errors={F.TEXT: str(exc)})
        return
    if saved is None:
        ack(response_action="errors", errors=errors)
        return
    next_when = when(saved.next_at, saved.zone) if saved.next_at else None
    ack(response_action="update", view=saved_view(next_when, saved.audience, saved.mode, preview=draft.preview))


def parse_draft(values: dict[str, Any]) -> Draft:
    """The modal's state as plain values (what Slack sends for blank optional inputs is None or empty)."""

    def element(field: str) -> dict[str, Any]:
        return next(iter(values.get(field, {}).values()), {}) or {}

    def selected(field: str) -> str:
        return (element(field).get("selected_option") or {}).get("value", "")

    def chosen(field: str) -> list[str]:
        return [o["value"] for o in element(field).get("selected_options") or []]

    def day(field: str) -> date | None:
        raw = element(field).get("selected_date")
        return date.fromisoformat(raw) if raw else None

    raw_time = element(F.TIME).get("selected_time")
    return Draft(
        library_key=selected(F.LIBRARY),
        text=element(F.TEXT).get("value") or "",
        prompt_key=selected(F.PROMPT),
        channels=tuple(element(F.CHANNELS).get("selected_conversations") or ()),
        groups=element(F.GROUPS).get("value") or "",
        mode=selected(F.MODE),
        kind=selected(F.KIND),
        start=day(F.DATE),
        at=time.fromisoformat(raw_time) if raw_time else None,
        weekdays=tuple(int(v) for v in chosen(F.WEEKDAYS)),
        interval=element(F.INTERVAL).get("value") or "",
        until=day(F.UNTIL),
        zone=selected(F.ZONE),
        preview=bool(chosen(F.PREVIEW)),
    )


def on_state_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, respond: Any) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    actor = runtime.roles.actor(body["user"]["id"])
    try:
        outcome = change_state(runtime, actor, int(action["value"]), STATE_ACTIONS[action["action_id"]])
    except KeyMessageError as exc:
        respond(text=str(exc), blocks=error_text(str(exc)), response_type="ephemeral", replace_original=False)
        return
    everyone = may_see_every_schedule(actor).allowed
    blocks = [context_block(outcome), *list_blocks(summaries(runtime, actor), everyone=everyone)]
    respond(text=outcome, blocks=blocks, replace_original=True)


def on_edit_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, respond: Any) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    user_id = body["user"]["id"]
    schedule_id = int(action["value"])
    try:
        draft = draft_of(runtime, runtime.roles.actor(user_id), schedule_id)
    except KeyMessageError as exc:
        respond(text=str(exc), blocks=error_text(str(exc)), response_type="ephemeral", replace_original=False)
        return
    view = compose_view(draft, runtime.pack.messages, runtime.pack.prompts, schedule_id=schedule_id)
    opened = call(runtime.client.views_open, trigger_id=body["trigger_id"], view=view)
    if not opened.ok:
        log.warning("could not open the editor of schedule %s for %s: %s", schedule_id, user_id, opened.error)


def _ack_listener(kind: str) -> Any:
    def on_ack(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, respond: Any) -> None:
        ack()
        runtime: Runtime = context["runtime"]
        user_id = body["user"]["id"]
        try:
            done = acknowledge(runtime, user_id, action["value"], kind)
        except KeyMessageError as exc:
            respond(text=str(exc), blocks=error_text(str(exc)), response_type="ephemeral", replace_original=False)
            return
        channel, message = body["channel"]["id"], body["message"]
        personal = channel.startswith("D")
        status = personal_status(done.given) if personal else shared_status(done.counts)
        given = done.given if personal else ()
        blocks = acknowledged_blocks(message.get("blocks") or [], action["value"], given=given, status=status)
        updated = call(
            runtime.client.chat_update, channel=channel, ts=message["ts"], text=message.get("text", ""), blocks=blocks
        )
        if not updated.ok:
            log.warning(
                "acknowledgement of %s by %s recorded; message not updated: %s", action["value"], user_id, updated.error
            )

    on_ack.__name__ = f"on_keymsg_{kind}"
    return on_ack
