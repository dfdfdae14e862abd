"""Socket Mode for `python -m bot run`: Bolt's websocket-client adapter, with a pong deadline.

Chosen by measurement against the emulator's Socket Mode server: the same app, one slash command after each way a
connection ends, the time from the fault to its ack (`tests/bench/test_socket_mode_reconnect.py` for Cadence's own).

| client | `disconnect` (refresh) | close frame | TCP drop, no close frame | reset | silence |
| --- | --- | --- | --- | --- | --- |
| slack_sdk built-in (ping 5 s) | 3.1 s | 4.9 s | 59.2 s, a core spinning (48.8 s CPU) | 8.9 s | not tried |
| aiohttp (ping 10 s) | 0.06 s | 0.06 s | 9.0 s | 9.0 s | not tried |
| websocket-client as Bolt sets it up (ping 10 s) | 0.5 s; 10.5 s in 4 of 10 | 0.5 s | 0.5 s | 0.5 s | never |
| Cadence's: websocket-client, ping 5 s, pong deadline 2 s | 0.5 s; at most 2.7 s | 0.5 s | 0.5 s | 0.5 s | 10.5 s |

websocket-client reads the end of a stream at once and spends no CPU (0.01 s) while it reconnects; aiohttp waits
for its monitor and would need an asyncio web client beside Cadence's threads. As Bolt sets it up, though,
websocket-client waits on its socket up to 10 s at a time: when a `disconnect` makes the client close the old
connection from another thread, that thread can read the close's answer, and the receiving loop then sleeps out
its 10 s before it opens the new connection. A pong deadline bounds that wait by the deadline, and notices a peer
that went silent without closing anything (the 10.5 s: the next ping, its deadline, the close's own wait).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.websocket_client import SocketModeClient
from websocket import WebSocketApp, WebSocketConnectionClosedException

from bot.platform.bolt_errors import BOLT_READ_ERRORS
from bot.platform.operator_log import SOCKET_MODE_LIBRARY_LOG

PING_INTERVAL_SECONDS = 5
PONG_TIMEOUT_SECONDS = 2

log = logging.getLogger("cadence.socket_mode")


def serve_socket_mode(app: App, app_token: str) -> None:
    """Receive Slack's envelopes for `app` until the process is stopped; reconnect whenever a connection ends."""
    _Handler(app, app_token).start()


class _Client(SocketModeClient):
    """slack_sdk's websocket-client Socket Mode client, receiving with a pong deadline, and knowing which connection
    is receiving.

    The library replaces its current session from three threads (a `disconnect` message, the end of a connection, its
    monitor) and sends acks on whichever session is current, opened or not. Under load that lost one ack in about 150
    reconnects: the monitor replaced a session just as it began to receive, and the acks for what it received went to
    its unopened successor. Here the session that receives is taken under the library's connect lock, the library asks
    it whether it is connected, and acks go out on it: it is the connection the envelope came on.
    """

    _receiving: WebSocketApp | None = None

    def _run_current_session(self) -> None:
        lock = getattr(self, "connect_operation_lock", None)
        if lock is None:
            return  # the library starts this loop before it has made its lock; the next turn comes in 0.5 s
        with lock:
            session = self._receiving = self.current_session
        if session is None:
            return
        try:
            session.run_forever(ping_interval=self.ping_interval, ping_timeout=PONG_TIMEOUT_SECONDS)
        except Exception as exc:
            log.warning("Socket Mode connection failed (%s: %s); reconnecting", type(exc).__name__, exc)
            session.close()
        finally:
            self._receiving = None

    def is_connected(self) -> bool:
        session = self._receiving
        return session is not None and session.sock is not None

    def send_message(self, message: str) -> None:
        """Send on the receiving connection, else the current one. If both are closed (a `disconnect` closes the old
        one while its last envelopes are still being handled), say so in one line: the envelope stays unacknowledged,
        so Slack delivers it again."""
        for session in (self._receiving, self.current_session):
            if session is not None and session.sock is not None:
                try:
                    session.send(message)
                    return
                except WebSocketConnectionClosedException:
                    continue
        log.warning("Socket Mode ack for envelope %s not sent: its connection had closed", _envelope_id(message))


class _Handler(SocketModeHandler):
    """Bolt's websocket-client adapter over `_Client`; it acks and answers envelopes as Bolt's does, and acks the
    ones no listener takes too."""

    def __init__(self, app: App, app_token: str) -> None:
        self.app = app
        self.app_token = app_token
        self.client = _Client(
            app_token=app_token,
            logger=logging.getLogger(SOCKET_MODE_LIBRARY_LOG),
            web_client=app.client,
            ping_interval=PING_INTERVAL_SECONDS,
            on_open_listeners=[_connected],
            on_error_listeners=[_lost],
        )
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]

    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        """As Bolt's, except that an envelope Bolt cannot read or no listener takes is acknowledged all the same,
        empty: left unacknowledged, Slack would deliver it again, and a person's command would end in a timeout."""
        start = time.time()
        try:
            response = run_bolt_app(self.app, req)
        except BOLT_READ_ERRORS as exc:
            log.warning(
                "envelope %s refused: Bolt could not read its payload (%s)", req.envelope_id, type(exc).__name__
            )
            response = BoltResponse(status=200, body="")
        if response.status != 200:
            log.info("envelope %s (%s) taken by no listener: acknowledged empty", req.envelope_id, req.type)
            response = BoltResponse(status=200, body="")
        send_response(client, req, response, start)


def _envelope_id(message: str) -> str:
    try:
        return str(json.loads(message).get("envelope_id"))
    except (ValueError, AttributeError):
        return "?"


def _connected(ws: Any) -> None:
    log.info("Socket Mode connected")


def _lost(ws: Any, error: Exception) -> None:
    log.warning("Socket Mode connection ended (%s: %s); reconnecting", type(error).__name__, error)
