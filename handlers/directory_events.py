"""Slack's directory events keep Cadence's kept directory fresh: `team_join` adds a person, `member_joined_channel`
and `member_left_channel` change a kept channel's members. (`user_change` is heard by `handlers.promise`, which
keeps the changed person and hands a deactivated leader's schedules over: Bolt runs one listener per event.)"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.platform.runtime import Runtime


def register(app: App) -> None:
    app.event("team_join")(on_team_join)
    app.event("member_joined_channel")(on_member_joined)
    app.event("member_left_channel")(on_member_left)


def on_team_join(event: dict[str, Any], context: BoltContext) -> None:
    user = event.get("user") or {}
    if user.get("id"):
        _runtime(context).directory.remember(user)


def on_member_joined(event: dict[str, Any], context: BoltContext) -> None:
    channel, user = event.get("channel"), event.get("user")
    if channel and user:
        _runtime(context).directory.joined(str(channel), str(user))


def on_member_left(event: dict[str, Any], context: BoltContext) -> None:
    channel, user = event.get("channel"), event.get("user")
    if channel and user:
        _runtime(context).directory.left(str(channel), str(user))


def _runtime(context: BoltContext) -> Runtime:
    runtime: Runtime = context["runtime"]
    return runtime
