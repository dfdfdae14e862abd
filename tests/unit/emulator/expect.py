"""Names of the test workspace, and small ways to state what Slack should answer."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

TOKEN = "xoxb-test-token"
BOT = "UBOT"
ALICE, BOB, CAROL, GONE = "U001", "U002", "U003", "U009"
GENERAL, OUTSIDE, PRIVATE, SECRET = "C001", "C002", "G003", "G004"
SUPPORT = "S001"


class ManualMonotonic:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def slack_error(call: Callable[..., Any], **kwargs: Any) -> str:
    """The `error` of the ok:false answer the call must get."""
    with pytest.raises(SlackApiError) as raised:
        call(**kwargs)
    assert raised.value.response.status_code == 200
    return str(raised.value.response["error"])


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def raw_request(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """A plain HTTP request, for encodings WebClient never sends; answers (status, headers, body)."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def post_json(url: str, payload: Any) -> tuple[int, Any]:
    status, _, body = raw_request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    return status, json.loads(body)
