"""Teams: imported whole from a `manager,member` file, or changed one team at a time in Slack; either way the whole
set that would result is checked (`bot.teams.roster`) and stored in one unit of work with an audit entry, or refused
naming the person at fault with nothing changed. Exported as the file an import takes."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.platform.directory import DirectoryError, UnknownUsergroup
from bot.platform.mentions import is_user_id
from bot.platform.runtime import Runtime
from bot.teams import roster
from bot.teams.roster import Row, TeamsImportError
from storage import admin
from storage import teams as store

log = logging.getLogger(__name__)

IMPORT_ACTION = "teams.imported"
SET_ACTION = "teams.set"
REMOVE_ACTION = "teams.removed"
CSV_NAME = "cadence-teams.csv"


@dataclass(frozen=True)
class Imported:
    managers: int
    members: int


def import_teams(runtime: Runtime, blob: bytes, *, actor: str, source: str) -> Imported:
    """Make the file's rows the teams. Raises TeamsImportError, changing nothing, when any row fails."""
    rows = roster.read(blob)
    _store_checked(runtime, rows, actor=actor, action=IMPORT_ACTION, detail={"source": source[:120]})
    imported = Imported(managers=len({row.manager for row in rows}), members=len(rows))
    log.info("teams imported by %s: %d managers, %d members", actor, imported.managers, imported.members)
    return imported


def set_team(runtime: Runtime, manager: str, named: Sequence[str], *, actor: str) -> list[str]:
    """Make the people `named` (user ids, and user groups by id or @handle, each group standing for its members
    but the manager) `manager`'s members, every other team unchanged; returns the members. Raises
    TeamsImportError, changing nothing, when the teams that would result break a rule."""
    members = _members(runtime, manager, named)
    if not members:
        raise TeamsImportError(
            f"Name <@{manager}>'s members after them: people, or a user group with members. To remove the team, "
            f"use `/cadence teams remove <@{manager}>`."
        )
    rows = _others(runtime, manager) + [Row(0, manager, member) for member in members]
    _store_checked(runtime, rows, actor=actor, action=SET_ACTION, detail={"manager": manager, "team": members})
    log.info("team of %s set by %s: %d members", manager, actor, len(members))
    return members


def remove_team(runtime: Runtime, manager: str, *, actor: str) -> int:
    """Remove `manager`'s team, every other team unchanged; returns how many members it had."""
    rows = _others(runtime, manager)
    had = len(lines(runtime).get(manager, []))
    if not had:
        raise TeamsImportError(f"<@{manager}> manages no team in Cadence: `/cadence teams` shows the largest ones.")
    _store_checked(runtime, rows, actor=actor, action=REMOVE_ACTION, detail={"manager": manager, "team": had})
    log.info("team of %s removed by %s", manager, actor)
    return had


def export_csv(runtime: Runtime) -> str:
    """The teams in force as the file an import takes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(roster.HEADER)
    for manager, members in lines(runtime).items():
        writer.writerows((manager, member) for member in members)
    return buffer.getvalue()


def lines(runtime: Runtime) -> dict[str, list[str]]:
    """Each manager's members."""
    with runtime.session() as session:
        return store.teams(session)


def describe(imported: Imported) -> str:
    return f"{imported.managers} managers and {imported.members} members"


def _store_checked(runtime: Runtime, rows: list[Row], *, actor: str, action: str, detail: dict[str, Any]) -> None:
    """The one gate every change of teams passes: the rules, then the directory, then one unit of work that stores
    the rows and audits `action` with the totals after it (`managers`, `members`) and `detail`."""
    roster.check_rules(rows)
    people = sorted({row.manager for row in rows} | {row.member for row in rows})
    try:
        reachable = set(runtime.directory.audience(people))
    except DirectoryError as exc:
        raise TeamsImportError(
            f"Slack could not confirm who is who just now ({exc.error}). Try again in a minute."
        ) from None
    roster.check_known(rows, reachable)
    now = runtime.clock.now()
    counts = {"managers": len({row.manager for row in rows}), "members": len(rows)}
    with runtime.session() as session:
        store.replace_teams(session, ((row.manager, row.member) for row in rows), now=now)
        admin.record(session, actor=actor, action=action, detail={**counts, **detail}, now=now)


def _others(runtime: Runtime, manager: str) -> list[Row]:
    """The teams in force but `manager`'s, as rows."""
    return [Row(0, m, member) for m, team in lines(runtime).items() if m != manager for member in team]


def _members(runtime: Runtime, manager: str, named: Sequence[str]) -> list[str]:
    """The people `named` stands for, each once, in order: a user id as given, a user group as its members but the
    manager (a group is often a team that includes its manager)."""
    members: dict[str, None] = {}
    for token in named:
        if is_user_id(token):
            members.setdefault(token, None)
            continue
        group = _group(runtime, token)
        members.update(dict.fromkeys(m for m in runtime.directory.usergroup_members(group) if m != manager))
    return list(members)


def _group(runtime: Runtime, token: str) -> str:
    try:
        return runtime.directory.named_usergroup(token)
    except UnknownUsergroup as refusal:
        raise TeamsImportError(f"{refusal} Mention people as @name.") from None
