"""How one request is answered: latency, injected faults, method lookup, auth, rate limits,
required arguments, the method itself, and the record of it all."""

from __future__ import annotations

import copy
import time
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


class Application:
    def __init__(self, state: EmulatorState, faults: FaultSet, limiter: RateLimiter) -> None:
        self.state = state
        self.faults = faults
        self.limiter = limiter
        self.latency = 0.0
        self.calls: list[Call] = []

    def api(self, method: str, args: dict[str, Any], token: str | None, error: SlackError | None) -> Reply:
        if self.latency > 0:
            time.sleep(self.latency)
        fault = self.faults.take(method, args)
        if fault is not None and fault.kind is FaultKind.SLOW:
            time.sleep(fault.seconds)
        reply = _fault_reply(fault) if fault is not None else None
        if reply is None:
            reply = self._answer(method, args, token, error)
        self._record(method, args, reply)
        return reply

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
            self._authenticate(token)
            retry_after = self.limiter.check(method, args)
            if retry_after is not None:
                return _rate_limited(retry_after)
            check_required(method, args)
            with self.state.lock:
                return Reply(200, implementation(self.state, args))
        except SlackError as exc:
            return Reply(200, exc.to_response())

    def _authenticate(self, token: str | None) -> None:
        if not token:
            raise SlackError("not_authed")
        if token != self.state.workspace.bot_token:
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
    return None


def _rate_limited(retry_after: int) -> Reply:
    return Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
