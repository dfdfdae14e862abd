"""The `/cadence digest setup` modal, and the short replies of the digest commands."""

from __future__ import annotations

from typing import Any

from bot.digests.views import WEEKDAYS
from content.blocks.common import Block, context, input_block, plain

CALLBACK_ID = "digest_setup"
CHANNEL, SCOPE, SCOPE_CHANNEL, SCOPE_GROUP, SCOPE_USERS = (
    "digest_channel",
    "digest_scope",
    "digest_scope_channel",
    "digest_scope_group",
    "digest_scope_users",
)
WEEKDAY, TIME, TIMEZONE = "digest_weekday", "digest_time", "digest_timezone"
SCOPES = (
    ("org", "The whole organisation"),
    ("channel", "The members of a channel"),
    ("usergroup", "A user group"),
    ("users", "People I list"),
)


def _option(value: str, text: str) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def _field(block_id: str, label: str, element: dict[str, Any], hint: str = "", optional: bool = False) -> Block:
    return input_block(block_id, label, {"action_id": block_id, **element}, optional=optional, hint=hint)


def setup_modal(*, channel: str, timezone: str) -> dict[str, Any]:
    """The setup form, with the channel it was opened from chosen already (when there is one)."""
    channel_select: dict[str, Any] = {"type": "conversations_select", "filter": {"include": ["public", "private"]}}
    if channel:
        channel_select["initial_conversation"] = channel
    scopes = [_option(value, text) for value, text in SCOPES]
    days = [_option(str(i), day) for i, day in enumerate(WEEKDAYS)]
    blocks = [
        _field(CHANNEL, "Champions' channel", channel_select, "Invite Cadence to it first."),
        _field(SCOPE, "Whose figures", {"type": "radio_buttons", "options": scopes, "initial_option": scopes[0]}),
        _field(SCOPE_CHANNEL, "The channel (for a channel's members)", {"type": "conversations_select"}, optional=True),
        _field(
            SCOPE_GROUP,
            "The user group (for a user group)",
            {"type": "plain_text_input", "placeholder": plain("S0123ABCD or a mention of the group")},
            optional=True,
        ),
        _field(SCOPE_USERS, "The people (for people you list)", {"type": "multi_users_select"}, optional=True),
        _field(WEEKDAY, "Day", {"type": "static_select", "options": days, "initial_option": days[0]}),
        _field(TIME, "Time", {"type": "timepicker", "initial_time": "09:00"}),
        _field(TIMEZONE, "Time zone", {"type": "plain_text_input", "initial_value": timezone}, "e.g. Europe/London"),
        context("The digest covers the week before each slot. Setting up a channel again replaces its setup."),
    ]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": plain("Weekly digest"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }
