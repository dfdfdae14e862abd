"""A person's Slack client, as an app sees it: requests built and signed the way Slack builds and signs them.

`SlackClient` sends slash commands (form-encoded), interactions (`payload=`), shortcuts and events (JSON) to an app's
request URL, with `X-Slack-Signature` and `X-Slack-Request-Timestamp`. `click` finds the element in blocks the app
really sent; `submit` fills in a modal the app really opened. Trigger ids and response URLs come from the emulator,
so `views.open` and `respond()` work as they do in Slack.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from emulator.emulator import SlackEmulator
from emulator.forms import element_by_action, state_values
from emulator.records import Ephemeral
from emulator.signing import form_body, interactive_body, json_body, signed_headers


@dataclass
class Reply:
    """What the app answered Slack over HTTP."""

    status: int
    body: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def text(self) -> str:
        """All text of an ack's message (its `text` and its blocks), for reading and assertions."""
        data = self.json
        return data.get("text", "") + "\n" + json.dumps(data.get("blocks", []), ensure_ascii=False)


class SlackClient:
    def __init__(
        self,
        slack: SlackEmulator,
        url: str,
        signing_secret: str,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.slack = slack
        self.url = url
        self.secret = signing_secret
        self.now = now
        self.team_id = slack.workspace.team_id
        self.app_id = slack.workspace.app_id

    # --- the transport ------------------------------------------------------------------------------------------

    def post(self, body: str, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        request = urllib.request.Request(self.url + path, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Reply(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode())

    def get(self, path: str) -> Reply:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return Reply(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode())

    def _send_form(self, fields: dict[str, str], extra_headers: dict[str, str] | None = None) -> Reply:
        body = form_body(fields)
        headers = signed_headers(self.secret, body, content_type="application/x-www-form-urlencoded")
        return self.post(body, {**headers, **(extra_headers or {})})

    def _send_payload(self, payload: dict[str, Any]) -> Reply:
        body = interactive_body(payload)
        return self.post(body, signed_headers(self.secret, body, content_type="application/x-www-form-urlencoded"))

    def event_callback(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """The Events API wrapper Slack puts around `event`."""
        return {
            "token": "unused",
            "team_id": self.team_id,
            "api_app_id": self.app_id,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(self.now().timestamp()),
            "event": event,
        }

    # --- what a person does in Slack ------------------------------------------------------------------------------

    def command(self, user: str, command: str, text: str = "", *, channel: str) -> Reply:
        fields = {
            "token": "unused",
            "team_id": self.team_id,
            "api_app_id": self.app_id,
            "channel_id": channel,
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "response_url": self.slack.response_url(channel, user),
            "trigger_id": self.slack.new_trigger_id(user),
        }
        return self._send_form(fields)

    def click(
        self,
        user: str,
        *,
        action_id: str,
        value: str | None = None,
        message: Any = None,
        view: dict[str, Any] | None = None,
    ) -> Reply:
        """Click the button `action_id` (and `value`, when several share it) in a message or view the bot sent."""
        source_blocks = view["blocks"] if view is not None else message.blocks
        block_id, element = element_by_action(source_blocks, action_id, value)
        action = {
            "type": element["type"],
            "action_id": action_id,
            "block_id": block_id,
            "value": element.get("value", ""),
            "action_ts": "1700000000.000001",
        }
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": self.team_id},
            "team": {"id": self.team_id},
            "api_app_id": self.app_id,
            "trigger_id": self.slack.new_trigger_id(user),
            "actions": [action],
        }
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view.get("id")}
            payload["view"] = view
        else:
            payload |= self._message_context(user, message)
        return self._send_payload(payload)

    def _message_context(self, user: str, message: Any) -> dict[str, Any]:
        """Where a click in `message` happened, as Slack tells the app. An ephemeral lives only in the person's
        client: Slack marks its container `is_ephemeral` and sends no copy of it."""
        ephemeral = isinstance(message, Ephemeral)
        container = {"type": "message", "message_ts": message.ts, "channel_id": message.channel}
        context: dict[str, Any] = {
            "container": container | ({"is_ephemeral": True} if ephemeral else {}),
            "channel": {"id": message.channel},
            "response_url": self.slack.response_url(message.channel, user, message.ts, ephemeral=ephemeral),
        }
        if not ephemeral:
            context["message"] = {"ts": message.ts, "text": message.text, "blocks": message.blocks}
        return context

    def submit(self, user: str, view: dict[str, Any], values: dict[str, Any]) -> Reply:
        """Submit a modal the bot opened, with `values` keyed by action_id (strings, lists, or option values)."""
        payload = {
            "type": "view_submission",
            "user": {"id": user, "username": user.lower(), "team_id": self.team_id},
            "team": {"id": self.team_id},
            "api_app_id": self.app_id,
            "trigger_id": self.slack.new_trigger_id(user),
            "view": {**view, "state": {"values": state_values(view, values)}},
        }
        return self._send_payload(payload)

    def shortcut(self, user: str, callback_id: str, message: dict[str, Any], channel: str) -> Reply:
        payload = {
            "type": "message_action",
            "callback_id": callback_id,
            "user": {"id": user, "username": user.lower(), "team_id": self.team_id},
            "team": {"id": self.team_id},
            "channel": {"id": channel},
            "message": message,
            "message_ts": message["ts"],
            "trigger_id": self.slack.new_trigger_id(user),
            "response_url": self.slack.response_url(channel, user),
        }
        return self._send_payload(payload)

    def event(self, event: dict[str, Any], *, retry_num: int | None = None, event_id: str | None = None) -> Reply:
        body = json_body(self.event_callback(event, event_id))
        headers = signed_headers(self.secret, body, content_type="application/json")
        if retry_num is not None:
            headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(body, headers)
