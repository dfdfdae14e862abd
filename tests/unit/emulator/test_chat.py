"""chat.* and reactions.add behave, and refuse, as Slack does."""

from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient

from emulator import SlackEmulator
from tests.unit.emulator.expect import ALICE, BOB, BOT, GENERAL, GONE, OUTSIDE, section, slack_error


def button(text: str, action_id: str = "go") -> dict:
    return {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": action_id}


def test_post_message_answers_channel_ts_and_message(client: WebClient, emu: SlackEmulator) -> None:
    reply = client.chat_postMessage(channel=GENERAL, text="hello", blocks=[section("*hello*")])

    assert reply["channel"] == GENERAL
    assert reply["message"]["text"] == "hello"
    assert reply["message"]["user"] == BOT
    [message] = emu.messages(GENERAL)
    assert (message.ts, message.text, message.blocks) == (reply["ts"], "hello", [section("*hello*")])
    assert message.edited is False


def test_message_ts_values_are_unique_and_increasing(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel=GENERAL, text=str(i))["ts"] for i in range(5)]

    assert len(set(stamps)) == 5
    assert stamps == sorted(stamps, key=float)
    assert all(len(ts.split(".")[1]) == 6 for ts in stamps)


def test_posting_to_a_user_id_lands_in_the_bots_dm(client: WebClient, emu: SlackEmulator) -> None:
    reply = client.chat_postMessage(channel=ALICE, text="psst")

    assert reply["channel"] == emu.dm_channel_id(ALICE)
    assert reply["channel"].startswith("D")
    assert [m.text for m in emu.dms_to(ALICE)] == ["psst"]
    client.chat_postMessage(channel=reply["channel"], text="again")
    assert [m.text for m in emu.dms_to(ALICE)] == ["psst", "again"]


def test_form_encoded_blocks_and_metadata_are_decoded(client: WebClient, emu: SlackEmulator) -> None:
    metadata = {"event_type": "key_message", "event_payload": {"id": 7}}
    client.api_call(
        "chat.postMessage",
        params={"channel": GENERAL, "blocks": json.dumps([section("x")]), "metadata": json.dumps(metadata)},
    )

    [message] = emu.messages(GENERAL)
    assert message.blocks == [section("x")]
    assert message.metadata == metadata
    assert emu.calls_to("chat.postMessage")[0].args["blocks"] == [section("x")]


@pytest.mark.parametrize(
    ("channel", "error"),
    [("C404", "channel_not_found"), ("U404", "channel_not_found"), (OUTSIDE, "not_in_channel")],
)
def test_post_message_refuses_unreachable_channels(client: WebClient, channel: str, error: str) -> None:
    assert slack_error(client.chat_postMessage, channel=channel, text="hi") == error


def test_post_message_without_channel_is_channel_not_found(client: WebClient) -> None:
    assert slack_error(client.api_call, api_method="chat.postMessage", json={"text": "hi"}) == "channel_not_found"


def test_post_message_to_an_archived_channel_is_refused(client: WebClient, emu: SlackEmulator) -> None:
    emu.workspace.channels[GENERAL].is_archived = True

    assert slack_error(client.chat_postMessage, channel=GENERAL, text="hi") == "is_archived"


def test_posting_to_a_deactivated_users_id_succeeds_as_in_slack(client: WebClient, emu: SlackEmulator) -> None:
    client.chat_postMessage(channel=GONE, text="still delivered")

    assert [m.text for m in emu.dms_to(GONE)] == ["still delivered"]


def test_message_needs_text_blocks_or_attachments(client: WebClient) -> None:
    with pytest.warns(UserWarning, match="text"):
        assert slack_error(client.chat_postMessage, channel=GENERAL) == "no_text"


def test_text_over_40000_characters_is_too_long(client: WebClient) -> None:
    client.chat_postMessage(channel=GENERAL, text="x" * 40_000)

    assert slack_error(client.chat_postMessage, channel=GENERAL, text="x" * 40_001) == "msg_too_long"


def test_more_than_50_blocks_are_invalid(client: WebClient) -> None:
    client.chat_postMessage(channel=GENERAL, text="ok", blocks=[section("b")] * 50)

    too_many = [section("b")] * 51
    assert slack_error(client.chat_postMessage, channel=GENERAL, text="t", blocks=too_many) == "invalid_blocks"


@pytest.mark.parametrize(
    "block",
    [
        section("x" * 3001),
        {"type": "actions", "elements": [button("y" * 76)]},
        {"type": "actions", "elements": [button("y", f"a{i}") for i in range(26)]},
        {"type": "no_such_block"},
        {"type": "section"},
    ],
    ids=["long-section", "long-button", "26-actions", "unknown-type", "empty-section"],
)
def test_blocks_block_kit_rejects_are_invalid(client: WebClient, block: dict) -> None:
    assert slack_error(client.chat_postMessage, channel=GENERAL, text="t", blocks=[block]) == "invalid_blocks"


