"""The Home tab: published when a person opens it, and again after each button on it, with what changed.

The buttons that do what a command does (give a shout-out, schedule a key message, start a pulse, see the latest
results, the checklist's fixes) call that command's own handler function, so the same policy, form and answer
follow; what the command would have said privately shows on Home, or in a modal when it is an answer to read.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.admin import may_administer
from bot.digests.on_demand import may_post_now, post_now
from bot.home.board import build_home, pulse_to_answer
from bot.home.views import Step
from bot.platform.ids import parse_id
from bot.platform.policy import who_to_ask
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import CallOutcome, call
from bot.recognition.parser import ParsedShoutout
from content.blocks.common import Block
from content.blocks.digest_replies import now_reply
from content.blocks.home import (
    BACK,
    DIGEST_NOW,
    GIVE_SHOUTOUT,
    LATEST_RESULTS,
    MORE,
    NEW_PULSE,
    PULSE_OPEN,
    REFRESH,
    SCHEDULE,
    home_view,
)
from content.blocks.home_start import FIX, answer_view, guide_view
from content.blocks.pulses import pulse_message
from handlers.admin_cmd import show_roles
from handlers.digest_cmd import open_setup
from handlers.payload import Request
from handlers.promise import open_compose
from handlers.pulse import show_results, start_new
from handlers.shoutout import open_modal

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)
    app.action(REFRESH)(on_refresh)
    app.action(BACK)(on_refresh)
    app.action(MORE)(on_more)
    app.action(PULSE_OPEN)(on_pulse_open)
    app.action(DIGEST_NOW)(on_digest_now)
    app.action(GIVE_SHOUTOUT)(on_give_shoutout)
    app.action(SCHEDULE)(on_schedule)
    app.action(NEW_PULSE)(on_new_pulse)
    app.action(LATEST_RESULTS)(on_latest_results)
    app.action(FIX)(on_fix)


def publish(runtime: Runtime, client: WebClient, user_id: str, *, page: str = "", notice: str = "") -> None:
    view = home_view(build_home(runtime, user_id, page=page, notice=notice))
    outcome = call(client.views_publish, user_id=user_id, view=view)
    if not outcome.ok:
        # The next time the person opens Home, it is published again.
        log.warning("home not published for %s: %s", user_id, outcome.error)


def on_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    opened = Request(event)
    if opened.raw("tab") not in (None, "home"):
        return
    if not opened.user_id:
        log.info("home: app_home_opened without a user ignored")
        return
    publish(context["runtime"], client, opened.user_id)


def _clicked(body: dict[str, Any]) -> tuple[str, str]:
    request = Request(body)
    return request.user_id, request.action_value


def on_refresh(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    publish(context["runtime"], client, Request(body).user_id)


def on_more(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    user, page = _clicked(body)
    publish(context["runtime"], client, user, page=page)


def on_pulse_open(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """Send the pulse to the person's DM again, with their answers so far, so they can answer it there."""
    ack()
    runtime: Runtime = context["runtime"]
    user, value = _clicked(body)
    again = pulse_to_answer(runtime, user, parse_id(value) or 0)
    if isinstance(again, str):
        publish(runtime, client, user, notice=f":warning: {again}")
        return
    message = pulse_message(runtime.pack, **vars(again))
    sent = call(client.chat_postMessage, channel=user, **message)
    if sent.ok:
        notice = ":envelope: The pulse is in your messages with Cadence (the Messages tab). Your answers are anonymous."
    else:
        log.warning("home: pulse %s not sent to %s: %s", value, user, sent.error)
        notice = ":warning: Slack didn't take the message just now. Press the button again in a minute."
    publish(runtime, client, user, notice=notice)


def on_digest_now(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    user, channel = _clicked(body)
    actor = runtime.roles.actor(user)
    decision = may_post_now(runtime, actor, channel)
    if not decision.allowed:
        publish(runtime, client, user, notice=f":warning: {decision.reason}")
        return
    text, _blocks = now_reply(post_now(runtime, channel), ask=who_to_ask(actor))
    publish(runtime, client, user, notice=text)


class PrivateAnswer:
    """Stands in for a command's `ack` and `respond`: keeps what the command would have told the person privately,
    so the Home button that runs the command can show the same answer."""

    def __init__(self) -> None:
        self.text = ""
        self.blocks: list[Block] = []

    def __call__(self, text: str = "", blocks: list[Block] | None = None, **_: Any) -> None:
        if text or blocks:
            self.text, self.blocks = text, list(blocks or [])

    @property
    def ack(self) -> Ack:
        return cast(Ack, self)  # called as the command calls `ack`, with its keywords

    @property
    def respond(self) -> Respond:
        return cast(Respond, self)


def _told(runtime: Runtime, client: WebClient, user: str, answer: PrivateAnswer) -> None:
    """Show on Home a refusal or problem the command answered instead of opening its form."""
    if answer.text:
        publish(runtime, client, user, notice=f":warning: {answer.text}")


def _opened(runtime: Runtime, client: WebClient, user: str, outcome: CallOutcome) -> None:
    """Tell the person on Home when Slack did not open the modal their button asked for."""
    if not outcome.ok:
        log.warning("home: modal not opened for %s: %s", user, outcome.error)
        publish(runtime, client, user, notice=":warning: Slack didn't open that just now. Press the button again.")


def _open(runtime: Runtime, client: WebClient, user: str, trigger_id: str, view: dict[str, Any]) -> None:
    _opened(runtime, client, user, call(client.views_open, trigger_id=trigger_id, view=view))


def on_give_shoutout(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """The form of `/shoutout`, empty."""
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    opened = open_modal(client, runtime, request.trigger_id, ParsedShoutout((), None, ""), {})
    _opened(runtime, client, request.user_id, opened)


def on_schedule(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    answer, request = PrivateAnswer(), Request(body)
    open_compose(answer.ack, runtime, request.user_id, request.trigger_id)
    _told(runtime, client, request.user_id, answer)


def on_new_pulse(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    answer, request = PrivateAnswer(), Request(body)
    start_new(answer.ack, runtime, request.user_id, request.trigger_id, client, answer.respond)
    _told(runtime, client, request.user_id, answer)


def on_latest_results(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """`/pulse results latest`, answered in a modal only the person sees."""
    ack()
    runtime: Runtime = context["runtime"]
    answer, request = PrivateAnswer(), Request(body)
    show_results(answer.ack, runtime, request.user_id, "latest")
    _open(runtime, client, request.user_id, request.trigger_id, answer_view("Pulse results", answer.blocks))


def on_fix(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """A getting-started step's button: the form that sets it, or how to, for an admin."""
    runtime: Runtime = context["runtime"]
    user, value = _clicked(body)
    trigger_id = Request(body).trigger_id
    step = Step(value) if value in {s.value for s in Step} else None
    if step is Step.KEY_MESSAGE:
        return on_schedule(ack, body, context, client)
    if step is Step.PULSE:
        return on_new_pulse(ack, body, context, client)
    ack()
    decision = may_administer(runtime.roles.actor(user))
    if step is None or not decision.allowed:
        publish(runtime, client, user, notice=f":warning: {decision.reason or 'That step is no longer on the list.'}")
        return
    answer = PrivateAnswer()
    if step is Step.DIGESTS:
        open_setup(answer.ack, {"user_id": user, "trigger_id": trigger_id}, context, client)
        return _told(runtime, client, user, answer)
    if step is Step.ROLES:
        show_roles(ack=answer.ack, command={"user_id": user}, context=context)
    view = guide_view(step) or answer_view("Cadence roles", answer.blocks)
    _open(runtime, client, user, trigger_id, view)
