"""How one request is answered: latency, injected faults, method lookup, auth, rate limits,
required arguments, the method itself, and the record of it all."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from emulator import response_urls
from emulator.errors import SlackError
from emulator.faults import Fault, FaultKind, FaultSet
from emulator.methods import METHODS
from emulator.methods.files import private_download, receive_upload
from emulator.ratelimit import RateLimiter
from emulator.records import Call
from emulator.state import EmulatorState
from emulator.validation import check_required

APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
SERVER_ERRORS = {
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "request_timeout",
}


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, Any] | str | bytes
    headers: dict[str, str] = field(default_factory=dict)
    dropped: bool = False
    """Close the connection instead of answering."""


DROPPED = Reply(0, {"ok": False, "error": "connection_dropped"}, dropped=True)


class Application:
    def __init__(self, state: EmulatorState, faults: FaultSet, limiter: RateLimiter) -> None:
        self.state = state
        self.faults = faults
        self.limiter = limiter
        self.latency = 0.0
        self.calls: list[Call] = []
        self._in_flight = 0
        self._idle = threading.Condition()

    def api(self, method: str, args: dict[str, Any], token: str | None, error: SlackError | None) -> Reply:
        with self._tracked():
            if self.latency > 0:
                time.sleep(self.latency)
            fault = self.faults.take(method, args)
            if fault is not None and fault.kind is FaultKind.SLOW:
                time.sleep(fault.seconds)
            reply = _fault_reply(fault) if fault is not None else None
            if reply is None:
                reply = self._answer(method, args, token, error)
            self._record(method, args, reply)
            if fault is not None and fault.kind is FaultKind.ANSWER_LOST:
                if fault.seconds <= 0:
                    return DROPPED
                time.sleep(fault.seconds)
            return reply

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no Web API call is being answered (a slow fault may still be applying one). False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout=timeout)

    @contextmanager
    def _tracked(self) -> Iterator[None]:
        with self._idle:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def upload(self, file_id: str, content: bytes) -> Reply:
        with self.state.lock:
            stored = receive_upload(self.state, file_id, content)
        if not stored:
            return Reply(404, "Not Found")
        return Reply(200, f"OK - {len(content)}")

    def download(self, file_id: str, token: str | None) -> Reply:
        with self.state.lock:
            content = private_download(self.state, file_id, token)
        if content is None:
            return Reply(403, "Forbidden")
        return Reply(200, content)

    def response_url(self, token: str, payload: Any) -> Reply:
        with self.state.lock:
            status, body = response_urls.receive(self.state, token, payload)
        return Reply(status, body)

    def _answer(self, method: str, args: dict[str, Any], token: str | None, error: SlackError | None) -> Reply:
        try:
            if error is not None:
                raise error
            implementation = METHODS.get(method)
            if implementation is None:
                raise SlackError("unknown_method")
            self._authenticate(method, token)
            retry_after = self.limiter.check(method, args)
            if retry_after is not None:
                return _rate_limited(retry_after)
            check_required(method, args)
            with self.state.lock:
                return Reply(200, implementation(self.state, args))
        except SlackError as exc:
            return Reply(200, exc.to_response())

    def _authenticate(self, method: str, token: str | None) -> None:
        """The bot token for Web API methods, the app-level token for `apps.connections.open`, as Slack checks."""
        if not token:
            raise SlackError("not_authed")
        workspace = self.state.workspace
        expected = workspace.app_token if method in APP_TOKEN_METHODS else workspace.bot_token
        if token == expected:
            return
        if token in (workspace.bot_token, workspace.app_token):
            raise SlackError("not_allowed_token_type")
        raise SlackError("invalid_auth")

    def _record(self, method: str, args: dict[str, Any], reply: Reply) -> None:
        body = reply.body if isinstance(reply.body, dict) else {"body": reply.body}
        call = Call(method, copy.deepcopy(args), copy.deepcopy(body), reply.status, self.state.clock())
        with self.state.lock:
            self.calls.append(call)


def _fault_reply(fault: Fault) -> Reply | None:
    if fault.kind is FaultKind.RATE_LIMITED:
        return _rate_limited(fault.retry_after)
    if fault.kind is FaultKind.SERVER_ERROR:
        error = SERVER_ERRORS.get(fault.status, "fatal_error")
        return Reply(fault.status, {"ok": False, "error": error})
    if fault.kind is FaultKind.ERROR:
        return Reply(200, {"ok": False, "error": fault.error_code})
    if fault.kind is FaultKind.DROPPED:
        return DROPPED
    return None


def _rate_limited(retry_after: int) -> Reply:
    return Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
