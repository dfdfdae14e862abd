"""Slack adapters: one module per surface, each exposing `register(app)`."""

from __future__ import annotations

from slack_bolt import App

from handlers import (
    actions,
    admin_cmd,
    cadence_cmd,
    clarity,
    digest_cmd,
    directory_events,
    file_drop,
    forget_cmd,
    home,
    promise,
    pulse,
    reactions,
    shortcut,
    shoutout,
)


def register_all(app: App) -> None:
    for module in (
        cadence_cmd,
        admin_cmd,
        shoutout,
        shortcut,
        reactions,
        pulse,
        promise,
        clarity,
        digest_cmd,
        actions,
        home,
        forget_cmd,
        directory_events,
        file_drop,  # last: it acknowledges every other message event
    ):
        module.register(app)
