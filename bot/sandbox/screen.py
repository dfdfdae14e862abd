"""What one person of the sandbox's workspace sees, as JSON for the page's script: their channels and their DM with
Cadence (with the ephemerals only they saw), their App Home and the form they have open, each rendered from the Block
Kit Cadence really sent by the same renderer as the static demo page, with live controls."""

from __future__ import annotations

import dataclasses
from typing import Any
from zoneinfo import ZoneInfo

from bot.demo.organisation import ORG_TIMEZONE, Organisation
from bot.sandbox.moments import MOMENTS
from bot.sandbox.world import Sandbox
from emulator.page import conversation_html, home_html
from emulator.page.blockkit import render_blocks
from emulator.page.lookup import Lookup, lookup_for

ROLES = ("Programme owner (admin)", "Leader", "Change champion", "Employee")


def people(org: Organisation) -> list[dict[str, str]]:
    """Everyone one can be, the roles first: the owner, the leader, the champions, then the front line by team."""
    found = [(org.owner, ROLES[0]), (org.leader, ROLES[1]), *((c, ROLES[2]) for c in org.champions)]
    for team in org.teams:
        found += [(person, f"{ROLES[3]}, #{team.name}") for person in team.members if person not in org.champions]
    return [{"id": user, "name": org.name(user), "role": role} for user, role in found]


def screen(sandbox: Sandbox, user: str) -> dict[str, Any]:
    slack = sandbox.slack
    if user not in slack.workspace.users:
        raise KeyError(user)
    with sandbox.lock:
        lookup = dataclasses.replace(lookup_for(slack), interactive=True)
        desk = sandbox.desk(user)
        local = sandbox.now().astimezone(ZoneInfo(ORG_TIMEZONE))
        return {
            "user": user,
            "now": f"{local:%a %d %b %Y, %H:%M} {ORG_TIMEZONE.rpartition('/')[2]} time",
            "moments": MOMENTS,
            "conversations": _conversations(sandbox, user, lookup),
            "home": home_html(slack.home_view(user), lookup),
            "modal": _modal(desk.modal, lookup),
            "errors": desk.errors or {},
            "notice": desk.notice,
        }


def _conversations(sandbox: Sandbox, user: str, lookup: Lookup) -> list[dict[str, str]]:
    slack = sandbox.slack
    bot = slack.workspace.bot_user_id
    found = []
    for channel in sorted(slack.workspace.channels.values(), key=lambda c: c.name):
        if user in channel.members:
            shown = slack.ephemerals(channel=channel.id, user=user)
            html = conversation_html(slack.messages(channel.id), shown, bot, lookup)
            found.append({"id": channel.id, "name": channel.name, "kind": "channel", "html": html})
    dm = slack.dm_channel_id(user)
    html = conversation_html(slack.dms_to(user), slack.ephemerals(channel=dm, user=user), bot, lookup)
    found.append({"id": dm, "name": lookup.user_name(bot), "kind": "dm", "html": html})
    return found


def _modal(view: dict[str, Any] | None, lookup: Lookup) -> dict[str, Any] | None:
    if view is None:
        return None
    return {
        "id": view.get("id"),
        "title": _label(view.get("title")),
        "submit": _label(view.get("submit")),
        "close": _label(view.get("close")) or "Close",
        "html": render_blocks(view.get("blocks"), lookup),
    }


def _label(text: Any) -> str:
    return str(text.get("text", "")) if isinstance(text, dict) else ""
