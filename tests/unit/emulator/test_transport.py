"""Auth, encodings, unknown methods, the call record, and the server's lifecycle."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import pytest
from slack_sdk import WebClient

from emulator import Fault, SlackEmulator, Workspace
from tests.unit.emulator.expect import ALICE, GENERAL, TOKEN, ManualMonotonic, raw_request, slack_error


def test_missing_token_is_not_authed(emu: SlackEmulator) -> None:
    assert slack_error(WebClient(base_url=emu.api_url).auth_test) == "not_authed"


def test_wrong_token_is_invalid_auth(emu: SlackEmulator) -> None:
    assert slack_error(WebClient(base_url=emu.api_url, token="xoxb-wrong").auth_test) == "invalid_auth"


def test_token_may_come_as_a_form_field(emu: SlackEmulator) -> None:
    body = f"token={TOKEN}".encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    status, _, answer = raw_request(emu.api_url + "auth.test", body, headers)

    assert status == 200
    assert json.loads(answer)["ok"] is True


def test_get_with_a_query_string_works(emu: SlackEmulator) -> None:
    url = f"{emu.api_url}users.info?user={ALICE}"

    status, _, answer = raw_request(url, headers={"Authorization": f"Bearer {TOKEN}"})

    assert status == 200
    assert json.loads(answer)["user"]["name"] == "alice"


def test_unknown_method_is_unknown_method(client: WebClient) -> None:
    assert slack_error(client.api_call, api_method="chat.scheduleMessage") == "unknown_method"


def test_malformed_json_is_invalid_json(emu: SlackEmulator) -> None:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}

    status, _, answer = raw_request(emu.api_url + "chat.postMessage", b"{not json", headers)

    assert (status, json.loads(answer)["error"]) == (200, "invalid_json")


def test_calls_are_recorded_in_order_with_time_and_status(
    client: WebClient, emu: SlackEmulator, monotonic: ManualMonotonic
) -> None:
    client.chat_postMessage(channel=GENERAL, text="one")
    monotonic.advance(5)
    emu.faults.add(Fault.error("users.info", "user_not_found"))
    slack_error(client.users_info, user=ALICE)

    first, second = emu.calls

    assert (first.method, first.args["channel"], first.status, first.at) == ("chat.postMessage", GENERAL, 200, 1000.0)
    assert first.response["ts"] == emu.messages(GENERAL)[0].ts
    assert "token" not in first.args
    assert (second.method, second.response, second.at) == (
        "users.info",
        {"ok": False, "error": "user_not_found"},
        1005.0,
    )
    assert emu.calls_to("users.info") == []
    assert emu.calls_to("users.info", include_failed=True) == [second]


def test_reset_calls_forgets_calls_but_keeps_state(client: WebClient, emu: SlackEmulator) -> None:
    client.chat_postMessage(channel=GENERAL, text="kept")

    emu.reset_calls()

    assert emu.calls == []
    assert [m.text for m in emu.messages(GENERAL)] == ["kept"]


def test_stop_frees_the_port(workspace: Workspace) -> None:
    emulator = SlackEmulator(workspace).start()
    port = urlsplit(emulator.api_url).port
    assert port

    emulator.stop()

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))


def test_api_url_needs_a_started_emulator(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError):
        _ = SlackEmulator(workspace).api_url


def test_two_emulators_get_different_ports(workspace: Workspace) -> None:
    with SlackEmulator(workspace) as one, SlackEmulator(Workspace()) as two:
        assert one.api_url != two.api_url
        assert one.api_url.startswith("http://127.0.0.1:") and one.api_url.endswith("/api/")


def test_nothing_is_printed_while_serving(client: WebClient, emu: SlackEmulator, capfd: pytest.CaptureFixture) -> None:
    client.chat_postMessage(channel=GENERAL, text="quiet")
    slack_error(client.chat_postMessage, channel="C404", text="quiet")
    slack_error(client.chat_postMessage, channel=GENERAL, text="t", blocks=[{"type": "mystery"}])

    captured = capfd.readouterr()

    assert (captured.out, captured.err) == ("", "")
