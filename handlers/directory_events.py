"""Slack's directory events keep Cadence's kept directory fresh: `team_join` adds a person, `member_joined_channel`
and `member_left_channel` change a kept channel's members. (`user_change` is heard by `handlers.promise`, which
keeps the changed person and hands a deactivated leader's schedules over: Bolt runs one listener per event.)"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.platform.runtime import Runtime
from handlers.payload import Request

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("team_join")(on_team_join)
    app.event("member_joined_channel")(on_member_joined)
    app.event("member_left_channel")(on_member_left)


def on_team_join(event: dict[str, Any], context: BoltContext) -> None:
    joined = Request(event)
    if not joined.user_id:
        log.info("team_join without a user id ignored")
        return
    _runtime(context).directory.remember(joined.child("user").raw())


def on_member_joined(event: dict[str, Any], context: BoltContext) -> None:
    member = Request(event)
    if _names_a_member(member):
        _runtime(context).directory.joined(member.channel_id, member.user_id)


def on_member_left(event: dict[str, Any], context: BoltContext) -> None:
    member = Request(event)
    if _names_a_member(member):
        _runtime(context).directory.left(member.channel_id, member.user_id)


def _names_a_member(member: Request) -> bool:
    if member.channel_id and member.user_id:
        return True
    log.info("%s without a channel or user ignored", member.text("type") or "a membership event")
    return False


def _runtime(context: BoltContext) -> Runtime:
    runtime: Runtime = context["runtime"]
    return runtime
