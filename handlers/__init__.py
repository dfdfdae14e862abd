"""Slack adapters: one module per surface, each exposing `register(app)`."""

from __future__ import annotations

from slack_bolt import App

from handlers import cadence_cmd


def register_all(app: App) -> None:
    for module in (cadence_cmd,):
        module.register(app)
