"""What `/cadence teams` tells an admin: how many managers and members Cadence knows, who in the key messages'
audiences is in no team, and the largest teams."""

from __future__ import annotations

import logging

from bot.platform.directory import DirectoryError
from bot.platform.runtime import Runtime
from bot.teams.service import lines
from bot.teams.views import TeamSize, TeamsSummary
from storage import keymessages
from storage.models import ScheduleState

log = logging.getLogger(__name__)

LARGEST = 5
PEOPLE_MODES = ("dm", "cascade")
"""The key-message delivery modes (`KeySchedule.mode`) that reach people one by one, where a manager matters; a
channel post reaches a channel."""


def summary(runtime: Runtime) -> TeamsSummary:
    teams = lines(runtime)
    largest = sorted(teams.items(), key=lambda team: (-len(team[1]), team[0]))[:LARGEST]
    return TeamsSummary(
        managers=len(teams),
        members=sum(len(team) for team in teams.values()),
        unmanaged=_unmanaged(runtime, teams),
        largest=tuple(TeamSize(manager, len(members)) for manager, members in largest),
    )


def _unmanaged(runtime: Runtime, teams: dict[str, list[str]]) -> int | None:
    with runtime.session() as session:
        active = keymessages.schedules_in_state(session, ScheduleState.ACTIVE)
        sources = sorted({s for schedule in active if schedule.mode in PEOPLE_MODES for s in schedule.audience})
    in_teams = set(teams) | {member for team in teams.values() for member in team}
    try:
        return sum(1 for person in runtime.directory.audience(sources) if person not in in_teams)
    except DirectoryError as exc:
        log.warning("audiences not read for the teams summary: %s", exc.error)
        return None
