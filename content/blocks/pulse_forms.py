"""The `/pulse new` form: questions grouped by dimension, audience, cadence, answer window, reminder."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from content.blocks.common import Block, context, input_block, plain, section, truncate
from content.blocks.pulses import slack_date
from content.pack import DIMENSIONS, ContentPack

NEW_CALLBACK = "pulse_new"
OPTION_TEXT_LIMIT = 75
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CADENCES = (("0", "Once"), ("1", "Every week"), ("2", "Every 2 weeks"), ("4", "Every 4 weeks"))
WINDOWS = (("24", "1 day"), ("48", "2 days"), ("72", "3 days"), ("120", "5 days"), ("168", "1 week"))
DEFAULT_WINDOW = "72"
DEFAULT_TIME = "09:00"
ORG_ZONE, LOCAL_ZONE = "org", "local"
LOCAL_LABEL = "Each recipient's local time"
REMINDER_TEXT = "Remind those who haven't answered, once, after halfway, in working hours"


def _option(value: str, text: str) -> dict[str, Any]:
    return {"text": plain(text, limit=OPTION_TEXT_LIMIT), "value": value}


def _select(action_id: str, options: tuple[tuple[str, str], ...], initial: str) -> dict[str, Any]:
    choices = [_option(value, text) for value, text in options]
    return {
        "type": "static_select",
        "action_id": action_id,
        "options": choices,
        "initial_option": next(c for c in choices if c["value"] == initial),
    }


def _question_select(pack: ContentPack) -> dict[str, Any]:
    groups = [
        {
            "label": plain(dimension.capitalize()),
            "options": [_option(q.id, truncate(q.text, OPTION_TEXT_LIMIT)) for q in pack.questions_in(dimension)],
        }
        for dimension in DIMENSIONS
        if pack.questions_in(dimension)
    ]
    return {
        "type": "multi_static_select",
        "action_id": "questions",
        "placeholder": plain("Pick 3 to 5 questions"),
        "option_groups": groups,
        "max_selected_items": 5,
    }


def new_pulse_modal(pack: ContentPack, *, today_weekday: int, org_zone: str) -> dict[str, Any]:
    weekdays = tuple((str(i), name) for i, name in enumerate(WEEKDAYS))
    zones = ((ORG_ZONE, f"The organisation's time zone ({org_zone})"), (LOCAL_ZONE, LOCAL_LABEL))
    blocks: list[Block] = [
        input_block(
            "questions", "Questions", _question_select(pack), hint="3 to 5 questions keep a pulse to a minute."
        ),
        input_block(
            "channels",
            "Ask the members of these channels",
            {
                "type": "multi_conversations_select",
                "action_id": "channels",
                "filter": {"include": ["public", "private"], "exclude_bot_users": True},
            },
            optional=True,
        ),
        input_block(
            "groups",
            "…and of these user groups",
            {"type": "plain_text_input", "action_id": "groups", "placeholder": plain("S0123ABCD, S0456EFGH")},
            optional=True,
            hint="User group ids (S…) or @mentions of groups, comma-separated.",
        ),
        input_block("cadence", "How often", _select("cadence", CADENCES, "0")),
        input_block("weekday", "On", _select("weekday", weekdays, str(today_weekday))),
        input_block("time", "At", {"type": "timepicker", "action_id": "time", "initial_time": DEFAULT_TIME}),
        input_block(
            "zone",
            "In",
            _select("zone", zones, ORG_ZONE),
            hint="In each recipient's local time, everyone gets the pulse at this time of their own day.",
        ),
        input_block("window", "Open for", _select("window", WINDOWS, DEFAULT_WINDOW)),
        input_block(
            "reminder",
            "Reminder",
            {
                "type": "checkboxes",
                "action_id": "reminder",
                "options": [_option("remind", REMINDER_TEXT)],
                "initial_options": [_option("remind", REMINDER_TEXT)],
            },
            optional=True,
        ),
        context("Answers are anonymous. Results show only once a round has closed, for groups of enough people."),
    ]
    return {
        "type": "modal",
        "callback_id": NEW_CALLBACK,
        "title": plain("New pulse"),
        "submit": plain("Start pulse"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }


def scheduled_view(campaign_id: int, first_round: datetime, every_weeks: int, *, local: bool) -> dict[str, Any]:
    """What the form turns into once the pulse is set up. `first_round` is an instant, or for each recipient's
    local time the wall-clock time (labelled UTC) everyone gets it at in their own zone."""
    repeat = {0: "It runs once.", 1: "It repeats every week."}.get(
        every_weeks, f"It repeats every {every_weeks} weeks."
    )
    when = f"on {first_round:%A %d %B at %H:%M} in each person's time zone" if local else slack_date(first_round)
    return {
        "type": "modal",
        "title": plain("Pulse scheduled"),
        "close": plain("Done"),
        "blocks": [
            section(f":white_check_mark: Pulse #{campaign_id} is set up. The first round goes out {when}. {repeat}"),
            context("See how it went with `/pulse results` once a round has closed."),
        ],
    }
