"""A person's Slack client whose requests reach the app over Socket Mode instead of signed HTTP.

The same slash commands, clicks, submissions and events as `SlackClient`, delivered as envelopes through the
emulator's Socket Mode server; the reply is the payload of the app's ack.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from emulator.client import Reply, SlackClient
from emulator.emulator import SlackEmulator
from emulator.records import Ack


class SocketModeSlackClient(SlackClient):
    def __init__(
        self,
        slack: SlackEmulator,
        *,
        timeout: float = 10.0,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(slack, "", "", now=now)
        self.timeout = timeout
        self.acks: list[Ack] = []

    def _send_form(self, fields: dict[str, str], extra_headers: dict[str, str] | None = None) -> Reply:
        return self._deliver("slash_commands", fields, accepts_response_payload=True)

    def _send_payload(self, payload: dict[str, Any]) -> Reply:
        return self._deliver("interactive", payload, accepts_response_payload=True)

    def event(self, event: dict[str, Any], *, retry_num: int | None = None, event_id: str | None = None) -> Reply:
        return self._deliver("events_api", self.event_callback(event, event_id), accepts_response_payload=False)

    def _deliver(self, type: str, payload: dict[str, Any], *, accepts_response_payload: bool) -> Reply:
        ack = self.slack.socket_mode.deliver(
            type, payload, accepts_response_payload=accepts_response_payload, timeout=self.timeout
        )
        self.acks.append(ack)
        return Reply(200, json.dumps(ack.payload) if ack.payload else "")
