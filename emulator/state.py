"""Everything the emulated workspace holds beyond its directory: messages, DMs, views, files, triggers."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import SlackError
from emulator.records import Ephemeral, Message, ResponsePost, UploadedFile
from emulator.workspace import User, Workspace


@dataclass
class Trigger:
    user_id: str
    issued_at: float
    used: bool = False


@dataclass(frozen=True)
class ResponseTarget:
    """Where a response_url answers: `message_ts` is the message the interaction came from, an ephemeral only
    `user` sees when `ephemeral`."""

    channel: str
    user: str
    message_ts: str | None
    ephemeral: bool = False


@dataclass
class ViewStore:
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    stacks: dict[str, list[str]] = field(default_factory=dict)
    opened: list[str] = field(default_factory=list)
    home: dict[str, str] = field(default_factory=dict)


class EmulatorState:
    """Mutable state, guarded by `lock`; method implementations run with the lock held."""

    def __init__(self, workspace: Workspace, clock: Callable[[], float], wall_clock: Callable[[], float]):
        self.workspace = workspace
        self.clock = clock
        self.wall_clock = wall_clock
        self.lock = threading.RLock()
        self.base_url = ""
        self.socket_mode_url: Callable[[], str] = _no_socket_mode
        self.messages: dict[str, list[Message]] = {}
        self.open_dms: set[str] = set()
        self.ephemerals: list[Ephemeral] = []
        self.views = ViewStore()
        self.triggers: dict[str, Trigger] = {}
        self.files: dict[str, UploadedFile] = {}
        self.response_targets: dict[str, ResponseTarget] = {}
        self.response_posts: list[ResponsePost] = []
        self._last_ts_micros = 0
        self._ids = itertools.count(1)

    def next_ts(self) -> str:
        """A message ts: wall-clock seconds with six digits, strictly increasing like Slack's."""
        micros = max(self._last_ts_micros + 1, int(self.wall_clock() * 1_000_000))
        self._last_ts_micros = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):09X}"

    @staticmethod
    def dm_id(user_id: str) -> str:
        return "D" + user_id[1:]

    def user_for_dm(self, channel_id: str) -> User | None:
        if not channel_id.startswith("D"):
            return None
        for prefix in ("U", "W"):
            user = self.workspace.users.get(prefix + channel_id[1:])
            if user is not None and user.id != self.workspace.bot_user_id:
                return user
        return None

    def dm_user(self, channel_or_user: str) -> User | None:
        """The user of a bot DM named either by its D… id or by the user's own id."""
        if channel_or_user.startswith("D"):
            return self.user_for_dm(channel_or_user)
        user = self.workspace.users.get(channel_or_user)
        if user is None or user.id == self.workspace.bot_user_id:
            return None
        return user

    def channel_id(self, channel: str) -> str:
        """Resolve a channel id or name (`general`, `#general`) to a known conversation id."""
        if channel in self.workspace.channels:
            return channel
        name = channel.removeprefix("#")
        for candidate in self.workspace.channels.values():
            if candidate.name == name:
                return candidate.id
        user = self.dm_user(channel)
        if user is None:
            raise SlackError("channel_not_found")
        return self.dm_id(user.id)

    def post_target(self, channel: str) -> str:
        """Where chat.postMessage (and file shares) land; a user id means the bot's DM with them."""
        channel_id = self.channel_id(channel)
        conversation = self.workspace.channels.get(channel_id)
        if conversation is not None:
            if conversation.is_archived:
                raise SlackError("is_archived")
            if not conversation.bot_is_member:
                raise SlackError("not_in_channel")
        else:
            self.open_dms.add(channel_id)
        return channel_id

    def members_of(self, channel_id: str) -> list[str]:
        conversation = self.workspace.channels.get(channel_id)
        bot = self.workspace.bot_user_id
        if conversation is None:
            user = self.user_for_dm(channel_id)
            return [user.id, bot] if user else []
        members = list(conversation.members)
        if conversation.bot_is_member and bot not in members:
            members.append(bot)
        return members

    def add_message(self, channel_id: str, **fields: Any) -> Message:
        message = Message(ts=self.next_ts(), channel=channel_id, user=self.workspace.bot_user_id, **fields)
        self.messages.setdefault(channel_id, []).append(message)
        return message

    def find_message(self, channel: str, ts: str) -> Message:
        channel_id = self.channel_id(channel)
        for message in self.messages.get(channel_id, []):
            if message.ts == ts:
                return message
        raise SlackError("message_not_found")

    def remove_message(self, message: Message) -> None:
        self.messages[message.channel].remove(message)

    def ephemeral_index(self, channel: str, user: str, ts: str) -> int | None:
        """Where the ephemeral `ts` that `user` sees in `channel` is in `ephemerals` (None once it is gone)."""
        for index, shown in enumerate(self.ephemerals):
            if (shown.channel, shown.user, shown.ts) == (channel, user, ts):
                return index
        return None

    def message_dict(self, message: Message, include_metadata: bool = True) -> dict[str, Any]:
        ws = self.workspace
        data: dict[str, Any] = {
            "type": "message",
            "user": message.user,
            "bot_id": ws.bot_id,
            "app_id": ws.app_id,
            "team": ws.team_id,
            "text": message.text,
            "ts": message.ts,
        }
        optional = {
            "blocks": message.blocks,
            "attachments": message.attachments,
            "thread_ts": message.thread_ts,
            "files": message.files or None,
            "metadata": message.metadata if include_metadata else None,
        }
        data.update({k: v for k, v in optional.items() if v is not None})
        if message.edited:
            data["edited"] = {"user": message.user, "ts": message.ts}
        if message.reactions:
            data["reactions"] = [
                {"name": name, "users": list(users), "count": len(users)} for name, users in message.reactions.items()
            ]
        return data

    def permalink(self, channel_id: str, ts: str) -> str:
        return f"https://{self.workspace.domain}.slack.com/archives/{channel_id}/p{ts.replace('.', '')}"


def _no_socket_mode() -> str:
    raise SlackError("internal_error")
