"""conversations.*: the bot's DMs, channel details, paginated members and history."""

from __future__ import annotations

from slack_sdk import WebClient

from emulator import SlackEmulator
from tests.unit.emulator.expect import ALICE, BOB, BOT, CAROL, GENERAL, GONE, OUTSIDE, PRIVATE, SECRET, slack_error


def test_open_returns_the_stable_dm_of_the_user(client: WebClient, emu: SlackEmulator) -> None:
    first = client.conversations_open(users=ALICE)
    second = client.conversations_open(users=[ALICE])

    assert first["channel"]["id"] == second["channel"]["id"] == emu.dm_channel_id(ALICE)
    assert "already_open" not in first.data
    assert second["already_open"] is True


def test_open_refuses_unknown_and_deactivated_users(client: WebClient) -> None:
    assert slack_error(client.conversations_open, users="U404") == "user_not_found"
    assert slack_error(client.conversations_open, users=GONE) == "user_disabled"
    assert slack_error(client.api_call, api_method="conversations.open", params={}) == "users_list_not_supplied"


def test_info_describes_channels_and_dms(client: WebClient, emu: SlackEmulator) -> None:
    channel = client.conversations_info(channel=GENERAL, include_num_members=True)["channel"]
    dm = client.conversations_info(channel=emu.dm_channel_id(ALICE))["channel"]

    assert (channel["name"], channel["is_member"], channel["num_members"]) == ("general", True, 4)
    assert (dm["is_im"], dm["user"]) == (True, ALICE)
    assert slack_error(client.conversations_info, channel="C404") == "channel_not_found"


def test_members_include_the_bot_when_it_is_in_the_channel(client: WebClient) -> None:
    assert client.conversations_members(channel=GENERAL)["members"] == [ALICE, BOB, CAROL, BOT]
    assert client.conversations_members(channel=OUTSIDE)["members"] == [ALICE]


def test_members_paginate_with_cursor_like_slack(client: WebClient) -> None:
    pages, cursor = [], None
    while True:
        reply = client.conversations_members(channel=GENERAL, limit=3, cursor=cursor)
        pages.append(reply["members"])
        cursor = reply["response_metadata"]["next_cursor"]
        if not cursor:
            break

    assert pages == [[ALICE, BOB, CAROL], [BOT]]


def test_members_refuse_unknown_hidden_channels_and_bad_cursors(client: WebClient) -> None:
    assert slack_error(client.conversations_members, channel="C404") == "channel_not_found"
    assert slack_error(client.conversations_members, channel=SECRET) == "channel_not_found"
    assert slack_error(client.conversations_members, channel=GENERAL, cursor="bm90LWEtY3Vyc29y") == "invalid_cursor"
    assert client.conversations_members(channel=PRIVATE)["members"] == [BOB, BOT]


def test_history_is_newest_first_and_paginated(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel=GENERAL, text=f"m{i}")["ts"] for i in range(5)]

    first = client.conversations_history(channel=GENERAL, limit=2)
    rest = client.conversations_history(channel=GENERAL, limit=10, cursor=first["response_metadata"]["next_cursor"])

    assert [m["text"] for m in first["messages"]] == ["m4", "m3"]
    assert first["has_more"] is True
    assert [m["ts"] for m in rest["messages"]] == stamps[2::-1]
    assert rest["has_more"] is False


def test_history_honours_oldest_latest_and_inclusive(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel=GENERAL, text=f"m{i}")["ts"] for i in range(4)]

    between = client.conversations_history(channel=GENERAL, oldest=stamps[0], latest=stamps[3])
    inclusive = client.conversations_history(channel=GENERAL, oldest=stamps[1], inclusive=True)

    assert [m["text"] for m in between["messages"]] == ["m2", "m1"]
    assert [m["text"] for m in inclusive["messages"]] == ["m3", "m2", "m1"]


def test_history_shows_metadata_only_when_asked(client: WebClient) -> None:
    metadata = {"event_type": "pulse", "event_payload": {"round": 3}}
    client.chat_postMessage(channel=GENERAL, text="pulse", metadata=metadata)

    plain = client.conversations_history(channel=GENERAL)["messages"][0]
    full = client.conversations_history(channel=GENERAL, include_all_metadata=True)["messages"][0]

    assert "metadata" not in plain
    assert full["metadata"] == metadata


def test_history_leaves_thread_replies_in_their_thread(client: WebClient, emu: SlackEmulator) -> None:
    parent = client.chat_postMessage(channel=GENERAL, text="parent")["ts"]
    client.chat_postMessage(channel=GENERAL, text="reply", thread_ts=parent)

    history = client.conversations_history(channel=GENERAL)["messages"]

    assert [m["text"] for m in history] == ["parent"]
    assert [m.text for m in emu.messages(GENERAL)] == ["parent", "reply"]


def test_history_needs_the_bot_in_the_channel(client: WebClient) -> None:
    assert slack_error(client.conversations_history, channel=OUTSIDE) == "not_in_channel"
    assert slack_error(client.conversations_history, channel="C404") == "channel_not_found"
