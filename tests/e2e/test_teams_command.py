"""`/cadence teams` in Slack: an admin reads a summary of the teams, sets or removes one team with mentions or a user
group, and exports the teams as the CSV file an import takes. Each change is checked whole by the rules a file
passes; a refusal names the person at fault and nothing changes."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.teams import lines
from emulator import SlackEmulator, Workspace
from emulator.faults import Fault
from emulator.records import UploadedFile
from storage.models import AuditEntry
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, GONE, LEADER, OTHER_BOT, SUPPORT_GROUP
from tests.e2e.keymessage_support import schedule
from tests.e2e.team_support import FAY, HAL, MANAGERS_GROUP, TEAMS, TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.support.blockkit import assert_valid_blocks
from tests.support.bot import BotUnderTest

EMPTY_GROUP = "S0EMPTY"


@pytest.fixture
def workspace() -> Workspace:
    ws = workspace_with_teams()
    ws.add_usergroup(EMPTY_GROUP, handle="nobody", users=[])
    return ws


@pytest.fixture
def teams(bot: BotUnderTest, slack: SlackEmulator) -> dict[str, list[str]]:
    """The teams of `team_support`, dropped as a file by the admin."""
    assert "Teams imported" in upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    return TEAMS


def teams_command(bot: BotUnderTest, text: str, user: str = ADMIN) -> str:
    reply = bot.command(user, "/cadence", f"teams {text}".strip())
    assert reply.status == 200
    assert_valid_blocks(reply.json["blocks"])
    return reply.text


def exports(slack: SlackEmulator) -> list[UploadedFile]:
    """The files Cadence uploaded (the admin's own drop aside)."""
    return [f for f in slack.uploaded_files if f.filename == "cadence-teams.csv"]


def audited(bot: BotUnderTest, action: str) -> list[AuditEntry]:
    with bot.runtime.session() as session:
        return list(session.exec(select(AuditEntry).where(col(AuditEntry.action) == action)).all())


def test_with_no_teams_the_summary_says_how_to_start(bot: BotUnderTest) -> None:
    said = teams_command(bot, "")

    assert "Cadence knows no teams yet." in said
    assert "/cadence teams set @manager @person" in said and "manager,member" in said


def test_the_summary_counts_the_teams_names_the_largest_and_who_in_an_audience_has_no_team(
    bot: BotUnderTest, slack: SlackEmulator, teams: dict[str, list[str]]
) -> None:
    schedule(bot, slack)  # a DM to #team-a: Alice, Bob, Carol, Dan, Erin (all in teams) and Cara (in none)
    schedule(bot, slack, channels=["C0CHAMPS"], mode="channel")  # a channel post: nobody in it counts

    said = teams_command(bot, "")

    assert "Cadence knows 3 managers and 5 members." in said
    assert "<@U0ALICE>: 2 members\\n<@U0BOB>: 2 members\\n<@U0CAROL>: 1 member" in said
    assert "*1 person is* in an active key message's audience" in said and CHAMPION not in said
    assert "/cadence teams remove @manager" in said and "/cadence teams export" in said


def test_an_admin_sets_a_managers_team_by_mention_and_every_other_team_stays(
    bot: BotUnderTest, teams: dict[str, list[str]]
) -> None:
    said = teams_command(bot, f"set <@{ALICE}|alice> <@{DAN}|dan> <@{CAROL}|carol> <@{DAN}>")

    assert "<@U0ALICE>'s team is now 2: <@U0DAN>, <@U0CAROL>." in said
    assert lines(bot.runtime) == {**TEAMS, ALICE: [DAN, CAROL]}  # Fay has no manager now; Carol keeps Hal
    [entry] = audited(bot, "teams.set")
    assert entry.actor == ADMIN and entry.detail == {
        "managers": 3,
        "members": 5,
        "manager": ALICE,
        "team": [DAN, CAROL],
    }


@pytest.mark.parametrize(
    "group", [f"<!subteam^{MANAGERS_GROUP}|@managers>", "@managers", MANAGERS_GROUP], ids=["mention", "handle", "id"]
)
def test_an_admin_sets_a_team_to_a_user_groups_members(
    bot: BotUnderTest, teams: dict[str, list[str]], group: str
) -> None:
    said = teams_command(bot, f"set <@{ADMIN}> {group}")

    assert "<@U0ADMIN>'s team is now 3: <@U0ALICE>, <@U0BOB>, <@U0CAROL>." in said
    assert lines(bot.runtime) == {ADMIN: [ALICE, BOB, CAROL], **TEAMS}


def test_a_user_group_that_includes_the_manager_gives_its_other_members(
    bot: BotUnderTest, teams: dict[str, list[str]]
) -> None:
    teams_command(bot, f"set <@{ALICE}> <!subteam^{SUPPORT_GROUP}|@support> <@{FAY}>")

    assert lines(bot.runtime)[ALICE] == [BOB, CAROL, FAY]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (f"set <@{DAN}> <@{ALICE}>", "<@U0DAN> manages <@U0ALICE>, who is above <@U0DAN> in the same line (a cycle)"),
        (f"set <@{ALICE}> <@{DAN}> <@{ALICE}>", "<@U0ALICE> is their own member; leave them out of their team."),
        (f"set <@{ALICE}> <@{OTHER_BOT}>", "<@U0OTHERBOT>, in <@U0ALICE>'s team, is not a person in this workspace"),
        (f"set <@{ALICE}> <@{GONE}>", "<@U0GONE>, in <@U0ALICE>'s team, is not a person in this workspace"),
        (f"set <@{ALICE}> <@{ERIN}>", "<@U0ERIN> is already in <@U0BOB>'s team, and a member has one manager"),
        (f"set <@{ALICE}> @nosuchgroup", "I can't find the user group @nosuchgroup"),
        (f"set <@{ALICE}> <!subteam^S0NOPE|@nope>", "I can't find the user group S0NOPE"),
        (f"set <@{ALICE}>", "Name <@U0ALICE>'s members after them"),
        (f"set <@{ALICE}> <!subteam^{EMPTY_GROUP}|@nobody>", "Name <@U0ALICE>'s members after them"),
        (f"set <!subteam^{MANAGERS_GROUP}|@managers> <@{DAN}>", "Mention the manager first, as a person"),
        ("set", "Mention the manager first, as a person"),
        (f"remove <@{DAN}>", "<@U0DAN> manages no team in Cadence"),
        ("reorganise everyone", "Use `/cadence teams`"),
    ],
    ids=[
        "loop",
        "self-member",
        "bot",
        "deactivated",
        "second-manager",
        "unknown-handle",
        "unknown-group-id",
        "empty",
        "empty-group",
        "group-as-manager",
        "no-manager",
        "remove-no-team",
        "unknown-word",
    ],
)
def test_a_change_that_breaks_a_rule_is_refused_naming_it_and_nothing_changes(
    bot: BotUnderTest, teams: dict[str, list[str]], text: str, said: str
) -> None:
    answer = teams_command(bot, text)

    assert said in answer, answer
    assert answer.startswith(":warning:") or ":warning:" in answer
    assert lines(bot.runtime) == TEAMS
    assert not audited(bot, "teams.set") and not audited(bot, "teams.removed")


