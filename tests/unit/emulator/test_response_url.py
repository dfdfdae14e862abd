"""response_url posts: ephemeral by default, in_channel, replace_original and delete_original."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from emulator import SlackEmulator
from tests.unit.emulator.expect import ALICE, BOB, GENERAL, post_json, section


def test_a_reply_is_ephemeral_by_default(emu: SlackEmulator) -> None:
    url = emu.response_url(GENERAL, ALICE)

    response = WebhookClient(url).send(text="only you", blocks=[section("only you")])

    assert response.status_code == 200
    [ephemeral] = emu.ephemerals(channel=GENERAL, user=ALICE)
    assert (ephemeral.text, ephemeral.blocks, ephemeral.source) == ("only you", [section("only you")], "response_url")
    assert emu.messages(GENERAL) == []
    [post] = emu.response_posts
    assert (post.url, post.channel, post.user, post.payload["text"]) == (url, GENERAL, ALICE, "only you")


def test_in_channel_replies_are_posted_to_the_channel(emu: SlackEmulator) -> None:
    WebhookClient(emu.response_url(GENERAL, ALICE)).send(text="everyone", response_type="in_channel")

    assert [m.text for m in emu.messages(GENERAL)] == ["everyone"]
    assert emu.ephemerals() == []


def test_replace_original_edits_the_message_the_click_came_from(client: WebClient, emu: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="Pick one", blocks=[section("Pick one")])["ts"]

    status, body = post_json(
        emu.response_url(GENERAL, ALICE, message_ts=ts), {"replace_original": True, "text": "Thanks!"}
    )

    assert (status, body) == (200, {"ok": True})
    [message] = emu.messages(GENERAL)
    assert (message.ts, message.text, message.blocks, message.edited) == (ts, "Thanks!", None, True)


def test_delete_original_removes_the_message(client: WebClient, emu: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel=GENERAL, text="Going away")["ts"]

    post_json(emu.response_url(GENERAL, ALICE, message_ts=ts), {"delete_original": "true"})

    assert emu.messages(GENERAL) == []


def test_invalid_blocks_and_unknown_urls_are_refused(emu: SlackEmulator) -> None:
    url = emu.response_url(GENERAL, ALICE)

    status, body = post_json(url, {"text": "t", "blocks": [section("x" * 3001)]})
    unknown_status, _ = post_json(url.rsplit("/", 1)[0] + "/nope", {"text": "t"})

    assert (status, body["error"]) == (400, "invalid_blocks")
    assert unknown_status == 404
    assert emu.ephemerals() == []
    assert [p.status for p in emu.response_posts] == [400]


def _two_ephemerals(client: WebClient) -> tuple[str, str]:
    """Alice sees a question with a button, then a later note, both only to her."""
    first = client.chat_postEphemeral(channel=GENERAL, user=ALICE, text="Sure?", blocks=[section("Sure?")])
    later = client.chat_postEphemeral(channel=GENERAL, user=ALICE, text="Later note")
    return first["message_ts"], later["message_ts"]


def test_replace_original_replaces_the_ephemeral_the_click_came_from_in_place(
    client: WebClient, emu: SlackEmulator
) -> None:
    first, later = _two_ephemerals(client)
    url = emu.response_url(GENERAL, ALICE, message_ts=first, ephemeral=True)

    status, body = post_json(url, {"replace_original": True, "text": "Done", "blocks": [section("Done")]})

    assert (status, body) == (200, {"ok": True})
    shown = emu.ephemerals(channel=GENERAL, user=ALICE)
    assert [(e.ts, e.text, e.blocks) for e in shown] == [
        (first, "Done", [section("Done")]),
        (later, "Later note", None),
    ]
    assert emu.messages(GENERAL) == []


def test_a_reply_that_does_not_replace_stays_beside_the_ephemeral(client: WebClient, emu: SlackEmulator) -> None:
    first, _ = _two_ephemerals(client)

    post_json(emu.response_url(GENERAL, ALICE, message_ts=first, ephemeral=True), {"text": "Also this"})

    assert [e.text for e in emu.ephemerals(user=ALICE)] == ["Sure?", "Later note", "Also this"]


def test_delete_original_removes_the_ephemeral_the_click_came_from(client: WebClient, emu: SlackEmulator) -> None:
    first, later = _two_ephemerals(client)
    url = emu.response_url(GENERAL, ALICE, message_ts=first, ephemeral=True)

    status, _ = post_json(url, {"delete_original": True})
    again, body = post_json(url, {"delete_original": True})

    assert status == 200
    assert [e.ts for e in emu.ephemerals(channel=GENERAL, user=ALICE)] == [later]
    assert (again, body["error"]) == (400, "message_not_found")


def test_an_ephemeral_is_replaced_only_for_the_person_who_saw_it(client: WebClient, emu: SlackEmulator) -> None:
    first, _ = _two_ephemerals(client)

    post_json(emu.response_url(GENERAL, BOB, message_ts=first, ephemeral=True), {"replace_original": True, "text": "x"})

    assert [e.text for e in emu.ephemerals(user=ALICE)] == ["Sure?", "Later note"]
    assert [e.text for e in emu.ephemerals(user=BOB)] == ["x"]
