"""views.*: trigger ids are single use and short lived, views are checked, stacked and published."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient

from emulator import SlackEmulator
from tests.unit.emulator.expect import ALICE, BOB, ManualMonotonic, section, slack_error


def modal(title: str = "Shout-out", **extra: Any) -> dict[str, Any]:
    return {"type": "modal", "title": {"type": "plain_text", "text": title}, "blocks": [section("hi")], **extra}


def input_block() -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": "why",
        "label": {"type": "plain_text", "text": "Why?"},
        "element": {"type": "plain_text_input", "action_id": "why"},
    }


def test_open_shows_the_modal_to_the_trigger_user(client: WebClient, emu: SlackEmulator) -> None:
    view = client.views_open(trigger_id=emu.new_trigger_id(ALICE), view=modal(callback_id="shoutout"))["view"]

    assert view["id"].startswith("V")
    assert (view["callback_id"], view["root_view_id"], view["state"]) == ("shoutout", view["id"], {"values": {}})
    assert [v["id"] for v in emu.opened_views(ALICE)] == [view["id"]]
    assert emu.opened_views(BOB) == []
    assert emu.views[view["id"]]["title"]["text"] == "Shout-out"


def test_a_trigger_id_works_once(client: WebClient, emu: SlackEmulator) -> None:
    trigger = emu.new_trigger_id(ALICE)
    client.views_open(trigger_id=trigger, view=modal())

    assert slack_error(client.views_open, trigger_id=trigger, view=modal()) == "exchanged_trigger_id"


def test_an_unknown_trigger_id_is_invalid(client: WebClient) -> None:
    assert slack_error(client.views_open, trigger_id="1.2.3", view=modal()) == "invalid_trigger_id"


def test_a_trigger_id_expires_after_three_seconds(
    client: WebClient, emu: SlackEmulator, monotonic: ManualMonotonic
) -> None:
    in_time, too_late = emu.new_trigger_id(ALICE), emu.new_trigger_id(ALICE)
    monotonic.advance(3.0)
    client.views_open(trigger_id=in_time, view=modal())
    monotonic.advance(0.01)

    assert slack_error(client.views_open, trigger_id=too_late, view=modal()) == "expired_trigger_id"


@pytest.mark.parametrize(
    "view",
    [
        modal("t" * 25),
        modal(blocks=[section("b")] * 101),
        modal(callback_id="c" * 256),
        modal(blocks=[input_block()]),
        modal(blocks=[section("x" * 3001)]),
        {**modal(), "type": "home"},
        {"type": "modal", "blocks": [section("no title")]},
    ],
    ids=["long-title", "101-blocks", "long-callback", "input-without-submit", "bad-block", "home", "no-title"],
)
def test_invalid_modals_are_refused_and_keep_the_trigger(client: WebClient, emu: SlackEmulator, view: dict) -> None:
    trigger = emu.new_trigger_id(ALICE)

    assert slack_error(client.views_open, trigger_id=trigger, view=view) == "invalid_arguments"
    client.views_open(trigger_id=trigger, view=modal())


def test_a_modal_with_inputs_and_submit_opens(client: WebClient, emu: SlackEmulator) -> None:
    view = modal(blocks=[input_block()], submit={"type": "plain_text", "text": "Send"})

    assert client.views_open(trigger_id=emu.new_trigger_id(ALICE), view=view)["ok"] is True


def test_update_by_id_or_external_id_with_hash_check(client: WebClient, emu: SlackEmulator) -> None:
    opened = client.views_open(trigger_id=emu.new_trigger_id(ALICE), view=modal(external_id="ext-1"))["view"]

    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal("Step 2", external_id="ext-1"))[
        "view"
    ]
    again = client.views_update(external_id="ext-1", view=modal("Step 3", external_id="ext-1"))["view"]

    assert updated["id"] == again["id"] == opened["id"]
    assert updated["hash"] != opened["hash"]
    assert emu.opened_views(ALICE)[0]["title"]["text"] == "Step 3"
    stale = {"view_id": opened["id"], "hash": opened["hash"], "view": modal("Late")}
    assert slack_error(client.views_update, **stale) == "hash_conflict"


def test_update_of_an_unknown_view_is_not_found(client: WebClient) -> None:
    assert slack_error(client.views_update, view_id="V404", view=modal()) == "not_found"
    assert slack_error(client.views_update, external_id="nope", view=modal()) == "not_found"


def test_push_stacks_views_up_to_three(client: WebClient, emu: SlackEmulator) -> None:
    root = client.views_open(trigger_id=emu.new_trigger_id(ALICE), view=modal())["view"]
    second = client.views_push(trigger_id=emu.new_trigger_id(ALICE), view=modal("Two"))["view"]
    third = client.views_push(trigger_id=emu.new_trigger_id(ALICE), view=modal("Three"))["view"]

    assert (second["root_view_id"], second["previous_view_id"]) == (root["id"], root["id"])
    assert third["previous_view_id"] == second["id"]
    error = slack_error(client.views_push, trigger_id=emu.new_trigger_id(ALICE), view=modal("Four"))
    assert error == "push_limit_reached"


def test_publish_sets_the_users_home_tab(client: WebClient, emu: SlackEmulator) -> None:
    home = {"type": "home", "blocks": [section("Welcome")]}

    first = client.views_publish(user_id=ALICE, view=home)["view"]
    second = client.views_publish(user_id=ALICE, view={"type": "home", "blocks": [section("Back")]})["view"]

    assert first["id"] == second["id"]
    assert (emu.home_view(ALICE) or {}).get("blocks") == [section("Back")]
    assert emu.home_view(BOB) is None


def test_publish_refuses_modals_and_too_many_blocks(client: WebClient) -> None:
    assert slack_error(client.views_publish, user_id=ALICE, view=modal()) == "invalid_arguments"
    crowded = {"type": "home", "blocks": [section("b")] * 101}
    assert slack_error(client.views_publish, user_id=ALICE, view=crowded) == "invalid_arguments"


def test_publish_with_a_stale_hash_conflicts(client: WebClient) -> None:
    home = {"type": "home", "blocks": [section("Welcome")]}
    client.views_publish(user_id=ALICE, view=home)

    assert slack_error(client.views_publish, user_id=ALICE, view=home, hash="1.stale") == "hash_conflict"
