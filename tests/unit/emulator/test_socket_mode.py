"""The emulator's Socket Mode server, seen by a bare websocket client: URLs from `apps.connections.open`, `hello`,
envelopes and their acks, `disconnect`, and the ways a connection can end."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import websocket
from slack_sdk import WebClient

from emulator import SlackEmulator
from emulator.records import Ack
from tests.unit.emulator.expect import TOKEN, slack_error

APP_TOKEN = "xapp-test-token"


@pytest.fixture
def url(emu: SlackEmulator) -> str:
    return str(WebClient(base_url=emu.api_url).apps_connections_open(app_token=APP_TOKEN)["url"])


@pytest.fixture
def ws(url: str, emu: SlackEmulator) -> Iterator[websocket.WebSocket]:
    connection = websocket.create_connection(url, timeout=5)
    yield connection
    connection.close(timeout=0.2)


def receive(ws: websocket.WebSocket) -> dict[str, Any]:
    return dict(json.loads(ws.recv()))


def hello(ws: websocket.WebSocket) -> dict[str, Any]:
    message = receive(ws)
    assert message["type"] == "hello"
    return message


class Delivery(threading.Thread):
    """`deliver` waits for the ack, so a test delivers in the background and plays the client meanwhile."""

    def __init__(self, emu: SlackEmulator, type: str, payload: dict[str, Any]) -> None:
        super().__init__(daemon=True)
        self.emu, self.type, self.payload = emu, type, payload
        self.ack: Ack | None = None
        self.start()

    def run(self) -> None:
        self.ack = self.emu.socket_mode.deliver(self.type, self.payload, timeout=5)

    def acked(self) -> Ack:
        self.join(timeout=5)
        assert self.ack is not None, "the envelope was not acknowledged"
        return self.ack


def test_apps_connections_open_takes_the_app_token_only(emu: SlackEmulator, url: str) -> None:
    assert url.startswith(f"ws://127.0.0.1:{emu.socket_mode.port}/link/?ticket=")
    assert slack_error(WebClient(base_url=emu.api_url).apps_connections_open, app_token=TOKEN) == (
        "not_allowed_token_type"
    )
    assert slack_error(WebClient(base_url=emu.api_url).apps_connections_open, app_token="xapp-x") == "invalid_auth"
    assert slack_error(WebClient(base_url=emu.api_url, token=APP_TOKEN).auth_test) == "not_allowed_token_type"


def test_a_connection_is_greeted_with_hello(ws: websocket.WebSocket, emu: SlackEmulator) -> None:
    message = hello(ws)

    assert message["num_connections"] == 1
    assert message["connection_info"] == {"app_id": emu.workspace.app_id}
    assert emu.socket_mode.wait_connected(1, timeout=1)


def test_a_connection_url_works_once(ws: websocket.WebSocket, url: str) -> None:
    with pytest.raises(websocket.WebSocketBadStatusException) as raised:
        websocket.create_connection(url, timeout=5)

    assert raised.value.status_code == 401


def test_an_envelope_is_delivered_and_its_ack_recorded_with_its_payload_and_latency(
    ws: websocket.WebSocket, emu: SlackEmulator
) -> None:
    hello(ws)
    delivery = Delivery(emu, "slash_commands", {"command": "/promise", "user_id": "U1"})

    envelope = receive(ws)
    ws.send(json.dumps({"envelope_id": envelope["envelope_id"], "payload": {"text": "Our promise"}}))

    ack = delivery.acked()
    assert envelope["type"] == "slash_commands" and envelope["payload"]["command"] == "/promise"
    assert envelope["accepts_response_payload"] is True
    assert ack.envelope_id == envelope["envelope_id"] and ack.payload == {"text": "Our promise"}
    assert 0 <= ack.latency <= ack.wait < 5
    assert emu.socket_mode.acks == [ack]


def test_an_envelope_waits_for_a_connection(emu: SlackEmulator, url: str) -> None:
    delivery = Delivery(emu, "events_api", {"event": {"type": "app_home_opened"}})
    ws = websocket.create_connection(url, timeout=5)
    hello(ws)

    envelope = receive(ws)
    ws.send(json.dumps({"envelope_id": envelope["envelope_id"]}))

    assert envelope["retry_attempt"] == 0 and delivery.acked().payload is None
    ws.close()


def test_an_envelope_unacknowledged_on_a_lost_connection_is_sent_again_on_the_next(
    ws: websocket.WebSocket, emu: SlackEmulator
) -> None:
    hello(ws)
    delivery = Delivery(emu, "events_api", {"event": {"type": "app_home_opened"}})
    first = receive(ws)
    emu.socket_mode.drop_connections()
    url = WebClient(base_url=emu.api_url).apps_connections_open(app_token=APP_TOKEN)["url"]
    again = websocket.create_connection(url, timeout=5)
    hello(again)

    resent = receive(again)
    again.send(json.dumps({"envelope_id": resent["envelope_id"]}))

    assert resent["envelope_id"] == first["envelope_id"]
    assert (first["retry_attempt"], resent["retry_attempt"], resent["retry_reason"]) == (0, 1, "timeout")
    assert delivery.acked().connection == 2
    again.close()


def test_disconnect_asks_the_client_to_reconnect(ws: websocket.WebSocket, emu: SlackEmulator) -> None:
    hello(ws)

    emu.socket_mode.disconnect("refresh_requested")

    assert receive(ws) == {"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "emulator"}}


def test_a_close_frame_ends_the_connection(ws: websocket.WebSocket, emu: SlackEmulator) -> None:
    hello(ws)

    emu.socket_mode.close_connections(1001)

    opcode, data = ws.recv_data()
    assert opcode == websocket.ABNF.OPCODE_CLOSE and data[:2] == (1001).to_bytes(2, "big")


def test_a_drop_ends_the_stream_without_a_close_frame(ws: websocket.WebSocket, emu: SlackEmulator) -> None:
    hello(ws)

    emu.socket_mode.drop_connections()

    assert ws.sock.recv(1) == b""


def test_a_reset_resets_the_tcp_connection(ws: websocket.WebSocket, emu: SlackEmulator) -> None:
    hello(ws)

    emu.socket_mode.reset_connections()

    with pytest.raises(ConnectionResetError):
        ws.sock.recv(1)


def test_pings_are_answered_until_the_peer_goes_silent(ws: websocket.WebSocket, emu: SlackEmulator) -> None:
    hello(ws)
    ws.ping("one")
    assert ws.recv_data(control_frame=True) == (websocket.ABNF.OPCODE_PONG, b"one")

    emu.socket_mode.silence_connections()
    ws.ping("two")

    ws.settimeout(0.3)
    with pytest.raises(websocket.WebSocketTimeoutException):
        ws.recv_data(control_frame=True)
    assert emu.socket_mode.live_connections == 0
