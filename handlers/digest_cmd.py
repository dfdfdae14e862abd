"""`/cadence digest setup | now [#channel]`, and the setup modal's submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.digests.on_demand import may_post_now, post_now
from bot.digests.policy import may_post_digests, may_set_up_digests
from bot.digests.setup import SetupForm, save_setup
from bot.platform.mentions import channel_id_of
from bot.platform.policy import who_to_ask
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks import digest_setup as form
from content.blocks.common import error_text
from content.blocks.digest_replies import now_reply, saved_view, usage_text
from handlers.cadence_cmd import subcommand
from handlers.payload import Request


def register(app: App) -> None:
    app.view(form.CALLBACK_ID)(on_setup_submitted)


def _refuse(ack: Ack, message: str) -> None:
    ack(text=message, blocks=error_text(message))


@subcommand("digest")
def on_digest(ack: Ack, rest: str, command: dict[str, Any], context: BoltContext, **kwargs: Any) -> None:
    word, _, argument = rest.partition(" ")
    if word.lower() == "setup":
        open_setup(ack, command, context, context.client)
    elif word.lower() == "now":
        digest_now(ack, argument.strip(), command, context, context.respond)
    else:
        _refuse(ack, usage_text())


def open_setup(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(command)
    decision = may_set_up_digests(runtime.roles.actor(request.user_id))
    if not decision.allowed:
        _refuse(ack, decision.reason)
        return
    view = form.setup_modal(channel=request.channel_id, timezone=runtime.settings.timezone.key)
    opened = call(client.views_open, trigger_id=request.trigger_id, view=view)
    if opened.ok:
        ack()
    else:
        _refuse(ack, f"Slack didn't open the form ({opened.error}). Try `/cadence digest setup` again.")


def digest_now(ack: Ack, argument: str, command: dict[str, Any], context: BoltContext, respond: Respond | None) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(command)
    actor = runtime.roles.actor(request.user_id)
    decision = may_post_digests(actor)
    if not decision.allowed:
        _refuse(ack, decision.reason)
        return
    named = channel_id_of(argument) if argument else None
    if argument and not named:
        _refuse(ack, f"`{argument[:40]}` is not a channel: type `/cadence digest now #channel`.")
        return
    channel = named or request.channel_id
    decision = may_post_now(runtime, actor, channel)
    if not decision.allowed:
        _refuse(ack, decision.reason)
        return
    ack(text=f"Putting together the digest for <#{channel}>…")
    outcome = post_now(runtime, channel)
    text, blocks = now_reply(outcome, ask=who_to_ask(actor))
    if respond is not None:
        respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)


def on_setup_submitted(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    decision = may_set_up_digests(runtime.roles.actor(request.user_id))
    if not decision.allowed:
        ack(response_action="errors", errors={form.CHANNEL: decision.reason})
        return
    view = request.view
    setup = SetupForm(
        channel=view.conversation(form.CHANNEL),
        scope=view.option(form.SCOPE),
        scope_channel=view.conversation(form.SCOPE_CHANNEL),
        scope_group=view.value(form.SCOPE_GROUP),
        scope_users=view.users(form.SCOPE_USERS),
        weekday=view.option(form.WEEKDAY) or "0",
        at_time=view.element(form.TIME).text("selected_time"),
        timezone=view.value(form.TIMEZONE),
    )
    errors = save_setup(runtime, request.user_id, setup)
    if errors:
        ack(response_action="errors", errors=errors)
    else:
        ack(response_action="update", view=saved_view(setup.channel, int(setup.weekday), setup.at_time, setup.timezone))
