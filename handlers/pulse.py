"""`/pulse`, `/pulse new`, `/pulse results` and `/pulse close`: what a person has open, setting up a pulse, its
results, and closing a round early."""

from __future__ import annotations

import random
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.actions import followup_labels
from bot.platform.mentions import group_id_of, is_handle, listed
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.pulses.campaigns import (
    PULSES_OFF,
    CampaignDraft,
    checked_audience,
    create_campaign,
    draft_problems,
    open_pulses,
)
from bot.pulses.policy import may_create_pulse, may_see_results
from bot.pulses.results import find_round, round_report
from bot.pulses.rounds import Closing, closable, closable_rounds, close_early, closing_check
from content.blocks.common import error_text, section
from content.blocks.pulse_forms import DEFAULT_TIME, LOCAL_ZONE, NEW_CALLBACK, new_pulse_modal, scheduled_view
from content.blocks.pulse_results import results_message
from content.blocks.pulses import (
    CLOSE_ACTION,
    CLOSE_NOT_ALLOWED_TEXT,
    already_closed_text,
    closable_rounds_blocks,
    close_confirmation,
    open_pulses_blocks,
    round_closed,
)
from handlers import pulse_dm
from handlers.cadence_cmd import command_help
from handlers.payload import Request, ViewState

COMMAND = "/pulse"
USAGE = (
    "Try `/pulse` for your open pulses, `/pulse new` to start one, `/pulse results [latest|<round>]`, "
    "or `/pulse close [latest|<round>]`."
)
FIELD_BLOCKS = {"audience": "channels"}


def register(app: App) -> None:
    app.command(COMMAND)(on_pulse)
    app.view(NEW_CALLBACK)(on_new_submitted)
    app.action(CLOSE_ACTION)(on_close_clicked)
    pulse_dm.register(app)


def _refuse(ack: Ack, text: str) -> None:
    ack(text=text, blocks=error_text(text))


