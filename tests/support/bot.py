"""The real Cadence app, served over HTTP on a free port, and a person's Slack client that talks to it.

`BotUnderTest` is the emulator's `SlackClient` pointed at the real app: every request is signed as Slack signs it
and sent to `POST /slack/events`; then it waits for the listeners the request started to finish, fails the test if
one raised, and checks any blocks in the answer against slack_sdk's Block Kit models.
"""

from __future__ import annotations

from typing import Any

from bot.app import create_app
from bot.jobs import tick
from bot.platform.listener_executor import TrackingExecutor
from bot.platform.runtime import Runtime
from bot.web import create_web_app, serve_in_thread
from emulator import SlackEmulator
from emulator.client import Reply, SlackClient
from emulator.records import Ephemeral
from tests.support.blockkit import assert_valid_blocks

TEAM_ID = "T0CADENCE"

__all__ = ["TEAM_ID", "BotUnderTest", "Reply"]


class BotUnderTest(SlackClient):
    def __init__(self, runtime: Runtime, slack: SlackEmulator) -> None:
        self.runtime = runtime
        self.executor = TrackingExecutor()
        self.app = create_app(runtime, listener_executor=self.executor)
        self._server, self._thread, self.port = serve_in_thread(create_web_app(self.app, runtime.engine))
        super().__init__(
            slack, f"http://127.0.0.1:{self.port}", runtime.settings.slack_signing_secret, now=runtime.clock.now
        )

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.executor.shutdown(wait=True)

    def post(self, body: str, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        reply = super().post(body, headers, path)
        self.executor.wait_idle()
        if self.executor.errors:
            raise AssertionError(f"a listener raised: {self.executor.errors!r}")
        if reply.body.startswith("{") and reply.json.get("blocks"):
            assert_valid_blocks(reply.json["blocks"])
        return reply

    def command(self, user: str, command: str, text: str = "", *, channel: str = "C0GENERAL") -> Reply:
        return super().command(user, command, text, channel=channel)

    def shown(self, user: str, reply: Reply, channel: str = "C0GENERAL") -> Ephemeral:
        """A command's private answer as `user`'s Slack client shows it in `channel`, so its buttons can be clicked
        (and a reply that replaces it does so in place)."""
        shown = self.slack.show_ack(user, channel, reply.json)
        assert shown is not None, "the command answered nothing to show"
        return shown

    def tick(self) -> Any:
        """One scheduler pass, exactly as the clock process runs it."""
        return tick(self.runtime)
