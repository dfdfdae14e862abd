"""The Home tab: published when a person opens it, and again after each button on it, with what changed."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.digests.on_demand import may_post_now, post_now
from bot.home.board import build_home, pulse_to_answer
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks.digest_replies import now_reply
from content.blocks.home import BACK, DIGEST_NOW, MORE, PULSE_OPEN, REFRESH, home_view
from content.blocks.pulses import pulse_message

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)
    app.action(REFRESH)(on_refresh)
    app.action(BACK)(on_refresh)
    app.action(MORE)(on_more)
    app.action(PULSE_OPEN)(on_pulse_open)
    app.action(DIGEST_NOW)(on_digest_now)


def publish(runtime: Runtime, client: WebClient, user_id: str, *, page: str = "", notice: str = "") -> None:
    view = home_view(build_home(runtime, user_id, page=page, notice=notice))
    outcome = call(client.views_publish, user_id=user_id, view=view)
    if not outcome.ok:
        # The next time the person opens Home, it is published again.
        log.warning("home not published for %s: %s", user_id, outcome.error)


def on_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    publish(context["runtime"], client, event["user"])


def _clicked(body: dict[str, Any]) -> tuple[str, str]:
    return body["user"]["id"], str(body["actions"][0].get("value") or "")


def on_refresh(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    publish(context["runtime"], client, body["user"]["id"])


def on_more(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    user, page = _clicked(body)
    publish(context["runtime"], client, user, page=page)


def on_pulse_open(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """Send the pulse to the person's DM again, with their answers so far, so they can answer it there."""
    ack()
    runtime: Runtime = context["runtime"]
    user, value = _clicked(body)
    again = pulse_to_answer(runtime, user, int(value) if value.isdigit() else 0)
    if isinstance(again, str):
        publish(runtime, client, user, notice=f":warning: {again}")
        return
    message = pulse_message(runtime.pack, **asdict(again))
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
    decision = may_post_now(runtime, runtime.roles.actor(user), channel)
    if not decision.allowed:
        publish(runtime, client, user, notice=f":warning: {decision.reason}")
        return
    text, _blocks = now_reply(post_now(runtime, channel))
    publish(runtime, client, user, notice=text)
