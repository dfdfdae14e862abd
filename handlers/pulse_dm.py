"""The pulse DM: one-tap answers, the comment form, and the message updated to show what was chosen."""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.platform.ids import parse_id
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.pulses.campaigns import PULSES_OFF, RoundState, Status, record_comment, round_state
from bot.pulses.followups import round_followups
from bot.pulses.recording import Click, submit_answer
from bot.pulses.rounds import is_own_pulse_message
from content.blocks.common import error_text
from content.blocks.pulses import (
    ANSWER_ACTION,
    CLOSED_TEXT,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    COMMENT_CALLBACK,
    NOT_INVITED_TEXT,
    PRIVACY_ACTION,
    UNKNOWN_TEXT,
    comment_modal,
    parse_answer_value,
    privacy_modal,
    pulse_message,
)
from handlers.clicked import replace_clicked
from handlers.payload import Request

log = logging.getLogger(__name__)

REFUSALS = {Status.CLOSED: CLOSED_TEXT, Status.NOT_INVITED: NOT_INVITED_TEXT, Status.UNKNOWN: UNKNOWN_TEXT}


def register(app: App) -> None:
    app.action(re.compile(rf"^{ANSWER_ACTION}:"))(on_answer)
    app.action(COMMENT_ACTION)(on_comment_button)
    app.view(COMMENT_CALLBACK)(on_comment_submitted)
    app.action(PRIVACY_ACTION)(on_privacy_button)


def _tell(respond: Respond, text: str) -> None:
    respond(text=text, blocks=error_text(text), response_type="ephemeral", replace_original=False)


def _stored_message(runtime: Runtime, state: RoundState) -> dict[str, Any] | None:
    """The DM rebuilt from what is stored, so it shows this person's answers even after racing clicks."""
    if state.round is None or state.campaign is None:
        return None
    return pulse_message(
        runtime.pack,
        state.campaign.question_ids,
        state.round.id or 0,
        state.round.closes_at,
        answers=state.answers,
        has_comment=bool(state.comment),
        min_size=runtime.settings.min_group_size,
        followups=round_followups(runtime.pack, state.round),
    )


def _refresh(runtime: Runtime, client: WebClient, user: str, where: tuple[int, str, str], state: RoundState) -> None:
    """Redraw the person's DM (`where`: round id, channel, ts) after a comment, if it is theirs."""
    message = _stored_message(runtime, state)
    round_id, channel, ts = where
    if message is None or not _owns(runtime, round_id, user, channel, ts):
        return
    outcome = call(client.chat_update, channel=channel, ts=ts, **message)
    if not outcome.ok:
        log.warning("pulse DM not updated: channel=%s ts=%s error=%s", channel, ts, outcome.error)


def _refresh_clicked(
    runtime: Runtime, client: WebClient, respond: Respond, body: dict[str, Any], click: Click, state: RoundState
) -> None:
    """Show the choice in the clicked DM through the click's response URL, which a burst of clicks does not
    exhaust the way it would `chat.update`'s per-method rate limit; `chat.update` remains the fallback."""
    message = _stored_message(runtime, state)
    if message is not None:
        replace_clicked(client, respond, body, message, partial(_owns, runtime, click.round_id, click.user_id))


def _owns(runtime: Runtime, round_id: int, user: str, channel: str, ts: str) -> bool:
    """Whether the message is the person's own invitation or reminder of the round."""
    with runtime.session() as session:
        return is_own_pulse_message(session, round_id, user, channel=channel, ts=ts)


def on_answer(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond) -> None:
    """Store the answer, then acknowledge the click: Slack shows it as done only once it is committed. The DM is
    brought up to date after the acknowledgement, so the person waits only for the commit."""
    runtime: Runtime = context["runtime"]
    request = Request(body)
    user = request.user_id
    parsed = parse_answer_value(request.action_value)
    secret = runtime.settings.pulse_secret
    if not secret or parsed is None:
        ack()
        _tell(respond, UNKNOWN_TEXT if secret else PULSES_OFF)
        return
    round_id, question_id, score = parsed
    click = Click(round_id, user, question_id, score, runtime.clock.now())
    state = submit_answer(runtime.engine, click, secret=secret, pack=runtime.pack)
    ack()
    if state.status is not Status.OK:
        log.info("pulse answer refused: round=%s user=%s status=%s", round_id, user, state.status)
        _tell(respond, REFUSALS[state.status])
        return
    _refresh_clicked(runtime, client, respond, body, click, state)


def on_comment_button(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    round_id, secret = request.action_number or 0, runtime.settings.pulse_secret
    if not secret:
        _tell(respond, PULSES_OFF)
        return
    with runtime.session() as session:
        state = round_state(session, secret=secret, round_id=round_id, user_id=request.user_id, now=runtime.clock.now())
    if state.status is not Status.OK:
        _tell(respond, REFUSALS[state.status])
        return
    container = request.child("container")
    where = f"{round_id}|{container.text('channel_id')}|{container.text('message_ts')}"
    view = comment_modal(where, state.comment)
    if not call(client.views_open, trigger_id=request.trigger_id, view=view).ok:
        _tell(respond, "Slack didn't open the comment form in time. Please click “Add a comment” again.")


def on_comment_submitted(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    view = request.view
    round_text, _, rest = view.metadata_text.partition("|")
    channel, _, ts = rest.partition("|")
    text = view.value(COMMENT_BLOCK, COMMENT_BLOCK).strip()
    secret = runtime.settings.pulse_secret
    if not text:
        ack(response_action="errors", errors={COMMENT_BLOCK: "Write a comment, or press Cancel."})
        return
    if not secret:
        ack(response_action="errors", errors={COMMENT_BLOCK: PULSES_OFF})
        return
    with runtime.session() as session:
        state = record_comment(
            session,
            secret=secret,
            round_id=parse_id(round_text) or 0,
            user_id=request.user_id,
            text=text,
            now=runtime.clock.now(),
        )
    if state.status is not Status.OK:
        ack(response_action="errors", errors={COMMENT_BLOCK: REFUSALS[state.status]})
        return
    ack()
    _refresh(runtime, client, request.user_id, (parse_id(round_text) or 0, channel, ts), state)


def on_privacy_button(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """ "How is this anonymous?": the full explanation, in a modal."""
    ack()
    runtime: Runtime = context["runtime"]
    view = privacy_modal(runtime.settings.min_group_size)
    if not call(client.views_open, trigger_id=Request(body).trigger_id, view=view).ok:
        _tell(respond, "Slack didn't open the explanation in time. Please click “How is this anonymous?” again.")
