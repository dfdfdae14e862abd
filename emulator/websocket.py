"""The server side of RFC 6455, as much as Slack's Socket Mode needs: the opening handshake and unfragmented frames.

Kept on raw sockets, not a library, so the emulator can misbehave the ways a network does: close with a frame,
drop the TCP connection without one, or reset it.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import struct
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
MAX_HEADER_BYTES = 16_384


class HandshakeError(Exception):
    """The request was not a websocket upgrade this server accepts; the message is the HTTP status line's reason."""


class ConnectionGone(Exception):
    """The peer closed or reset the TCP connection."""


@dataclass(frozen=True)
class Frame:
    opcode: int
    payload: bytes

    @property
    def text(self) -> str:
        return self.payload.decode("utf-8", "replace")


@dataclass(frozen=True)
class Upgrade:
    """A websocket upgrade request: its path and query, and the key to answer."""

    path: str
    query: dict[str, str]
    key: str


def accept_key(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()


def read_upgrade(sock: socket.socket) -> Upgrade:
    """Read the HTTP upgrade request from `sock`; raise `HandshakeError` if it is not one."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk or len(data) > MAX_HEADER_BYTES:
            raise HandshakeError("Bad Request")
        data += chunk
    request_line, *header_lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, _, rest = request_line.partition(" ")
    target = rest.rsplit(" ", 1)[0]
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if method != "GET" or headers.get("upgrade", "").lower() != "websocket" or "sec-websocket-key" not in headers:
        raise HandshakeError("Bad Request")
    url = urlsplit(target)
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    return Upgrade(url.path, query, headers["sec-websocket-key"])


def accept(sock: socket.socket, upgrade: Upgrade) -> None:
    sock.sendall(
        (
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept_key(upgrade.key)}\r\n\r\n"
        ).encode()
    )


def refuse(sock: socket.socket, status: int, reason: str) -> None:
    body = reason.encode()
    sock.sendall(
        f"HTTP/1.1 {status} {reason}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body
    )


def encode(opcode: int, payload: bytes = b"") -> bytes:
    """A final, unmasked frame, as a server sends it."""
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, length)
    return header + payload


def close_payload(code: int, reason: str = "") -> bytes:
    return struct.pack("!H", code) + reason.encode()


def read_frame(sock: socket.socket) -> Frame:
    """The next frame from a client (clients mask theirs), with continuations joined to their first frame."""
    opcode, final, payload = _read_one(sock)
    while not final:
        _, final, more = _read_one(sock)
        payload += more
    return Frame(opcode, payload)


def _read_one(sock: socket.socket) -> tuple[int, bool, bytes]:
    first, second = _read_exactly(sock, 2)
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _read_exactly(sock, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _read_exactly(sock, 8))
    mask = _read_exactly(sock, 4) if second & 0x80 else b""
    payload = _read_exactly(sock, length)
    if mask:
        payload = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
    return first & 0x0F, bool(first & 0x80), payload


def _read_exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        try:
            chunk = sock.recv(count - len(data))
        except OSError as exc:
            raise ConnectionGone(str(exc)) from exc
        if not chunk:
            raise ConnectionGone("end of stream")
        data += chunk
    return data