def test_an_admin_removes_a_team_and_its_members_have_no_manager(
    bot: BotUnderTest, teams: dict[str, list[str]]
) -> None:
    said = teams_command(bot, f"remove <@{BOB}|bob>")

    assert "<@U0BOB>'s team (2 members) is removed." in said
    assert lines(bot.runtime) == {ALICE: TEAMS[ALICE], CAROL: TEAMS[CAROL]}
    [entry] = audited(bot, "teams.removed")
    assert entry.actor == ADMIN and entry.detail == {"managers": 2, "members": 3, "manager": BOB, "team": 2}


def test_the_export_reaches_the_admins_dm_and_dropped_back_restores_the_teams_it_held(
    bot: BotUnderTest, slack: SlackEmulator, teams: dict[str, list[str]]
) -> None:
    teams_command(bot, f"set <@{CAROL}> <@{HAL}> <@{FAY}>")  # so the file holds a change made in Slack
    exported = lines(bot.runtime)

    said = teams_command(bot, "export")

    assert "The teams are in your messages with Cadence, as a CSV file." in said
    [file] = exports(slack)
    assert file.channel_id == slack.dm_channel_id(ADMIN) and file.filename == "cadence-teams.csv"
    assert file.content.decode().splitlines()[0] == "manager,member"
    teams_command(bot, f"remove <@{ALICE}>")
    assert lines(bot.runtime) != exported

    answer = upload(bot, slack, ADMIN, file.filename, file.content)

    assert "Teams imported: 3 managers and 5 members" in answer
    assert lines(bot.runtime) == exported


def test_an_export_slack_does_not_take_is_refused_saying_to_try_again(
    bot: BotUnderTest, slack: SlackEmulator, teams: dict[str, list[str]]
) -> None:
    slack.faults.add(Fault.error("files.getUploadURLExternal", "invalid_auth"))

    said = teams_command(bot, "export")

    assert ":warning: Slack didn't take the file (invalid_auth). Try `/cadence teams export` again." in said
    assert not exports(slack)


@pytest.mark.parametrize("text", ["", f"set <@{ALICE}> <@{FAY}>", f"remove <@{ALICE}>", "export"])
def test_only_admins_read_or_change_the_teams_and_the_refusal_names_who_may(
    bot: BotUnderTest, slack: SlackEmulator, teams: dict[str, list[str]], text: str
) -> None:
    for user in (LEADER, ALICE):
        answer = teams_command(bot, text, user=user)

        assert "Only programme admins can see or change Cadence's teams. Ask <@U0ADMIN>" in answer, answer
    assert lines(bot.runtime) == TEAMS
    assert not exports(slack)


def test_help_lists_the_teams_commands_for_admins_only(bot: BotUnderTest) -> None:
    admin, employee = bot.command(ADMIN, "/cadence", "help"), bot.command(ALICE, "/cadence", "help")

    assert_valid_blocks(admin.json["blocks"])
    assert "`/cadence teams set @manager @who…|@group`" in admin.text and "`/cadence teams export`" in admin.text
    assert "/cadence teams" not in employee.text
