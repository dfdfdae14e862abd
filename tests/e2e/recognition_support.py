"""Helpers for the recognition scenarios: a person's message in the emulator, and reaction events about it."""

from __future__ import annotations

from typing import Any

from emulator import SlackEmulator
from emulator.records import Message


def post_as(slack: SlackEmulator, user: str, channel: str, text: str) -> Message:
    """A message `user` wrote in `channel`, as if typed in the Slack client."""
    return slack.post_as(user, channel, text)


def reaction_event(kind: str, reactor: str, emoji: str, message: Message) -> dict[str, Any]:
    return {
        "type": kind,
        "user": reactor,
        "reaction": emoji,
        "item_user": message.user,
        "item": {"type": "message", "channel": message.channel, "ts": message.ts},
        "event_ts": message.ts,
    }


def shortcut_message(message: Message) -> dict[str, Any]:
    return {"type": "message", "user": message.user, "ts": message.ts, "text": message.text}
