"""Driving the key-message composer the way a leader does, for the key-message end-to-end tests."""

from __future__ import annotations

import json
from typing import Any

from emulator import SlackEmulator
from tests.e2e.conftest import LEADER, TEAM_A
from tests.support.bot import BotUnderTest, Reply

DEFAULTS: dict[str, Any] = {
    "text": "Our promise starts with *you*.",
    "channels": [TEAM_A],
    "mode": "dm",
    "kind": "once",
    "date": "2026-11-24",
    "time": "09:00",
    "zone": "Europe/London",
}
TEAM_A_PEOPLE = 6


def key_of(args: dict[str, Any]) -> str:
    """The outbox key a posted message carries in its metadata."""
    metadata = args.get("metadata") or {}
    if isinstance(metadata, str):
        metadata = json.loads(metadata)
    return str(metadata.get("event_payload", {}).get("key", ""))


def key_posts(slack: SlackEmulator) -> list[str]:
    """The channels key messages were posted to (one per chat.postMessage), leaving other features' posts aside."""
    return [c.args["channel"] for c in slack.calls_to("chat.postMessage") if key_of(c.args).startswith("keymsg:")]


def open_composer(bot: BotUnderTest, slack: SlackEmulator, user: str = LEADER) -> dict[str, Any]:
    reply = bot.command(user, "/promise", "schedule")
    assert reply.status == 200
    return slack.opened_views(user)[-1]


def schedule(bot: BotUnderTest, slack: SlackEmulator, user: str = LEADER, **values: Any) -> Reply:
    """Open the composer and submit it with the defaults overridden by `values` (None removes a default)."""
    view = open_composer(bot, slack, user)
    chosen = {k: v for k, v in {**DEFAULTS, **values}.items() if v is not None}
    return bot.submit(user, view, chosen)


def errors_of(reply: Reply) -> dict[str, str]:
    assert reply.json.get("response_action") == "errors", reply.body
    return reply.json["errors"]


def list_message(bot: BotUnderTest, user: str = LEADER) -> Any:
    """`/promise list` as an emulator-like message, so its buttons can be clicked."""
    reply = bot.command(user, "/promise", "list")
    return _Message(reply.json["blocks"])


class _Message:
    """The ephemeral list, clickable like a posted message."""

    def __init__(self, blocks: list[dict[str, Any]]) -> None:
        self.blocks = blocks
        self.ts = "1700000000.000100"
        self.channel = "C0GENERAL"
        self.text = ""
