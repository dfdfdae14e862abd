"""Teams: imported whole from a `manager,member` file (checked by `bot.teams.roster`) and stored in one unit of
work with an audit entry, or refused with the row at fault and nothing changed; exported the same way."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass

from bot.platform import spreadsheet
from bot.platform.directory import DirectoryError
from bot.platform.runtime import Runtime
from bot.teams import roster
from storage import admin
from storage import teams as store

log = logging.getLogger(__name__)

IMPORT_ACTION = "teams.imported"
CSV_NAME = "cadence-teams.csv"


@dataclass(frozen=True)
class Imported:
    managers: int
    members: int


def import_teams(runtime: Runtime, blob: bytes, *, actor: str, source: str) -> Imported:
    """Make the file's rows the teams. Raises TeamsImportError, changing nothing, when any row fails."""
    rows = roster.parse(blob)
    people = sorted({row.manager for row in rows} | {row.member for row in rows})
    try:
        reachable = set(runtime.directory.audience(people))
    except DirectoryError as exc:
        raise roster.TeamsImportError(
            f"Slack could not confirm who is who just now ({exc.error}). Send the file again in a minute."
        ) from None
    roster.check_known(rows, reachable)
    now = runtime.clock.now()
    imported = Imported(managers=len({row.manager for row in rows}), members=len(rows))
    with runtime.session() as session:
        store.replace_teams(session, ((row.manager, row.member) for row in rows), now=now)
        detail = {"source": source[:120], "managers": imported.managers, "members": imported.members}
        admin.record(session, actor=actor, action=IMPORT_ACTION, detail=detail, now=now)
    log.info("teams imported by %s: %d managers, %d members", actor, imported.managers, imported.members)
    return imported


def export_csv(runtime: Runtime) -> str:
    """The teams in force as the file an import takes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(roster.HEADER)
    for manager, members in lines(runtime).items():
        writer.writerows(spreadsheet.row((manager, member)) for member in members)
    return buffer.getvalue()


def lines(runtime: Runtime) -> dict[str, list[str]]:
    """Each manager's members."""
    with runtime.session() as session:
        return store.teams(session)


def describe(imported: Imported) -> str:
    return f"{imported.managers} managers and {imported.members} members"
