"""The real Cadence app, served over HTTP on a free port, and a person's Slack client that talks to it.

`BotUnderTest` signs every request as Slack does, sends it to `POST /slack/events`, waits for the listeners it
started to finish, and returns Slack's view of the answer. `click` finds a button in blocks the bot really sent;
`submit` fills and submits a modal the bot really opened.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

import uvicorn

from bot.app import create_app
from bot.runtime import Runtime
from bot.scheduler import tick
from bot.web import create_web_app
from emulator import SlackEmulator
from tests.support.blockkit import assert_valid_blocks
from tests.support.executor import TrackingExecutor
from tests.support.signing import form_body, interactive_body, json_body, signed_headers
from tests.support.views import element_by_action, state_values

TEAM_ID = "T0CADENCE"
APP_ID = "A0CADENCE"


@dataclass
class Reply:
    """What the bot answered Slack over HTTP."""

    status: int
    body: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def text(self) -> str:
        """All text of an ack's message (its `text` and its blocks), for assertions."""
        data = self.json
        return data.get("text", "") + "\n" + json.dumps(data.get("blocks", []), ensure_ascii=False)


class BotUnderTest:
    def __init__(self, runtime: Runtime, slack: SlackEmulator) -> None:
        self.runtime = runtime
        self.slack = slack
        self.secret = runtime.settings.slack_signing_secret
        self.executor = TrackingExecutor()
        self.app = create_app(runtime, listener_executor=self.executor)
        self._server, self._thread, self.port = _serve(create_web_app(self.app, runtime.engine))
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.executor.shutdown(wait=True)

    # --- the transport ------------------------------------------------------------------------------------------

    def post(self, body: str, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        request = urllib.request.Request(self.url + path, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                reply = Reply(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            reply = Reply(error.code, error.read().decode())
        self.executor.wait_idle()
        if self.executor.errors:
            raise AssertionError(f"a listener raised: {self.executor.errors!r}")
        if reply.body.startswith("{") and reply.json.get("blocks"):
            assert_valid_blocks(reply.json["blocks"])
        return reply

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

    # --- what a person does in Slack ------------------------------------------------------------------------------

    def command(self, user: str, command: str, text: str = "", *, channel: str = "C0GENERAL") -> Reply:
        fields = {
            "token": "unused",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
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
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "team": {"id": TEAM_ID},
            "api_app_id": APP_ID,
            "trigger_id": self.slack.new_trigger_id(user),
            "actions": [action],
        }
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view.get("id")}
            payload["view"] = view
        else:
            payload["container"] = {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
            }
            payload["channel"] = {"id": message.channel}
            payload["message"] = {"ts": message.ts, "text": message.text, "blocks": message.blocks}
            payload["response_url"] = self.slack.response_url(message.channel, user, message_ts=message.ts)
        return self._send_payload(payload)

    def submit(self, user: str, view: dict[str, Any], values: dict[str, Any]) -> Reply:
        """Submit a modal the bot opened, with `values` keyed by action_id (strings, lists, or option values)."""
        payload = {
            "type": "view_submission",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "team": {"id": TEAM_ID},
            "api_app_id": APP_ID,
            "trigger_id": self.slack.new_trigger_id(user),
            "view": {**view, "state": {"values": state_values(view, values)}},
        }
        return self._send_payload(payload)

    def shortcut(self, user: str, callback_id: str, message: dict[str, Any], channel: str) -> Reply:
        payload = {
            "type": "message_action",
            "callback_id": callback_id,
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "team": {"id": TEAM_ID},
            "channel": {"id": channel},
            "message": message,
            "message_ts": message["ts"],
            "trigger_id": self.slack.new_trigger_id(user),
            "response_url": self.slack.response_url(channel, user),
        }
        return self._send_payload(payload)

    def event(self, event: dict[str, Any], *, retry_num: int | None = None, event_id: str | None = None) -> Reply:
        envelope = {
            "token": "unused",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(self.runtime.clock.now().timestamp()),
            "event": event,
        }
        body = json_body(envelope)
        headers = signed_headers(self.secret, body, content_type="application/json")
        if retry_num is not None:
            headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(body, headers)

    def tick(self) -> Any:
        """One scheduler pass, exactly as the clock process runs it."""
        return tick(self.runtime)


def _serve(web: Any) -> tuple[uvicorn.Server, threading.Thread, int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(500):
        if server.started:
            started.set()
            break
        started.wait(0.01)
    if not started.is_set():
        raise RuntimeError("the bot's HTTP server did not start")
    return server, thread, port
