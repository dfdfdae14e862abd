"""The one reader of Slack payloads answers every shape with a plain value or an empty one, and never raises."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.blocks import common
from handlers.payload import Fields, Request, ViewState, unroutable
from tests.support.blockkit import assert_valid_blocks

anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


def modal(values: Any, metadata: Any = None) -> ViewState:
    view: dict[str, Any] = {"id": "V1", "state": {"values": values}}
    if metadata is not None:
        view["private_metadata"] = metadata
    return ViewState(view)


def test_reads_who_where_and_what_from_each_kind_of_request() -> None:
    click = Request({"user": {"id": "U0ALICE"}, "channel": {"id": "C0GENERAL"}, "actions": [{"value": "12"}]})
    command = Request({"user_id": "U0BOB", "channel_id": "D0DM", "trigger_id": "t.1", "text": "new"})
    event = Request({"user": "U0CAROL", "channel": "C0TEAMA"})
    joined = Request({"user": {"id": "U0DAVE"}, "channel": "not a channel"})

    assert (click.user_id, click.channel_id, click.action_number) == ("U0ALICE", "C0GENERAL", 12)
    assert (command.user_id, command.channel_id, command.trigger_id) == ("U0BOB", "D0DM", "t.1")
    assert (event.user_id, event.channel_id) == ("U0CAROL", "C0TEAMA")
    assert (joined.user_id, joined.channel_id) == ("U0DAVE", "")


@pytest.mark.parametrize("user", [None, "", 7, ["U0ALICE"], {"id": 7}, "alice", "U0" + "A" * 60, "u0alice"])
def test_a_user_that_is_not_a_slack_user_id_reads_as_nobody(user: Any) -> None:
    assert Request({"user": user}).user_id == ""


@pytest.mark.parametrize("value", ["x", "", "-1", "1.5", "99999999999999999999", "２", "²", None, True, 2**31, [1]])
def test_a_button_value_that_is_not_an_id_reads_as_none(value: Any) -> None:
    assert Request({"actions": [{"value": value}]}).action_number is None


@pytest.mark.parametrize(
    "url", ["0", "", "hooks.slack.com/x", "file:///etc/passwd", "javascript:x", "http://[::1", "https://", 7]
)
def test_a_response_url_that_names_no_web_address_reads_as_none(url: Any) -> None:
    assert Request({"response_url": url}).response_url == ""


def test_a_response_url_from_slack_is_read_as_it_is() -> None:
    url = "https://hooks.slack.com/actions/T0/1/abc"
    assert Request({"response_url": url}).response_url == url


def test_no_actions_at_all_read_as_an_empty_click() -> None:
    for actions in (None, [], "click", [1, "two"]):
        assert Request({"actions": actions}).action_value == ""


def test_reads_each_kind_of_modal_input() -> None:
    view = modal(
        {
            "who": {"pick": {"selected_users": ["U0A", "U0B", "U0A", 7]}},
            "where": {"pick": {"selected_conversations": ["C1"], "selected_conversation": "C2"}},
            "kind": {"pick": {"selected_option": {"value": "weekly"}}},
            "days": {"pick": {"selected_options": [{"value": "1"}, {"value": "3"}, "junk"]}},
            "when": {"pick": {"selected_date": "2026-12-01", "selected_time": "09:30"}},
            "words": {"typed": {"value": "Stayed late"}},
        },
        metadata=json.dumps({"schedule_id": 4, "channel": "C1"}),
    )

    assert view.users("who") == ("U0A", "U0B")
    assert (view.conversations("where"), view.conversation("where")) == (("C1",), "C2")
    assert (view.option("kind"), view.options("days")) == ("weekly", ("1", "3"))
    assert (view.day("when"), view.time_of_day("when")) == (date(2026, 12, 1), time(9, 30))
    assert view.value("words", "typed") == "Stayed late" and view.value("words", "other") == ""
    assert (view.metadata.number("schedule_id"), view.metadata.text("channel")) == (4, "C1")


@pytest.mark.parametrize("metadata", ["", "{oops", "[1, 2]", "42", '"text"', "null"])
def test_private_metadata_that_is_not_a_json_object_reads_as_empty(metadata: str) -> None:
    assert not modal({}, metadata).metadata


def test_a_date_or_time_that_is_not_one_reads_as_blank() -> None:
    view = modal({"when": {"pick": {"selected_date": "2026-13-45", "selected_time": "25:99"}}})
    assert (view.day("when"), view.time_of_day("when")) == (None, None)


@given(body=anything, block=st.text(max_size=4), action=st.none() | st.text(max_size=4))
def test_no_shape_of_body_makes_a_reader_raise(body: Any, block: str, action: str | None) -> None:
    request, view = Request(body), ViewState(body)
    _ = (request.user_id, request.channel_id, request.trigger_id, request.action_number, request.view.metadata)
    _ = (view.users(block, action), view.options(block, action), view.day(block, action), view.option_number(block))
    _ = (view.time_of_day(block), view.conversation(block), Fields(body).children("x"), Fields(body).blocks("y"))
    assert unroutable(body) is None or isinstance(unroutable(body), str)


def test_requests_bolt_cannot_route_or_attribute_are_named() -> None:
    assert unroutable([1, 2]) == "the body is not a JSON object"
    assert unroutable({"type": "block_actions", "user": {"id": "U0A1"}, "actions": []})
    assert unroutable({"type": "event_callback", "event": "app_home_opened"})
    assert unroutable({"command": "/shoutout", "text": "hi"}) == "no user id in a person's request"
    assert unroutable({"command": "/shoutout", "user_id": "U0ALICE"}) is None
    assert unroutable({"type": "event_callback", "event": {"type": "app_home_opened"}}) is None
    assert unroutable({"event": None}) == "`event` is null"
    assert unroutable({"type": "view_submission", "user": {"id": "U0A1"}, "view": None}) == "`view` is null"
    assert (
        unroutable(
            {
                "type": "block_actions",
                "enterprise": None,
                "team": None,
                "user": {"id": "U0A1"},
                "actions": [{"action_id": "a"}],
            }
        )
        is None
    )


def test_a_clicked_messages_blocks_read_as_cadence_posted_them() -> None:
    posted = [
        common.header("Our promise"),
        common.section("Our promise starts with *you*."),
        common.context("Sent by <@U0LEADER>"),
        common.actions("keymsg_ack", common.button("Got it", "keymsg_got_it", "1:20261124T0900", style="primary")),
    ]

    assert Fields({"message": {"blocks": posted}}).blocks("message", "blocks") == posted


def test_what_slack_would_refuse_is_left_out_of_a_clicked_messages_blocks() -> None:
    kept = common.section("kept")
    refused = [7, "section", {"text": "no type"}, {"type": "section", "text": 7}, {"type": "nonsense"}]
    malformed_buttons = {"type": "actions", "block_id": "keymsg_ack", "elements": [5, {"type": "button"}]}

    read = Fields({"blocks": [*refused, kept, malformed_buttons]}).blocks("blocks")

    assert read[0] == kept and len(read) <= 2
    assert all(isinstance(e, dict) and "text" in e for b in read[1:] for e in b.get("elements", []))


block_like = st.fixed_dictionaries(
    {"type": st.sampled_from(("section", "actions", "context", "header", "divider")) | anything},
    optional={key: anything for key in ("block_id", "text", "elements", "accessory", "fields")},
)


@given(blocks=st.lists(block_like | anything, max_size=4))
def test_any_copy_of_a_message_reads_as_blocks_slack_takes(blocks: list[Any]) -> None:
    read = Fields({"blocks": blocks}).blocks("blocks")

    assert_valid_blocks(read)
