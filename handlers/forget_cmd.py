"""`/cadence forget @person`: an admin removes a person from Cadence's records, after confirming with a button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.admin.forget import ForgetRefusal, check_forgettable, forget_person
from bot.admin.policy import may_forget
from bot.admin.programme import AdminRefusal
from bot.platform.mentions import ids_in
from bot.platform.runtime import Runtime
from content.blocks.common import error_text, section
from content.blocks.data_rights import CANCEL, CONFIRM, confirm_blocks, forgotten_blocks
from handlers.admin_cmd import allowed_by
from handlers.cadence_cmd import subcommand
from handlers.payload import Request

USAGE = "Use `/cadence forget @person` (or their user id, U…, for someone who has left Slack)."


def register(app: App) -> None:
    app.action(CONFIRM)(on_confirm)
    app.action(CANCEL)(on_cancel)


@subcommand("forget")
@allowed_by(may_forget)
def on_forget(*, ack: Ack, rest: str, runtime: Runtime, **_: Any) -> None:
    people = ids_in(rest) or rest.split()[:1]
    if len(people) != 1:
        raise AdminRefusal(USAGE)
    try:
        check_forgettable(runtime, people[0])
    except ForgetRefusal as refusal:
        raise AdminRefusal(str(refusal)) from None
    ack(text="Forget this person?", blocks=confirm_blocks(people[0]))


def on_confirm(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    admin, person = request.user_id, request.action_value
    decision = may_forget(runtime.roles.actor(admin))
    if not decision.allowed:
        respond(text=decision.reason, blocks=error_text(decision.reason), replace_original=False)
        return
    try:
        report = forget_person(runtime, person, actor=admin)
    except ForgetRefusal as refusal:
        respond(text=str(refusal), blocks=error_text(str(refusal)), replace_original=True)
        return
    respond(text="Forgotten.", blocks=forgotten_blocks(person, report.lines()), replace_original=True)


def on_cancel(ack: Ack, respond: Respond) -> None:
    ack()
    respond(text="Nothing was changed.", blocks=[section("Cancelled: nothing was changed.")], replace_original=True)
