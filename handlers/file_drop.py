"""Files an admin drops in their DM with Cadence: a content pack (.zip) or the teams (.csv). This is the one place
a shared file is received; each kind names who may send it, how large it may be, and what imports it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.admin import content_pack as content_admin
from bot.admin.policy import may_administer
from bot.platform.policy import Decision
from bot.platform.roles import Actor
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.platform.slack_files import SlackFileError, download
from bot.teams import may_manage_teams
from bot.teams.roster import MAX_BYTES as MAX_TEAMS_BYTES
from content.blocks.common import section
from handlers.content_cmd import import_dropped_pack
from handlers.payload import Request
from handlers.teams_cmd import import_dropped_teams

log = logging.getLogger(__name__)

UNKNOWN_FILE = (
    ":warning: Send a content pack as one .zip file (see `/cadence content import`), or the teams as one .csv file "
    "(see `/cadence teams`)."
)


@dataclass(frozen=True)
class Drop:
    """A kind of file Cadence takes: who may send it, its largest size, and the import that answers in a line."""

    allows: Callable[[Actor], Decision]
    max_bytes: int
    imports: Callable[[Runtime, str, str, bytes], str]


DROPS = {
    ".zip": Drop(may_administer, content_admin.MAX_ZIP_BYTES, import_dropped_pack),
    ".csv": Drop(may_manage_teams, MAX_TEAMS_BYTES, import_dropped_teams),
}


def register(app: App) -> None:
    app.event({"type": "message", "subtype": "file_share"})(on_file_shared)
    app.event("message")(ignore_other_messages)


def on_file_shared(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    shared = Request(event)
    user, channel = shared.user_id, shared.text("channel")
    if shared.text("channel_type") != "im":
        return
    if not user or not channel:
        log.info("file shared without a user or channel ignored")
        return
    runtime: Runtime = context["runtime"]
    actor = runtime.roles.actor(user)
    if not may_administer(actor).allowed and not may_manage_teams(actor).allowed:
        _reply(client, channel, f":warning: I don't read files. {may_administer(actor).reason}")
        return
    found = [(f, DROPS[ext]) for f in shared.children("files") if (ext := _extension(f.text("name"))) in DROPS]
    if not found:
        _reply(client, channel, UNKNOWN_FILE)
        return
    file, drop = found[0]
    decision = drop.allows(actor)
    if not decision.allowed:
        _reply(client, channel, f":warning: Nothing was imported. {decision.reason}")
        return
    try:
        url = file.text("url_private_download") or file.text("url_private")
        blob = download(
            url,
            token=runtime.settings.slack_bot_token,
            api_url=runtime.settings.slack_api_url,
            max_bytes=drop.max_bytes,
        )
    except SlackFileError as refusal:
        _reply(client, channel, f":warning: Nothing was imported. {refusal}")
        return
    log.info("file %s shared by %s", file.text("id"), user)
    _reply(client, channel, drop.imports(runtime, user, file.text("name"), blob))


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _reply(client: WebClient, channel: str, text: str) -> None:
    outcome = call(client.chat_postMessage, channel=channel, text=text, blocks=[section(text)])
    if not outcome.ok:
        log.warning("reply to a shared file not posted in %s: %s", channel, outcome.error)


def ignore_other_messages() -> None:
    """Other messages in a DM with Cadence need no answer; acknowledging them keeps Slack from retrying."""
