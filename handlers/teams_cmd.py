"""`/cadence teams`: how to give Cadence its teams, and the teams file an admin drops in their DM with Cadence
(received by `handlers.file_drop`)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack

from bot.admin.programme import AdminRefusal
from bot.platform.runtime import Runtime
from bot.teams import TeamsImportError, describe, import_teams, lines, may_manage_teams
from content.blocks.common import section
from handlers.admin_cmd import allowed_by
from handlers.cadence_cmd import subcommand

log = logging.getLogger(__name__)

IMPORT_HOW = (
    "Slack has no org chart, so Cadence needs your teams to send key messages *through managers*. Make a CSV "
    "file with the header `manager,member` and one row per member (Slack user ids: profile → ⋯ → *Copy member "
    "ID*), then drop it in your messages with Cadence. I check every row first; if one is wrong I name it, and "
    "nothing changes. A new file replaces the teams. `python -m bot teams export` writes the teams in force."
)


@subcommand("teams")
@allowed_by(may_manage_teams)
def on_teams(*, ack: Ack, rest: str, runtime: Runtime, **_: Any) -> None:
    if rest:
        raise AdminRefusal("Use `/cadence teams` on its own: it says how to import the teams file.")
    known = lines(runtime)
    members = sum(len(team) for team in known.values())
    now = f"Cadence knows {len(known)} managers and {members} members." if known else "Cadence knows no teams yet."
    ack(text=f"{now} {IMPORT_HOW}", blocks=[section(now), section(IMPORT_HOW)])


def import_dropped_teams(runtime: Runtime, user: str, filename: str, blob: bytes) -> str:
    """A teams file an admin dropped: imported whole, or refused naming the row at fault."""
    try:
        imported = import_teams(runtime, blob, actor=user, source=filename)
    except TeamsImportError as refusal:
        log.info("teams import refused: user=%s", user)
        return f":warning: Nothing was imported. {refusal}"
    return f":white_check_mark: Teams imported: {describe(imported)}. Key messages can now go through managers."
