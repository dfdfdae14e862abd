"""What the emulator remembers: the calls it answered and the Slack objects those calls created."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    """One Web API request as the emulator answered it (faults included)."""

    method: str
    args: dict[str, Any]
    response: dict[str, Any]
    status: int
    at: float

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class Message:
    ts: str
    channel: str
    user: str
    text: str = ""
    blocks: list[dict[str, Any]] | None = None
    thread_ts: str | None = None
    metadata: dict[str, Any] | None = None
    edited: bool = False
    attachments: list[dict[str, Any]] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    reactions: dict[str, list[str]] = field(default_factory=dict)
    reply_broadcast: bool = False


@dataclass(frozen=True)
class Ephemeral:
    """A message only `user` sees; `source` is "chat.postEphemeral", "response_url" or "ack" (a command's reply)."""

    channel: str
    user: str
    text: str
    blocks: list[dict[str, Any]] | None
    thread_ts: str | None
    ts: str
    source: str


@dataclass
class UploadedFile:
    id: str
    filename: str
    title: str
    content: bytes
    channel_id: str | None = None
    initial_comment: str | None = None
    length: int = 0
    uploaded: bool = False
    completed: bool = False
    shared_by: str | None = None
    """The person who shared it (None for the app's own uploads)."""


@dataclass(frozen=True)
class ResponsePost:
    """One POST to a response_url, with the channel and user the URL was issued for."""

    url: str
    channel: str
    user: str
    payload: dict[str, Any]
    status: int


@dataclass
class Envelope:
    envelope_id: str
    type: str
    payload: dict[str, Any]
    accepts_response_payload: bool
    queued_at: float
    retry_attempt: int = 0
    sent_at: float | None = None
    connection: int | None = None

    def message(self) -> dict[str, Any]:
        message = {
            "envelope_id": self.envelope_id,
            "type": self.type,
            "payload": self.payload,
            "accepts_response_payload": self.accepts_response_payload,
        }
        if self.type == "events_api":
            message |= {"retry_attempt": self.retry_attempt, "retry_reason": "timeout" if self.retry_attempt else ""}
        return message


@dataclass(frozen=True)
class Ack:
    """An envelope the app acknowledged: `latency` from being sent to the ack, `wait` from being queued."""

    envelope_id: str
    type: str
    payload: dict[str, Any] | None
    connection: int
    retry_attempt: int
    latency: float
    wait: float
