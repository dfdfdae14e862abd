"""`/pulse`, `/pulse new` and `/pulse results`: what a person has open, setting up a pulse, and its results."""

from __future__ import annotations

import random
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

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
from bot.pulses.policy import may_create_pulse, may_see_results
from bot.pulses.results import find_round, round_report
from content.blocks.common import error_text, section
from content.blocks.pulse_forms import NEW_CALLBACK, new_pulse_modal, scheduled_view
from content.blocks.pulse_results import results_message
from content.blocks.pulses import open_pulses_blocks
from handlers import pulse_dm
from handlers.cadence_cmd import command_help

COMMAND = "/pulse"
USAGE = "Try `/pulse` for your open pulses, `/pulse new` to start one, or `/pulse results [latest|<round>]`."
GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
GROUP_MENTION = re.compile(r"^<!subteam\^(S[A-Z0-9]{2,})(?:\|[^>]*)?>$")
FIELD_BLOCKS = {"questions": "questions", "audience": "channels", "groups": "groups", "window": "window"}


def register(app: App) -> None:
    app.command(COMMAND)(on_pulse)
    app.view(NEW_CALLBACK)(on_new_submitted)
    pulse_dm.register(app)


def _refuse(ack: Ack, text: str) -> None:
    ack(text=text, blocks=error_text(text))


def on_pulse(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond) -> None:
    runtime: Runtime = context["runtime"]
    user = command["user_id"]
    word, _, rest = (command.get("text") or "").strip().partition(" ")
    word = word.lower()
    if word == "":
        with runtime.session() as session:
            mine = open_pulses(session, user_id=user, now=runtime.clock.now())
        ack(text="Your open pulses", blocks=open_pulses_blocks(mine))
    elif word == "new":
        start_new(ack, runtime, user, command["trigger_id"], client, respond)
    elif word == "results":
        show_results(ack, runtime, user, rest)
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
    outcome = call(client.views_open, trigger_id=trigger_id, view=new_pulse_modal(runtime.pack, today_weekday=today))
    if not outcome.ok:
        text = "Slack didn't open the pulse form in time. Please run `/pulse new` again."
        respond(text=text, blocks=error_text(text), response_type="ephemeral")


def show_results(ack: Ack, runtime: Runtime, user: str, which: str) -> None:
    decision = may_see_results(runtime.roles.actor(user))
    if not decision.allowed:
        _refuse(ack, decision.reason)
        return
    settings = runtime.settings
    with runtime.session() as session:
        pulse_round = find_round(session, which)
        if pulse_round is None:
            named = which.strip().lower() not in ("", "latest")
            text = f"There is no pulse round `{which.strip()}`. {USAGE}" if named else "No pulse has run yet."
            ack(text=text, blocks=error_text(text) if named else [section(text)])
            return
        report = round_report(
            session,
            pulse_round,
            pack=runtime.pack,
            min_size=settings.min_group_size,
            now=runtime.clock.now(),
            rng=random.SystemRandom(),
        )
    ack(**results_message(report, min_size=settings.min_group_size))


def parse_draft(values: dict[str, dict[str, Any]]) -> CampaignDraft:
    """The form's state as plain values."""

    def field(block: str) -> dict[str, Any]:
        return values.get(block, {}).get(block, {})

    groups: list[str] = []
    unreadable: list[str] = []
    for item in re.split(r"[,\s]+", field("groups").get("value") or ""):
        match = GROUP_MENTION.match(item)
        if match or GROUP_ID.match(item):
            groups.append(match.group(1) if match else item)
        elif item:
            unreadable.append(item)
    return CampaignDraft(
        question_ids=tuple(o["value"] for o in field("questions").get("selected_options") or []),
        channels=tuple(field("channels").get("selected_conversations") or []),
        groups=tuple(groups),
        every_weeks=int(field("cadence")["selected_option"]["value"]),
        weekday=int(field("weekday")["selected_option"]["value"]),
        local_time=field("time").get("selected_time") or "09:00",
        window_hours=int(field("window")["selected_option"]["value"]),
        reminder=bool(field("reminder").get("selected_options")),
        unreadable_groups=tuple(unreadable),
    )


def on_new_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    user = body["user"]["id"]
    decision = may_create_pulse(runtime.roles.actor(user))
    if not decision.allowed or not runtime.settings.pulse_secret:
        ack(response_action="errors", errors={"questions": decision.reason or PULSES_OFF})
        return
    draft = parse_draft(view["state"]["values"])
    problems = draft_problems(draft, runtime.pack)
    if not problems:
        problem = audience_problem(runtime.directory, draft.audience)
        problems = {"audience": problem} if problem else {}
    if problems:
        ack(response_action="errors", errors={FIELD_BLOCKS[k]: v for k, v in problems.items()})
        return
    settings = runtime.settings
    with runtime.session() as session:
        campaign = create_campaign(session, draft, creator=user, settings=settings, now=runtime.clock.now())
    ack(response_action="update", view=scheduled_view(campaign.id or 0, campaign.starts_at, draft.every_weeks))
