"""Signed requests with malformed, missing or unexpected fields, one of each kind seen from outside: each gets an
answer that is not a 5xx, the person behind it (when there is one) a private message saying what to do, and the
logs no traceback."""

from __future__ import annotations

import http.client
import json
import logging
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from bot.web import MAX_BODY_BYTES
from emulator import SlackEmulator
from emulator.signing import signed_headers
from tests.e2e.conftest import ALICE, GENERAL, LEADER
from tests.support.bot import BotUnderTest, Reply

UNREADABLE = "Cadence couldn't read that request"


def post_json(bot: BotUnderTest, text: str) -> Reply:
    return bot.post(text, signed_headers(bot.secret, text, content_type="application/json"))


def post_payload(bot: BotUnderTest, payload: Any) -> Reply:
    body = urlencode({"payload": payload if isinstance(payload, str) else json.dumps(payload)})
    return bot.post(body, signed_headers(bot.secret, body, content_type="application/x-www-form-urlencoded"))


@pytest.fixture(autouse=True)
def no_traceback(caplog: pytest.LogCaptureFixture) -> Any:
    yield
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("body", ["{not json", "[1, 2, 3]", '"just a string"', "42"])
def test_a_body_that_is_not_a_json_object_is_refused_as_a_bad_request(bot: BotUnderTest, body: str) -> None:
    assert post_json(bot, body).status == 400


@pytest.mark.parametrize("payload", ["[1]", "{nope", '"text"'])
def test_an_interaction_payload_that_is_not_a_json_object_is_refused(bot: BotUnderTest, payload: str) -> None:
    assert post_payload(bot, payload).status == 400


def test_a_block_action_without_actions_tells_the_person_privately(bot: BotUnderTest, slack: SlackEmulator) -> None:
    url = slack.response_url(GENERAL, ALICE)
    reply = post_payload(bot, {"type": "block_actions", "user": {"id": ALICE}, "actions": [], "response_url": url})

    assert reply.status == 200
    [told] = [p for p in slack.response_posts if p.url == url]
    assert UNREADABLE in told.payload["text"] and told.payload["response_type"] == "ephemeral"


def test_a_button_value_that_is_not_a_number_says_the_button_is_out_of_date(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    url = slack.response_url(GENERAL, LEADER)
    action = {"action_id": "keymsg_pause", "value": "not-a-number"}
    reply = post_payload(
        bot, {"type": "block_actions", "user": {"id": LEADER}, "actions": [action], "response_url": url}
    )

    assert reply.status == 200
    [told] = [p for p in slack.response_posts if p.url == url]
    assert "out of date" in told.payload["text"]


def test_a_click_on_home_without_a_response_url_is_answered_by_an_ephemeral_or_a_dm(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    action = {"action_id": "keymsg_edit", "value": "99999999999999999999"}
    reply = post_payload(bot, {"type": "block_actions", "user": {"id": LEADER}, "actions": [action]})

    assert reply.status == 200
    [told] = slack.dms_to(LEADER)
    assert "out of date" in told.text


def test_app_home_opened_without_a_user_is_ignored_with_one_line(
    bot: BotUnderTest, slack: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="handlers.home")
    reply = bot.event({"type": "app_home_opened", "tab": "home"})

    assert reply.status == 200
    assert slack.calls_to("views.publish") == []
    assert [r.getMessage() for r in caplog.records if r.name == "handlers.home"] == [
        "home: app_home_opened without a user ignored"
    ]


def test_an_event_that_is_not_an_object_is_ignored(bot: BotUnderTest) -> None:
    envelope = {"type": "event_callback", "team_id": bot.team_id, "event": "app_home_opened"}
    assert post_json(bot, json.dumps(envelope)).status == 200


@pytest.mark.parametrize(
    "body",
    [
        {"event": None},
        {"view": None},
        {"type": "event_callback", "team_id": "T0CADENCE", "event": None},
        {"type": "block_actions", "user": {"id": ALICE}, "actions": [{"action_id": "home_refresh"}], "event": None},
    ],
)
def test_a_null_event_or_view_is_ignored_with_one_line_and_no_traceback(
    bot: BotUnderTest, body: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    for reply in (post_json(bot, json.dumps(body)), post_payload(bot, body)):
        assert reply.status == 200
    ignored = [r.getMessage() for r in caplog.records if r.getMessage().startswith("request ignored")]
    assert ignored == ["request ignored: `event` is null"] * 2 or ignored == ["request ignored: `view` is null"] * 2


def test_a_view_submission_with_junk_state_gets_a_field_error(bot: BotUnderTest) -> None:
    view = {"id": "V1", "type": "modal", "callback_id": "shoutout_modal", "state": {"values": [1, 2]}}
    reply = post_payload(bot, {"type": "view_submission", "user": {"id": ALICE}, "view": view})

    assert reply.status == 200
    assert reply.json["response_action"] == "errors"
    assert "Choose at least one colleague" in json.dumps(reply.json["errors"])


def test_a_view_submission_with_bad_private_metadata_gets_field_errors_not_a_failure(bot: BotUnderTest) -> None:
    view = {"id": "V2", "type": "modal", "callback_id": "keymsg_compose", "private_metadata": "{oops", "state": {}}
    reply = post_payload(bot, {"type": "view_submission", "user": {"id": LEADER}, "view": view})

    assert reply.status == 200
    assert reply.json["response_action"] == "errors" and reply.json["errors"]


def test_a_command_without_a_user_is_answered_privately(bot: BotUnderTest) -> None:
    body = urlencode({"command": "/shoutout", "text": "<@U0BOB|bob> own-it thanks"})
    reply = bot.post(body, signed_headers(bot.secret, body, content_type="application/x-www-form-urlencoded"))

    assert reply.status == 200
    assert reply.json["response_type"] == "ephemeral" and UNREADABLE in reply.json["text"]


def test_an_unsigned_malformed_request_is_refused_before_anything_is_read(bot: BotUnderTest) -> None:
    body = urlencode({"payload": json.dumps({"type": "block_actions", "actions": []})})
    headers = signed_headers("someone-elses-secret", body, content_type="application/x-www-form-urlencoded")
    assert bot.post(body, headers).status == 401


def test_a_body_over_the_size_limit_is_refused_unread_and_the_next_request_is_answered(bot: BotUnderTest) -> None:
    """The headers alone say the body is too long: Cadence answers 413 without waiting for a byte of it."""
    address = urlsplit(bot.url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=10)
    connection.putrequest("POST", "/slack/events")
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
    connection.endheaders()

    assert connection.getresponse().status == 413
    connection.close()
    reply = bot.command(ALICE, "/promise", "")
    assert reply.status == 200 and reply.text
