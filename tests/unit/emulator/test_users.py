"""auth.test, users.* and usergroups.users.list, and building a workspace from data."""

from __future__ import annotations

from slack_sdk import WebClient

from emulator import SlackEmulator, Workspace
from tests.unit.emulator.expect import ALICE, BOB, BOT, GONE, SUPPORT, slack_error


def test_auth_test_names_the_bot_and_team(client: WebClient) -> None:
    reply = client.auth_test()

    assert (reply["user_id"], reply["team_id"], reply["bot_id"]) == (BOT, "T0CADENCE", "B0CADENCE")
    assert reply["url"] == "https://acme.slack.com/"


def test_users_info_describes_the_user(client: WebClient) -> None:
    user = client.users_info(user=BOB)["user"]

    assert (user["name"], user["real_name"], user["tz"]) == ("bob", "Bob Baker", "America/New_York")
    assert (user["is_admin"], user["is_bot"], user["deleted"]) == (True, False, False)
    assert user["tz_offset"] in (-5 * 3600, -4 * 3600)
    assert client.users_info(user=GONE)["user"]["deleted"] is True
    assert client.users_info(user=BOT)["user"]["is_bot"] is True


def test_users_info_of_an_unknown_user_is_user_not_found(client: WebClient) -> None:
    assert slack_error(client.users_info, user="U404") == "user_not_found"


def test_users_list_returns_everyone_or_pages(client: WebClient, workspace: Workspace) -> None:
    everyone = [m["id"] for m in client.users_list()["members"]]
    pages: list[list[str]] = []
    cursor = ""
    while not pages or cursor:
        reply = client.users_list(limit=2, cursor=cursor or None)
        pages.append([m["id"] for m in reply["members"]])
        cursor = reply["response_metadata"]["next_cursor"]

    assert everyone == list(workspace.users)
    assert [user for page in pages for user in page] == everyone
    assert [len(page) for page in pages] == [2, 2, 1]


def test_usergroup_members(client: WebClient) -> None:
    assert client.usergroups_users_list(usergroup=SUPPORT)["users"] == [ALICE, BOB]
    assert slack_error(client.usergroups_users_list, usergroup="S404") == "no_such_subteam"


def test_usergroups_are_listed_with_their_handles_and_users_only_when_asked(client: WebClient) -> None:
    [group] = [g for g in client.usergroups_list()["usergroups"] if g["id"] == SUPPORT]
    assert group["handle"] == "support" and group["user_count"] == 2 and "users" not in group

    [group] = [g for g in client.usergroups_list(include_users=True)["usergroups"] if g["id"] == SUPPORT]
    assert group["users"] == [ALICE, BOB]


def test_workspace_round_trips_through_a_dict(workspace: Workspace) -> None:
    rebuilt = Workspace.from_dict(workspace.to_dict())

    assert rebuilt.to_dict() == workspace.to_dict()
    assert rebuilt.users[ALICE].tz == "Europe/London"
    assert rebuilt.users[BOT].is_bot is True


def test_workspace_added_after_start_is_served(client: WebClient, emu: SlackEmulator) -> None:
    emu.workspace.add_user("U777", name="late", real_name="Late Comer")

    assert client.users_info(user="U777")["user"]["name"] == "late"
