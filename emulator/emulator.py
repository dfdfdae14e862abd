"""SlackEmulator: a local Slack Web API on a free port, and what a test can ask it afterwards."""

from __future__ import annotations

import copy
import secrets
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from emulator import response_urls
from emulator.dispatch import Application
from emulator.faults import FaultSet
from emulator.methods.files import file_dict
from emulator.ratelimit import RateLimiter
from emulator.records import Call, Ephemeral, Message, ResponsePost, UploadedFile
from emulator.server import EmulatorHTTPServer
from emulator.socket_mode import SocketModeServer
from emulator.state import EmulatorState, Trigger
from emulator.workspace import Workspace


class SlackEmulator:
    """Serves `workspace` over HTTP once started; point `slack_sdk.WebClient(base_url=api_url)` at it.

    `clock` (monotonic seconds) times trigger expiry, rate limits and call records, so tests can move
    time without sleeping; `wall_clock` (epoch seconds) stamps message ts values. Slack's rate-limit tiers apply
    to every method unless `tiers=False` (see `emulator.ratelimit`).
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
        port: int = 0,
        tiers: bool = True,
    ) -> None:
        self.workspace = workspace
        self.faults = FaultSet()
        self._address = (host, port)
        self._state = EmulatorState(workspace, clock, wall_clock)
        self._limiter = RateLimiter(clock, tiers=tiers)
        self._app = Application(self._state, self.faults, self._limiter)
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._socket_mode: SocketModeServer | None = None
        self._state.socket_mode_url = lambda: self.socket_mode.issue_url()

    # lifecycle

    def start(self) -> SlackEmulator:
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        self._server = EmulatorHTTPServer(self._address, self._app)
        self._state.base_url = f"http://{self._address[0]}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._socket_mode is not None:
            self._socket_mode.stop()
            self._socket_mode = None
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> SlackEmulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if not self._state.base_url:
            raise RuntimeError("start the emulator first")
        return self._state.base_url

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    @property
    def socket_mode(self) -> SocketModeServer:
        """The Socket Mode server behind `apps.connections.open`, started on first use."""
        with self._state.lock:
            if self._socket_mode is None:
                self._socket_mode = SocketModeServer(self.workspace.app_id, clock=time.monotonic)
                self._socket_mode.start()
            return self._socket_mode

    # behaviour

    def set_latency(self, seconds: float) -> None:
        self._app.latency = max(0.0, seconds)

    def set_rate_limit(self, method: str, per_minute: float | None, burst: int = 1) -> None:
        """Limit `method` workspace-wide with a token bucket in place of its tier; `per_minute=None` lifts every
        limit on it."""
        if per_minute is None:
            self._limiter.remove(method)
        else:
            self._limiter.set_limit(method, per_minute, burst)

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait (bounded) until every Web API call in flight is answered, e.g. one a slow fault is still applying
        after the client gave up on it."""
        if not self._app.wait_idle(timeout):
            raise TimeoutError(f"the emulator was still answering calls after {timeout} s")

    @property
    def rate_limit_hits(self) -> int:
        return self._limiter.hits

    def set_tiers(self, enabled: bool) -> None:
        """Turn Slack's per-method tiers on or off (limits set with `set_rate_limit` stay)."""
        self._limiter.tiers = enabled

    def new_trigger_id(self, user_id: str) -> str:
        """A trigger_id for `user_id`, as an interaction payload would carry; single use, 3 s life."""
        with self._state.lock:
            trigger_id = f"{int(self._state.wall_clock())}.{self._state.new_id('')}.{secrets.token_hex(16)}"
            self._state.triggers[trigger_id] = Trigger(user_id, self._state.clock())
        return trigger_id

    def response_url(
        self, channel_id: str, user_id: str, message_ts: str | None = None, *, ephemeral: bool = False
    ) -> str:
        """A response_url for an interaction by `user_id` in `channel_id`, from message `message_ts`
        when it came from a message (that is what replace_original/delete_original act on), an ephemeral one
        `user_id` sees when `ephemeral`."""
        with self._state.lock:
            return response_urls.issue(self._state, channel_id, user_id, message_ts, ephemeral)

    # records

    @property
    def calls(self) -> list[Call]:
        with self._state.lock:
            return list(self._app.calls)

    def calls_to(self, method: str, include_failed: bool = False) -> list[Call]:
        return [c for c in self.calls if c.method == method and (include_failed or c.ok)]

    def reset_calls(self) -> None:
        with self._state.lock:
            self._app.calls.clear()

    @property
    def response_posts(self) -> list[ResponsePost]:
        with self._state.lock:
            return list(self._state.response_posts)

    # workspace contents

    def post_as(self, user_id: str, channel_id: str, text: str) -> Message:
        """A message a person typed in the Slack client (Slack sends the app no event for it unless asked)."""
        with self._state.lock:
            message = Message(ts=self._state.next_ts(), channel=channel_id, user=user_id, text=text)
            self._state.messages.setdefault(channel_id, []).append(message)
            return copy.deepcopy(message)

    def show_ack(self, user_id: str, channel_id: str, reply: dict[str, Any]) -> Ephemeral | None:
        """The message in a slash command's HTTP ack, which Slack shows only to `user_id` in `channel_id`."""
        if not reply.get("text") and not reply.get("blocks"):
            return None
        with self._state.lock:
            shown = Ephemeral(
                channel_id, user_id, str(reply.get("text", "")), reply.get("blocks"), None, self._state.next_ts(), "ack"
            )
            self._state.ephemerals.append(shown)
            return shown

    def react_as(self, user_id: str, message: Message, emoji: str) -> dict[str, Any]:
        """A person adds reaction `emoji` to `message`; returns the `reaction_added` event Slack sends for it."""
        with self._state.lock:
            stored = self._state.find_message(message.channel, message.ts)
            users = stored.reactions.setdefault(emoji, [])
            if user_id not in users:
                users.append(user_id)
            reacted_at = self._state.next_ts()
        return {
            "type": "reaction_added",
            "user": user_id,
            "reaction": emoji,
            "item_user": message.user,
            "item": {"type": "message", "channel": message.channel, "ts": message.ts},
            "event_ts": reacted_at,
        }

    def share_file_as(self, user_id: str, filename: str, content: bytes) -> dict[str, Any]:
        """A person drops a file into their DM with the app; returns the `message` event (subtype `file_share`)
        Slack sends for it. The file downloads from its `url_private_download` with the bot token."""
        with self._state.lock:
            channel_id = self._state.dm_id(user_id)
            upload = UploadedFile(self._state.new_id("F"), filename, filename, content, channel_id=channel_id)
            upload.uploaded = upload.completed = True
            upload.shared_by = user_id
            self._state.files[upload.id] = upload
            shared = file_dict(self._state, upload)
            message = Message(ts=self._state.next_ts(), channel=channel_id, user=user_id, files=[shared])
            self._state.messages.setdefault(channel_id, []).append(message)
        return {
            "type": "message",
            "subtype": "file_share",
            "user": user_id,
            "channel": channel_id,
            "channel_type": "im",
            "text": "",
            "files": [shared],
            "ts": message.ts,
            "event_ts": message.ts,
        }

    def messages(self, channel_id: str) -> list[Message]:
        with self._state.lock:
            return copy.deepcopy(self._state.messages.get(channel_id, []))

    def dm_channel_id(self, user_id: str) -> str:
        if user_id not in self.workspace.users or user_id == self.workspace.bot_user_id:
            raise KeyError(f"no user {user_id} to open a DM with")
        return self._state.dm_id(user_id)

    def dms_to(self, user_id: str) -> list[Message]:
        return self.messages(self.dm_channel_id(user_id))

    def ephemerals(self, channel: str | None = None, user: str | None = None) -> list[Ephemeral]:
        with self._state.lock:
            return [
                e
                for e in self._state.ephemerals
                if (channel is None or e.channel == channel) and (user is None or e.user == user)
            ]

    @property
    def views(self) -> dict[str, dict[str, Any]]:
        with self._state.lock:
            return copy.deepcopy(self._state.views.views)

    def opened_views(self, user_id: str | None = None) -> list[dict[str, Any]]:
        """Views opened with views.open, oldest first, as they are now (after any views.update)."""
        with self._state.lock:
            store = self._state.views
            return [
                copy.deepcopy(store.views[view_id])
                for view_id in store.opened
                if user_id is None or store.owner[view_id] == user_id
            ]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        with self._state.lock:
            view_id = self._state.views.home.get(user_id)
            return copy.deepcopy(self._state.views.views[view_id]) if view_id else None

    @property
    def uploaded_files(self) -> list[UploadedFile]:
        with self._state.lock:
            return [copy.deepcopy(f) for f in self._state.files.values() if f.completed]
