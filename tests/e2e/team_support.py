"""A small organisation with three managers and their teams, for the teams and cascade end-to-end tests."""

from __future__ import annotations

from emulator import Workspace
from tests.e2e.conftest import ALICE, BOB, CAROL, DAN, ERIN, build_workspace

FAY, GUS, HAL = "U0FAY", "U0GUS", "U0HAL"
MANAGERS_GROUP = "S0MANAGERS"
TEAMS = {ALICE: [DAN, FAY], BOB: [ERIN, GUS], CAROL: [HAL]}
TEAMS_CSV = ("manager,member\n" + "".join(f"{m},{p}\n" for m, team in TEAMS.items() for p in team)).encode()


def workspace_with_teams() -> Workspace:
    ws = build_workspace()
    for user_id, name in ((FAY, "fay"), (GUS, "gus"), (HAL, "hal")):
        ws.add_user(user_id, name=name, real_name=name.title(), tz="Europe/London")
    ws.add_usergroup(MANAGERS_GROUP, handle="managers", users=list(TEAMS))
    return ws
