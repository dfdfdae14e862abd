"""`/pulse`, `/pulse new` and `/pulse results`: what a person has open, setting up a pulse, and its results."""

from __future__ import annotations

import random
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.platform.roles import Role
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.pulses.campaigns import (
    PULSES_OFF,
    CampaignDraft,
    audience_problem,
    create_campaign,
    draft_problems,
    open_pulses,
)
from bot.pulses.results import find_round, round_report
from content.blocks.common import error_text
from content.blocks.pulse_forms import DEFAULT_TIME, NEW_CALLBACK, new_pulse_modal, scheduled_view
from content.blocks.pulse_results import results_message
from content.blocks.pulses import open_pulses_blocks
from handlers import pulse_dm
from handlers.payload import Request, ViewState

COMMAND = "/pulse"
RUNNERS = (Role.LEADER, Role.CHAMPION, Role.ADMIN)
NOT_ALLOWED = "Only leaders, change champions and programme admins can {what}. Ask your programme owner if you need to."
USAGE = "Try `/pulse` for your open pulses, `/pulse new` to start one, or `/pulse results [latest|<round>]`."
NO_PULSE_YET = "No pulse has run yet."
GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
GROUP_MENTION = re.compile(r"^<!subteam\^(S[A-Z0-9]{2,})(?:\|[^>]*)?>$")
FIELD_BLOCKS = {"audience": "channels"}


def register(app: App) -> None:
    app.command(COMMAND)(on_pulse)
    app.view(NEW_CALLBACK)(on_new_submitted)
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
        with runtime.session() as session:
            mine = open_pulses(session, user_id=user, now=runtime.clock.now())
        ack(text="Your open pulses", blocks=open_pulses_blocks(mine))
    elif word == "new":
        start_new(ack, runtime, user, request.trigger_id, client, respond)
    elif word == "results":
        show_results(ack, runtime, user, rest)
    else:
        _refuse(ack, f"I don't know `/pulse {word}`. {USAGE}")


def start_new(ack: Ack, runtime: Runtime, user: str, trigger_id: str, client: WebClient, respond: Respond) -> None:
    if not runtime.roles.has(user, *RUNNERS):
        _refuse(ack, NOT_ALLOWED.format(what="start pulses"))
        return
    if not runtime.settings.pulse_secret:
        _refuse(ack, PULSES_OFF)
        return
    ack()
    today = runtime.clock.now().astimezone(runtime.settings.timezone).weekday()
    outcome = call(client.views_open, trigger_id=trigger_id, view=new_pulse_modal(runtime.pack, today_weekday=today))
    if not outcome.ok:
        text = "Slack didn't open the pulse form in time. Please run `/pulse new` again."
        respond(text=text, blocks=error_text(text), response_type="ephemeral")


def show_results(ack: Ack, runtime: Runtime, user: str, which: str) -> None:
    if not runtime.roles.has(user, *RUNNERS):
        _refuse(ack, NOT_ALLOWED.format(what="see pulse results"))
        return
    settings, pack = runtime.settings, runtime.pack
    with runtime.session() as session:
        pulse_round = find_round(session, which)
        report = (
            None
            if pulse_round is None
            else round_report(
                session,
                pulse_round,
                pack=pack,
                min_size=settings.min_group_size,
                now=runtime.clock.now(),
                rng=random.SystemRandom(),
            )
        )
    if report is None:
        _refuse(ack, f"There is no pulse round `{which.strip()[:40]}`. {USAGE}" if which.strip() else NO_PULSE_YET)
        return
    ack(**results_message(report, min_size=settings.min_group_size))


def parse_draft(view: ViewState) -> CampaignDraft:
    """The form's state as plain values; an unreadable choice reads as -1, which `draft_problems` refuses."""
    groups: list[str] = []
    unreadable: list[str] = []
    for item in re.split(r"[,\s]+", view.value("groups")):
        match = GROUP_MENTION.match(item)
        if match or GROUP_ID.match(item):
            groups.append(match.group(1) if match else item)
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
    )


def _chosen_number(view: ViewState, block: str) -> int:
    number = view.option_number(block)
    return -1 if number is None else number


def on_new_submitted(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    request = Request(body)
    user = request.user_id
    if not runtime.roles.has(user, *RUNNERS) or not runtime.settings.pulse_secret:
        refusal = PULSES_OFF if runtime.roles.has(user, *RUNNERS) else NOT_ALLOWED.format(what="start pulses")
        ack(response_action="errors", errors={"questions": refusal})
        return
    draft = parse_draft(request.view)
    problems = draft_problems(draft, runtime.pack)
    if not problems:
        problem = audience_problem(runtime.directory, draft.audience)
        problems = {"audience": problem} if problem else {}
    if problems:
        ack(response_action="errors", errors={FIELD_BLOCKS.get(k, k): v for k, v in problems.items()})
        return
    settings = runtime.settings
    with runtime.session() as session:
        campaign = create_campaign(session, draft, creator=user, settings=settings, now=runtime.clock.now())
    ack(response_action="update", view=scheduled_view(campaign.id or 0, campaign.starts_at, draft.every_weeks))
