"""`/cadence teams set` and `remove` next to other changes: a change another admin stores while Slack is being asked
about the people is kept and checked with this one, never overwritten; and someone deactivated in another team
does not block a change that does not name them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from bot.platform.runtime import Runtime
from bot.teams import lines, remove_team, set_team
from emulator import SlackEmulator, Workspace
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, DAN, ERIN, LEADER
from tests.e2e.team_support import FAY, GUS, HAL, TEAMS, TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.e2e.test_teams_command import audited, teams_command
from tests.support.bot import BotUnderTest

OTHER_ADMIN = "U0ADMIN2"


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_teams()


@pytest.fixture
def teams(bot: BotUnderTest, slack: SlackEmulator) -> dict[str, list[str]]:
    assert "Teams imported" in upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    return TEAMS


def meanwhile(monkeypatch: pytest.MonkeyPatch, runtime: Runtime, change: Callable[[], Any]) -> list[Any]:
    """Run `change` (another admin's) once, while the next change of teams asks the directory who is reachable:
    between the moment a change is asked for and the moment it is stored. Returns what `change` returned."""
    real = runtime.directory.audience
    done: list[Any] = []

    def audience(sources: Iterable[str]) -> list[str]:
        if not done:
            done.append(None)
            done[0] = change()
        return real(sources)

    monkeypatch.setattr(runtime.directory, "audience", audience)
    return done


def test_a_team_set_meanwhile_by_another_admin_is_kept(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch, teams: dict[str, list[str]]
) -> None:
    other = meanwhile(monkeypatch, bot.runtime, lambda: set_team(bot.runtime, CAROL, [HAL, LEADER], actor=OTHER_ADMIN))

    said = teams_command(bot, f"set <@{ALICE}> <@{DAN}>")

    assert other == [[HAL, LEADER]]  # the other change was stored first, during this one's lookups
    assert "<@U0ALICE>'s team is now 1: <@U0DAN>." in said
    assert lines(bot.runtime) == {ALICE: [DAN], BOB: [ERIN, GUS], CAROL: [HAL, LEADER]}
    assert [e.detail["members"] for e in audited(bot, "teams.set")] == [6, 5]  # each counted on what it stored


def test_a_change_that_clashes_with_one_stored_meanwhile_is_refused_and_the_other_kept(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch, teams: dict[str, list[str]]
) -> None:
    meanwhile(monkeypatch, bot.runtime, lambda: set_team(bot.runtime, BOB, [ERIN, GUS, LEADER], actor=OTHER_ADMIN))

    said = teams_command(bot, f"set <@{ALICE}> <@{DAN}> <@{LEADER}>")

    assert "Nothing changed. <@U0LEADER> is already in <@U0BOB>'s team, and a member has one manager" in said
    assert lines(bot.runtime) == {ALICE: [DAN, FAY], BOB: [ERIN, GUS, LEADER], CAROL: [HAL]}
    assert [e.actor for e in audited(bot, "teams.set")] == [OTHER_ADMIN]


def test_a_team_removed_meanwhile_is_not_brought_back(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch, teams: dict[str, list[str]]
) -> None:
    meanwhile(monkeypatch, bot.runtime, lambda: remove_team(bot.runtime, CAROL, actor=OTHER_ADMIN))

    teams_command(bot, f"set <@{ALICE}> <@{DAN}> <@{FAY}> <@{LEADER}>")

    assert lines(bot.runtime) == {ALICE: [DAN, FAY, LEADER], BOB: [ERIN, GUS]}


def deactivate(bot: BotUnderTest, slack: SlackEmulator, user_id: str) -> None:
    slack.workspace.users[user_id].deleted = True
    bot.event({"type": "user_change", "user": {"id": user_id, "name": "hal", "real_name": "Hal", "deleted": True}})


def test_someone_deactivated_in_another_team_does_not_block_a_change(
    bot: BotUnderTest, slack: SlackEmulator, teams: dict[str, list[str]]
) -> None:
    deactivate(bot, slack, HAL)  # in Carol's team

    set_said = teams_command(bot, f"set <@{ALICE}> <@{DAN}>")
    removed_said = teams_command(bot, f"remove <@{BOB}>")

    assert "<@U0ALICE>'s team is now 1: <@U0DAN>." in set_said and "Nothing changed" not in removed_said
    assert lines(bot.runtime) == {ALICE: [DAN], CAROL: [HAL]}


def test_a_change_naming_someone_deactivated_is_still_refused(
    bot: BotUnderTest, slack: SlackEmulator, teams: dict[str, list[str]]
) -> None:
    deactivate(bot, slack, HAL)

    said = teams_command(bot, f"set <@{CAROL}> <@{HAL}> <@{LEADER}>")

    assert "Nothing changed. <@U0HAL>, in <@U0CAROL>'s team, is not a person in this workspace" in said
    assert lines(bot.runtime) == TEAMS