def on_pulse(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(command)
    user = request.user_id
    word, _, rest = request.text("text").strip().partition(" ")
    word = word.lower()
    if word == "":
        now = runtime.clock.now()
        actor = runtime.roles.actor(user)
        with runtime.session() as session:
            mine = open_pulses(session, user_id=user, now=now)
            closable = closable_rounds(session, actor=actor, now=now)
        ack(text="Your open pulses", blocks=open_pulses_blocks(mine) + closable_rounds_blocks(closable))
    elif word == "new":
        start_new(ack, runtime, user, request.trigger_id, client, respond)
    elif word == "results":
        show_results(ack, runtime, user, rest)
    elif word == "close":
        confirm_close(ack, runtime, user, rest)
    elif word == "help":
        command_help(ack, runtime, user, COMMAND)
    else:
        _refuse(ack, f"I don't know `/pulse {word}`. {USAGE}")


def start_new(ack: Ack, runtime: Runtime, user: str, trigger_id: str, client: WebClient, respond: Respond) -> None:
    decision = may_create_pulse(runtime.roles.actor(user))
    if not decision.allowed:
        _refuse(ack, decision.reason)
        return
    if not runtime.settings.pulse_secret:
        _refuse(ack, PULSES_OFF)
        return
    ack()
    today = runtime.clock.now().astimezone(runtime.settings.timezone).weekday()
    view = new_pulse_modal(runtime.pack, today_weekday=today, org_zone=runtime.settings.timezone.key)
    outcome = call(client.views_open, trigger_id=trigger_id, view=view)
    if not outcome.ok:
        text = "Slack didn't open the pulse form in time. Please run `/pulse new` again."
        respond(text=text, blocks=error_text(text), response_type="ephemeral")


def show_results(ack: Ack, runtime: Runtime, user: str, which: str) -> None:
    actor = runtime.roles.actor(user)
    decision = may_see_results(actor)
    if not decision.allowed:
        _refuse(ack, decision.reason)
        return
    settings = runtime.settings
    with runtime.session() as session:
        pulse_round = find_round(session, which)
        if pulse_round is None:
            text = _no_round(which)
            ack(text=text, blocks=error_text(text) if "There is no" in text else [section(text)])
            return
        report_time = runtime.clock.now()
        report = round_report(
            session,
            pulse_round,
            pack=runtime.pack,
            min_size=settings.min_group_size,
            now=report_time,
            rng=random.SystemRandom(),
            labels=followup_labels,
        )
        refusal, _ = closing_check(session, pulse_round, actor=actor, now=report_time)
        closing = closable_rounds_blocks([closable(session, pulse_round)]) if refusal is None else []
    message = results_message(report, min_size=settings.min_group_size)
    ack(**{**message, "blocks": [*message["blocks"], *closing]})


def _no_round(which: str) -> str:
    named = which.strip().lower() not in ("", "latest")
    return f"There is no pulse round `{which.strip()[:40]}`. {USAGE}" if named else "No pulse has run yet."


def _closing_refusal(refusal: Closing, round_id: int | None, which: str) -> str:
    if refusal is Closing.NOT_ALLOWED:
        return CLOSE_NOT_ALLOWED_TEXT
    if refusal is Closing.ALREADY_CLOSED and round_id is not None:
        return already_closed_text(round_id)
    return _no_round(which)


def confirm_close(ack: Ack, runtime: Runtime, user: str, which: str) -> None:
    """`/pulse close [which]`: the confirmation with its "Close now", or privately why not."""
    actor = runtime.roles.actor(user)
    with runtime.session() as session:
        pulse_round = find_round(session, which)
        refusal, _ = closing_check(session, pulse_round, actor=actor, now=runtime.clock.now())
        if refusal is not None or pulse_round is None:
            _refuse(ack, _closing_refusal(refusal or Closing.UNKNOWN, pulse_round.id if pulse_round else None, which))
            return
        item = closable(session, pulse_round)
    ack(**close_confirmation(item))


def on_close_clicked(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """ "Close now", wherever it was shown: the policy is asked again, since a button can be forged or outlived."""
    ack()
    runtime: Runtime = context["runtime"]
    request = Request(body)
    round_id = request.action_number or 0
    actor = runtime.roles.actor(request.user_id)
    with runtime.session() as session:
        outcome = close_early(session, round_id, actor=actor, now=runtime.clock.now())
    if outcome is Closing.CLOSED:
        respond(replace_original=True, **round_closed(round_id))
        return
    text = _closing_refusal(outcome, round_id, request.action_value)
    respond(text=text, blocks=error_text(text), response_type="ephemeral", replace_original=False)


def parse_draft(view: ViewState) -> CampaignDraft:
    """The form's state as plain values; an unreadable choice reads as -1, which `draft_problems` refuses."""
    groups: list[str] = []
    unreadable: list[str] = []
    for item in listed(view.value("groups")):
        if group := group_id_of(item):
            groups.append(group)
        elif is_handle(item):
            groups.append(item)  # looked up with the audience
        elif item:
            unreadable.append(item)
    at = view.time_of_day("time")
    return CampaignDraft(
        question_ids=view.options("questions"),
        channels=view.conversations("channels"),
        groups=tuple(groups),
        every_weeks=_chosen_number(view, "cadence"),
        weekday=_chosen_number(view, "weekday"),
        local_time=at.strftime("%H:%M") if at else DEFAULT_TIME,
        window_hours=_chosen_number(view, "window"),
        reminder=bool(view.options("reminder")),
        unreadable_groups=tuple(unreadable),
        in_local_time=view.option("zone") == LOCAL_ZONE,
    )


def _chosen_number(view: ViewState, block: str) -> int:
    number = view.option_number(block)
    return -1 if number is None else number


def on_new_submitted(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    user = request.user_id
    decision = may_create_pulse(runtime.roles.actor(user))
    if not decision.allowed or not runtime.settings.pulse_secret:
        ack(response_action="errors", errors={"questions": decision.reason or PULSES_OFF})
        return
    draft = parse_draft(request.view)
    problems = draft_problems(draft, runtime.pack)
    if not problems:
        draft, problems = checked_audience(runtime.directory, draft)
    if problems:
        ack(response_action="errors", errors={FIELD_BLOCKS.get(k, k): v for k, v in problems.items()})
        return
    settings = runtime.settings
    with runtime.session() as session:
        campaign = create_campaign(session, draft, creator=user, settings=settings, now=runtime.clock.now())
    view = scheduled_view(campaign.id or 0, campaign.starts_at, draft.every_weeks, local=draft.in_local_time)
    ack(response_action="update", view=view)
