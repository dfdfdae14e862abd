"""`/cadence teams [set @manager @who … | remove @manager | export]`, and the teams file an admin drops in their DM
with Cadence (received by `handlers.file_drop`)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import Ack

from bot.admin.programme import AdminRefusal
from bot.platform.mentions import is_user_id, plain_ids
from bot.platform.runtime import Runtime
from bot.teams import (
    CSV_NAME,
    TeamsImportError,
    describe,
    export_csv,
    import_teams,
    may_manage_teams,
    remove_team,
    set_team,
    summary,
)
from content.blocks.teams import team_removed_text, team_set_text, teams_summary_blocks, teams_summary_text
from handlers.admin_cmd import allowed_by, done
from handlers.cadence_cmd import subcommand
from handlers.dm_files import upload_to_dm
from handlers.payload import Request

log = logging.getLogger(__name__)

USAGE = (
    "Use `/cadence teams` (the teams Cadence knows), `/cadence teams set @manager @person …` (or `@manager "
    "@user-group`), `/cadence teams remove @manager` or `/cadence teams export`."
)
EXPORT_COMMENT = (
    "The teams in force, one row per member. Edit the file and drop it back here to replace every team, or change "
    "one team with `/cadence teams set`."
)


@subcommand("teams")
@allowed_by(may_manage_teams)
def on_teams(*, ack: Ack, rest: str, command: dict[str, Any], runtime: Runtime, **_: Any) -> None:
    word, *tokens = plain_ids(rest).split() or [""]
    user = Request(command).user_id
    if not word:
        known = summary(runtime)
        ack(text=teams_summary_text(known), blocks=teams_summary_blocks(known))
    elif word.lower() == "set":
        with _refused_as_unchanged(user):
            members = set_team(runtime, _manager(tokens, "set"), tokens[1:], actor=user)
        done(ack, team_set_text(tokens[0], members))
    elif word.lower() == "remove" and len(tokens) == 1:
        with _refused_as_unchanged(user):
            had = remove_team(runtime, _manager(tokens, "remove"), actor=user)
        done(ack, team_removed_text(tokens[0], had))
    elif word.lower() == "export" and not tokens:
        upload_to_dm(
            runtime.client,
            user,
            content=export_csv(runtime),
            filename=CSV_NAME,
            title="Cadence teams",
            comment=EXPORT_COMMENT,
            again="/cadence teams export",
        )
        done(ack, "The teams are in your messages with Cadence, as a CSV file.")
    else:
        raise AdminRefusal(USAGE)


def _manager(tokens: list[str], word: str) -> str:
    """The person a change names first; a user group or a word there is refused."""
    if not tokens or not is_user_id(tokens[0]):
        raise AdminRefusal(f"Mention the manager first, as a person: `/cadence teams {word} @manager …`.")
    return tokens[0]


@contextmanager
def _refused_as_unchanged(actor: str) -> Iterator[None]:
    """A change of teams refused is shown privately, saying nothing changed."""
    try:
        yield
    except TeamsImportError as refusal:
        log.info("teams change refused: user=%s", actor)
        raise AdminRefusal(f"Nothing changed. {refusal}") from None


def import_dropped_teams(runtime: Runtime, user: str, filename: str, blob: bytes) -> str:
    """A teams file an admin dropped: imported whole, or refused naming the row at fault."""
    try:
        imported = import_teams(runtime, blob, actor=user, source=filename)
    except TeamsImportError as refusal:
        log.info("teams import refused: user=%s", user)
        return f":warning: Nothing was imported. {refusal}"
    return f":white_check_mark: Teams imported: {describe(imported)}. Key messages can now go through managers."
