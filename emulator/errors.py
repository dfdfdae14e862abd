"""The error a Web API method answers with: HTTP 200 and `{"ok": false, "error": …}`."""

from __future__ import annotations

from typing import Any


class SlackError(Exception):
    def __init__(self, error: str, *messages: str) -> None:
        super().__init__(error)
        self.error = error
        self.messages = messages

    def to_response(self) -> dict[str, Any]:
        response: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            response["response_metadata"] = {"messages": list(self.messages)}
        return response
