"""Slack's Socket Mode on a free local port: `apps.connections.open` hands out its URL, and tests deliver envelopes.

It speaks Slack's protocol: a `hello` on connect; envelopes (`slash_commands`, `interactive`, `events_api`) with an
`envelope_id`, each expecting an ack `{"envelope_id": …, "payload": …}`; `disconnect` messages. An envelope goes to
the newest live connection, waits there for one if none is up, and is sent again (its `retry_attempt` counted) when
the connection it went out on dies unacknowledged, so a test measures how long a client takes to be listening again.
A connection can also end the ways a network ends one: a close frame, a TCP drop with no close frame, a reset, or
silence (nothing answered, not even pings, while TCP stays open).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import secrets
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator import websocket
from emulator.records import Ack, Envelope


@dataclass
class _Connection:
    number: int
    sock: socket.socket
    send_lock: threading.Lock = field(default_factory=threading.Lock)
    alive: bool = True
    resetting: bool = False
    silent: bool = False

    def send(self, opcode: int, payload: bytes) -> bool:
        try:
            with self.send_lock:
                self.sock.sendall(websocket.encode(opcode, payload))
            return True
        except OSError:
            self.alive = False
            return False


class SocketModeServer:
    def __init__(self, app_id: str, *, clock: Callable[[], float] = time.monotonic, host: str = "127.0.0.1") -> None:
        self.app_id = app_id
        self.clock = clock
        self._host = host
        self._listener: socket.socket | None = None
        self._changed = threading.Condition()
        self._tickets: set[str] = set()
        self._live: list[_Connection] = []
        self._silent: list[_Connection] = []
        self._numbers = itertools.count(1)
        self._ids = itertools.count(1)
        self._pending: list[Envelope] = []
        self._in_flight: dict[str, Envelope] = {}
        self.acks: list[Ack] = []
        self.connections_accepted = 0

    # lifecycle

    def start(self) -> None:
        self._listener = socket.create_server((self._host, 0))
        threading.Thread(target=self._accept_loop, args=(self._listener,), daemon=True).start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._changed:
            ended, self._live, self._silent = self._live + self._silent, [], []
        for connection in ended:
            _shut(connection.sock)

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("start the Socket Mode server first")
        return int(self._listener.getsockname()[1])

    def issue_url(self) -> str:
        """A single-use connection URL, as `apps.connections.open` returns."""
        ticket = secrets.token_hex(16)
        with self._changed:
            self._tickets.add(ticket)
        return f"ws://{self._host}:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

    # what a test does

    def wait_connected(self, count: int = 1, timeout: float = 10.0) -> bool:
        """Wait until `count` connections have been greeted in all, and one is live."""
        with self._changed:
            return self._changed.wait_for(lambda: self.connections_accepted >= count and bool(self._live), timeout)

    @property
    def live_connections(self) -> int:
        with self._changed:
            return len(self._live)

    def deliver(
        self, type: str, payload: dict[str, Any], *, accepts_response_payload: bool = True, timeout: float = 10.0
    ) -> Ack:
        """Send an envelope and wait for its ack; `TimeoutError` if none came within `timeout` seconds."""
        envelope = Envelope(f"env-{next(self._ids):06d}", type, payload, accepts_response_payload, self.clock())
        with self._changed:
            self._pending.append(envelope)
            self._flush()
            found = self._changed.wait_for(lambda: self._ack_for(envelope.envelope_id), timeout)
        if found is None:
            raise TimeoutError(f"envelope {envelope.envelope_id} ({type}) was not acknowledged in {timeout:.1f} s")
        return found

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the live connections to reconnect, as Slack does before it recycles one (`refresh_requested`)."""
        message = json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "emulator"}}).encode()
        for connection in self._snapshot():
            connection.send(websocket.OP_TEXT, message)

    def close_connections(self, code: int = 1001) -> None:
        """End the live connections with a close frame and no `disconnect` message first."""
        for connection in self._snapshot():
            connection.send(websocket.OP_CLOSE, websocket.close_payload(code, "going away"))
            self._lost(connection)
            _shut(connection.sock)

    def drop_connections(self) -> None:
        """End the live connections' TCP streams with no close frame, as a crashed peer or a middlebox does."""
        for connection in self._snapshot():
            self._lost(connection)
            _shut(connection.sock)

    def silence_connections(self) -> None:
        """Stop answering on the live connections, pings included, leaving TCP open: a peer behind a dead link."""
        for connection in self._snapshot():
            connection.silent = True
            self._lost(connection)
            with self._changed:
                self._silent.append(connection)

    def reset_connections(self) -> None:
        """Reset the live connections' TCP streams (RST), with no close frame."""
        for connection in self._snapshot():
            connection.resetting = True
            self._lost(connection)
            connection.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RD)  # wakes the reader; sends nothing
            connection.sock.close()

    # the connections

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        connection = self._open(sock)
        if connection is None:
            return
        try:
            while connection.alive or connection.silent:
                frame = websocket.read_frame(sock)
                if not connection.silent:
                    self._receive(connection, frame)
        except websocket.ConnectionGone:
            pass
        finally:
            self._lost(connection)
            if not connection.resetting:
                _shut(sock)

    def _open(self, sock: socket.socket) -> _Connection | None:
        try:
            upgrade = websocket.read_upgrade(sock)
            with self._changed:
                known = upgrade.query.get("ticket") in self._tickets
                self._tickets.discard(upgrade.query.get("ticket", ""))
            if not known:
                websocket.refuse(sock, 401, "Unauthorized")
                _shut(sock)
                return None
            websocket.accept(sock, upgrade)
        except (websocket.HandshakeError, OSError):
            _shut(sock)
            return None
        connection = _Connection(next(self._numbers), sock)
        with self._changed:
            hello = {
                "type": "hello",
                "num_connections": len(self._live) + 1,
                "debug_info": {"host": "emulator", "approximate_connection_time": 18060},
                "connection_info": {"app_id": self.app_id},
            }
            connection.send(websocket.OP_TEXT, json.dumps(hello).encode())
            self._live.append(connection)
            self.connections_accepted += 1
            self._flush()
            self._changed.notify_all()
        return connection

    def _receive(self, connection: _Connection, frame: websocket.Frame) -> None:
        if frame.opcode == websocket.OP_PING:
            connection.send(websocket.OP_PONG, frame.payload)
        elif frame.opcode == websocket.OP_CLOSE:
            connection.send(websocket.OP_CLOSE, frame.payload[:2])
            connection.alive = False
        elif frame.opcode == websocket.OP_TEXT:
            self._acknowledged(connection, frame.text)

    def _acknowledged(self, connection: _Connection, text: str) -> None:
        try:
            message = json.loads(text)
        except ValueError:
            return
        envelope_id = message.get("envelope_id") if isinstance(message, dict) else None
        with self._changed:
            envelope = self._in_flight.pop(str(envelope_id), None)
            if envelope is None or envelope.sent_at is None:
                return
            now = self.clock()
            payload = message.get("payload")
            self.acks.append(
                Ack(
                    envelope.envelope_id,
                    envelope.type,
                    payload if isinstance(payload, dict) else None,
                    connection.number,
                    envelope.retry_attempt,
                    latency=now - envelope.sent_at,
                    wait=now - envelope.queued_at,
                )
            )
            self._changed.notify_all()

    def _flush(self) -> None:
        """Send what is pending on the newest live connection (the lock is held)."""
        while self._pending and self._live:
            connection = self._live[-1]
            envelope = self._pending[0]
            envelope.sent_at, envelope.connection = self.clock(), connection.number
            self._in_flight[envelope.envelope_id] = envelope
            if not connection.send(websocket.OP_TEXT, json.dumps(envelope.message()).encode()):
                self._lost(connection)
                continue
            self._pending.pop(0)

    def _lost(self, connection: _Connection) -> None:
        """`connection` is gone: what it carried unacknowledged is sent again on the next one."""
        with self._changed:
            connection.alive = False
            if connection in self._live:
                self._live.remove(connection)
            for envelope in [e for e in self._in_flight.values() if e.connection == connection.number]:
                del self._in_flight[envelope.envelope_id]
                envelope.retry_attempt += 1
                if envelope not in self._pending:
                    self._pending.append(envelope)
            self._flush()
            self._changed.notify_all()

    def _ack_for(self, envelope_id: str) -> Ack | None:
        return next((ack for ack in self.acks if ack.envelope_id == envelope_id), None)

    def _snapshot(self) -> list[_Connection]:
        with self._changed:
            return list(self._live)


def _shut(sock: socket.socket) -> None:
    """Half-close and close: the peer reads the end of the stream (a FIN), with no close frame."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
