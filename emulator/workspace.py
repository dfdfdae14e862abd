"""The Slack workspace the emulator serves: its users, channels and user groups."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class User:
    id: str
    name: str
    real_name: str = ""
    tz: str = "UTC"
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False


@dataclass
class Channel:
    """A public (C…) or private (C…/G…) conversation; DMs are derived from users instead."""

    id: str
    name: str
    members: list[str] = field(default_factory=list)
    is_private: bool = False
    bot_is_member: bool = True
    is_archived: bool = False


@dataclass
class Usergroup:
    id: str
    handle: str
    users: list[str] = field(default_factory=list)


class Workspace:
    """A team as Slack would describe it to the installed bot.

    The bot's own user is added automatically, so `users.info` and `users.list` see it as Slack does.
    """

    def __init__(
        self,
        team_id: str = "T0CADENCE",
        team_name: str = "Cadence",
        bot_user_id: str = "UBOT",
        bot_token: str = "xoxb-test-token",
        bot_id: str = "B0CADENCE",
        app_id: str = "A0CADENCE",
        bot_name: str = "cadence",
        app_token: str = "xapp-test-token",
    ) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.bot_token = bot_token
        self.bot_id = bot_id
        self.app_id = app_id
        self.bot_name = bot_name
        self.app_token = app_token
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.usergroups: dict[str, Usergroup] = {}
        self.add_user(bot_user_id, name=bot_name, real_name=bot_name.title(), is_bot=True)

    @property
    def domain(self) -> str:
        return "".join(ch for ch in self.team_name.lower() if ch.isalnum()) or "workspace"

    def add_user(
        self,
        user_id: str,
        *,
        name: str,
        real_name: str = "",
        tz: str = "UTC",
        is_bot: bool = False,
        deleted: bool = False,
        is_admin: bool = False,
    ) -> User:
        user = User(user_id, name, real_name or name, tz, is_bot, deleted, is_admin)
        self.users[user_id] = user
        return user

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        members: list[str] | None = None,
        is_private: bool = False,
        bot_is_member: bool = True,
        is_archived: bool = False,
    ) -> Channel:
        channel = Channel(channel_id, name, list(members or []), is_private, bot_is_member, is_archived)
        self.channels[channel_id] = channel
        return channel

    def add_usergroup(self, usergroup_id: str, *, handle: str, users: list[str] | None = None) -> Usergroup:
        group = Usergroup(usergroup_id, handle, list(users or []))
        self.usergroups[usergroup_id] = group
        return group

    def to_dict(self) -> dict[str, Any]:
        return {
            "team_id": self.team_id,
            "team_name": self.team_name,
            "bot_user_id": self.bot_user_id,
            "bot_token": self.bot_token,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "bot_name": self.bot_name,
            "users": [asdict(u) for u in self.users.values() if u.id != self.bot_user_id],
            "channels": [asdict(c) for c in self.channels.values()],
            "usergroups": [asdict(g) for g in self.usergroups.values()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Workspace:
        settings = {k: data[k] for k in _SETTINGS if k in data}
        workspace = cls(**settings)
        for user in data.get("users", []):
            fields = dict(user)
            workspace.add_user(fields.pop("id"), **fields)
        for channel in data.get("channels", []):
            fields = dict(channel)
            workspace.add_channel(fields.pop("id"), **fields)
        for group in data.get("usergroups", []):
            fields = dict(group)
            workspace.add_usergroup(fields.pop("id"), **fields)
        return workspace


_SETTINGS = ("team_id", "team_name", "bot_user_id", "bot_token", "bot_id", "app_id", "bot_name", "app_token")
