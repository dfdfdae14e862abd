"""Teams: imported whole from a `manager,member` file, or changed one team at a time in Slack; either way the whole
set that would result is checked (`bot.teams.roster`) and stored in one unit of work with an audit entry, or refused
naming the person at fault with nothing changed. A one-team change is applied to the teams as they are when it is
stored, under the teams' lock, so two admins at once never overwrite each other. Exported as the file an import
takes."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.platform import spreadsheet
from bot.platform.directory import DirectoryError, UnknownUsergroup
from bot.platform.mentions import is_user_id
from bot.platform.runtime import Runtime
from bot.teams import roster
from bot.teams.roster import Row, TeamsImportError
from storage import admin
from storage import teams as store

log = logging.getLogger(__name__)

Teams = dict[str, list[str]]
"""Each manager's members."""

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
    detail = {"source": source[:120]}
    _store_checked(runtime, lambda _: rows, rows, actor=actor, action=IMPORT_ACTION, detail=detail)
    imported = Imported(managers=len({row.manager for row in rows}), members=len(rows))
    log.info("teams imported by %s: %d managers, %d members", actor, imported.managers, imported.members)
    return imported


def set_team(runtime: Runtime, manager: str, named: Sequence[str], *, actor: str) -> list[str]:
    """Make the people `named` (user ids, and user groups by id or @handle, each group standing for its members
    but the manager) `manager`'s members, every other team as it is when the change is stored; returns the
    members. Raises TeamsImportError, changing nothing, when the teams that would result break a rule."""
    members = _members(runtime, manager, named)
    if not members:
        raise TeamsImportError(
            f"Name <@{manager}>'s members after them: people, or a user group with members. To remove the team, "
            f"use `/cadence teams remove <@{manager}>`."
        )
    team = [Row(0, manager, member) for member in members]
    detail = {"manager": manager, "team": members}
    _store_checked(
        runtime, lambda teams: _others(teams, manager) + team, team, actor=actor, action=SET_ACTION, detail=detail
    )
    log.info("team of %s set by %s: %d members", manager, actor, len(members))
    return members


def remove_team(runtime: Runtime, manager: str, *, actor: str) -> int:
    """Remove `manager`'s team, every other team unchanged; returns how many members it had."""
    detail: dict[str, Any] = {"manager": manager}

    def without(teams: Teams) -> list[Row]:
        detail["team"] = len(teams.get(manager, []))  # how many it had, audited
        if not detail["team"]:
            raise TeamsImportError(f"<@{manager}> manages no team in Cadence: `/cadence teams` shows the largest ones.")
        return _others(teams, manager)

    _store_checked(runtime, without, [], actor=actor, action=REMOVE_ACTION, detail=detail)
    log.info("team of %s removed by %s", manager, actor)
    return int(detail["team"])


def export_csv(runtime: Runtime) -> str:
    """The teams in force as the file an import takes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(roster.HEADER)
    for manager, members in lines(runtime).items():
        writer.writerows(spreadsheet.row((manager, member)) for member in members)
    return buffer.getvalue()


def lines(runtime: Runtime) -> Teams:
    """Each manager's members."""
    with runtime.session() as session:
        return store.teams(session)


def describe(imported: Imported) -> str:
    return f"{imported.managers} managers and {imported.members} members"


def _confirm_people(runtime: Runtime, rows: list[Row]) -> None:
    """Refuse the first of `rows` naming someone who is not a person Cadence can reach. Only the rows a change
    names are asked about, so someone deactivated in another team does not block it."""
    if not rows:
        return
    people = sorted({row.manager for row in rows} | {row.member for row in rows})
    try:
        reachable = set(runtime.directory.audience(people))
    except DirectoryError as exc:
        raise TeamsImportError(
            f"Slack could not confirm who is who just now ({exc.error}). Try again in a minute."
        ) from None
    roster.check_known(rows, reachable)


def _store_checked(
    runtime: Runtime,
    change: Callable[[Teams], list[Row]],
    named: list[Row],
    *,
    actor: str,
    action: str,
    detail: dict[str, Any],
) -> None:
    """The one gate every change of teams passes. `change` makes the whole set of rows from the teams in force;
    the rules are checked on it at once (asking Slack nothing), then the directory on the rows the change `named`,
    then, in one unit of work holding the teams' lock, `change` is applied again to the teams as they are by then,
    the rules checked again, the rows stored and `action` audited with the totals after it (`managers`,
    `members`) and `detail`. So a change another admin stored during the Slack lookups is kept, and checked with
    this one, rather than overwritten."""
    roster.check_rules(change(lines(runtime)))
    _confirm_people(runtime, named)
    now = runtime.clock.now()
    with runtime.session() as session:
        store.lock_teams(session)
        rows = change(store.teams(session))
        roster.check_rules(rows)
        store.replace_teams(session, ((row.manager, row.member) for row in rows), now=now)
        counts = {"managers": len({row.manager for row in rows}), "members": len(rows)}
        admin.record(session, actor=actor, action=action, detail={**counts, **detail}, now=now)


def _others(teams: Teams, manager: str) -> list[Row]:
    """The teams but `manager`'s, as rows."""
    return [Row(0, m, member) for m, team in teams.items() if m != manager for member in team]


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