def test_nothing_is_posted_when_validation_fails(client: WebClient, emu: SlackEmulator) -> None:
    slack_error(client.chat_postMessage, channel=GENERAL, text="x" * 40_001)

    assert emu.messages(GENERAL) == []


def test_update_edits_the_message_and_keeps_blocks_not_resent(client: WebClient, emu: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="v1", blocks=[section("v1")])["ts"]

    reply = client.chat_update(channel=GENERAL, ts=ts, text="v2")

    assert reply["ts"] == ts
    [message] = emu.messages(GENERAL)
    assert (message.text, message.blocks, message.edited) == ("v2", [section("v1")], True)
    client.chat_update(channel=GENERAL, ts=ts, text="v3", blocks=[section("v3")])
    assert emu.messages(GENERAL)[0].blocks == [section("v3")]


def test_update_of_an_unknown_message_is_message_not_found(client: WebClient) -> None:
    assert slack_error(client.chat_update, channel=GENERAL, ts="1.000001", text="x") == "message_not_found"


def test_update_checks_blocks_like_post(client: WebClient) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="v1")["ts"]

    long_section = [section("x" * 3001)]
    assert slack_error(client.chat_update, channel=GENERAL, ts=ts, text="v2", blocks=long_section) == "invalid_blocks"


def test_delete_removes_the_message(client: WebClient, emu: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="oops")["ts"]

    client.chat_delete(channel=GENERAL, ts=ts)

    assert emu.messages(GENERAL) == []
    assert slack_error(client.chat_delete, channel=GENERAL, ts=ts) == "message_not_found"


def test_permalink_points_at_the_message(client: WebClient) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="link me")["ts"]

    permalink = client.chat_getPermalink(channel=GENERAL, message_ts=ts)["permalink"]

    assert permalink == f"https://acme.slack.com/archives/{GENERAL}/p{ts.replace('.', '')}"
    assert slack_error(client.chat_getPermalink, channel=GENERAL, message_ts="1.000002") == "message_not_found"


def test_ephemeral_reaches_a_channel_member(client: WebClient, emu: SlackEmulator) -> None:
    reply = client.chat_postEphemeral(channel=GENERAL, user=ALICE, text="only you")

    [ephemeral] = emu.ephemerals(channel=GENERAL, user=ALICE)
    assert (ephemeral.text, ephemeral.ts, ephemeral.source) == (
        "only you",
        reply["message_ts"],
        "chat.postEphemeral",
    )
    assert emu.messages(GENERAL) == []


def test_ephemeral_to_a_non_member_is_refused(client: WebClient, emu: SlackEmulator) -> None:
    assert slack_error(client.chat_postEphemeral, channel=OUTSIDE, user=BOB, text="x") == "user_not_in_channel"
    assert emu.ephemerals() == []


def test_ephemeral_in_a_dm_only_for_that_dms_user(client: WebClient, emu: SlackEmulator) -> None:
    dm = emu.dm_channel_id(ALICE)

    client.chat_postEphemeral(channel=dm, user=ALICE, text="fine")

    assert slack_error(client.chat_postEphemeral, channel=dm, user=BOB, text="x") == "user_not_in_channel"
    assert [e.user for e in emu.ephemerals(channel=dm)] == [ALICE]


def test_ephemeral_needs_a_user(client: WebClient) -> None:
    error = slack_error(client.api_call, api_method="chat.postEphemeral", json={"channel": GENERAL, "text": "x"})

    assert error == "user_not_in_channel"


def test_reaction_is_added_once(client: WebClient, emu: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="nice")["ts"]

    client.reactions_add(channel=GENERAL, timestamp=ts, name=":tada:")

    assert emu.messages(GENERAL)[0].reactions == {"tada": [BOT]}
    assert slack_error(client.reactions_add, channel=GENERAL, timestamp=ts, name="tada") == "already_reacted"
    assert slack_error(client.reactions_add, channel=GENERAL, timestamp="9.000001", name="x") == "message_not_found"


def test_a_persons_reaction_shows_on_the_message_and_comes_back_as_the_event_slack_sends(
    client: WebClient, emu: SlackEmulator
) -> None:
    message = emu.post_as(BOB, GENERAL, "Refund done")

    event = emu.react_as(ALICE, message, "clap")
    emu.react_as(ALICE, message, "clap")  # the same person twice still counts once

    assert float(event.pop("event_ts")) > float(message.ts)
    assert event == {
        "type": "reaction_added",
        "user": ALICE,
        "reaction": "clap",
        "item_user": BOB,
        "item": {"type": "message", "channel": GENERAL, "ts": message.ts},
    }
    [stored] = emu.messages(GENERAL)
    assert stored.reactions == {"clap": [ALICE]}
