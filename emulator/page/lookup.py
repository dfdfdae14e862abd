"""The names and pictures a rendered page resolves ids against: people, channels, user groups, uploaded images."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field

from emulator.emulator import SlackEmulator

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


@dataclass(frozen=True)
class Lookup:
    """What a mention or a file id stands for; `images` maps a file id to a self-contained data: URI."""

    users: Mapping[str, str] = field(default_factory=dict)
    channels: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    images: Mapping[str, str] = field(default_factory=dict)
    bots: frozenset[str] = frozenset()
    interactive: bool = False
    """Draw controls live (the sandbox acts on them) rather than disabled (the static page only shows them)."""

    def user_name(self, user_id: str, fallback: str = "") -> str:
        return self.users.get(user_id) or fallback or user_id

    def channel_name(self, channel_id: str, fallback: str = "") -> str:
        return self.channels.get(channel_id) or fallback or channel_id

    def group_handle(self, group_id: str, fallback: str = "") -> str:
        return self.groups.get(group_id) or fallback.removeprefix("@") or group_id


def lookup_for(emulator: SlackEmulator) -> Lookup:
    workspace = emulator.workspace
    return Lookup(
        users={u.id: u.real_name or u.name for u in workspace.users.values()},
        channels={c.id: c.name for c in workspace.channels.values()},
        groups={g.id: g.handle for g in workspace.usergroups.values()},
        images={f.id: uri for f in emulator.uploaded_files if (uri := image_data_uri(f.filename, f.content))},
        bots=frozenset(u.id for u in workspace.users.values() if u.is_bot),
    )


def image_data_uri(filename: str, content: bytes) -> str | None:
    """A data: URI for an uploaded picture, or None when the file is not an image a browser shows."""
    mimetype = IMAGE_TYPES.get(filename.rpartition(".")[2].lower())
    if mimetype is None or not content:
        return None
    return f"data:{mimetype};base64,{base64.b64encode(content).decode('ascii')}"
