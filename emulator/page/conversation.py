"""A conversation as Slack's client lays it out: day dividers, message rows with avatar, name and time, runs of
messages from one sender folded under the first, thread replies under their parent, files, reactions."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from emulator.page.blockkit import render_blocks
from emulator.page.lookup import Lookup
from emulator.page.mrkdwn import emoji, esc, mrkdwn
from emulator.records import Ephemeral, Message

FOLD_SECONDS = 5 * 60
_NAMED_COLOURS = {"good": "#2eb67d", "warning": "#ecb22e", "danger": "#e01e5a"}
_HEX_COLOUR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
AVATAR_COLOURS = ("#e8912d", "#2bac76", "#1d9bd1", "#e01e5a", "#9f4ea8", "#3aa3a0", "#d9822b", "#4a7ac2")


@dataclass(frozen=True)
class Entry:
    """One row of a conversation: a message, or an ephemeral only `only_visible_to` saw."""

    ts: str
    user: str
    text: str = ""
    blocks: list[dict[str, Any]] | None = None
    thread_ts: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] | None = None
    reactions: dict[str, list[str]] = field(default_factory=dict)
    edited: bool = False
    only_visible_to: str | None = None

    @property
    def when(self) -> datetime:
        return datetime.fromtimestamp(int(self.ts.partition(".")[0]), UTC)

    @property
    def order(self) -> tuple[int, int]:
        seconds, _, fraction = self.ts.partition(".")
        return int(seconds), int(fraction or 0)

    @property
    def is_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


def from_message(message: Message) -> Entry:
    return Entry(
        message.ts,
        message.user,
        message.text,
        message.blocks,
        message.thread_ts,
        list(message.files),
        message.attachments,
        dict(message.reactions),
        message.edited,
    )


def from_ephemeral(ephemeral: Ephemeral, author: str) -> Entry:
    return Entry(
        ephemeral.ts, author, ephemeral.text, ephemeral.blocks, ephemeral.thread_ts, only_visible_to=ephemeral.user
    )


def conversation(entries: list[Entry], lookup: Lookup) -> str:
    """Entries in time order, with a divider at each new day (UTC) and thread replies under their parent."""
    ordered = sorted(entries, key=lambda e: e.order)
    parents = {e.ts for e in ordered if not e.is_reply}
    replies: dict[str, list[Entry]] = {}
    for entry in ordered:
        if entry.is_reply and entry.thread_ts in parents:
            replies.setdefault(str(entry.thread_ts), []).append(entry)
    rows: list[str] = []
    previous: Entry | None = None
    for entry in (e for e in ordered if not (e.is_reply and e.thread_ts in parents)):
        if previous is None or previous.when.date() != entry.when.date():
            rows.append(f'<div class="day-divider"><span>{_day(entry.when)}</span></div>')
            previous = None
        rows.append(row(entry, lookup, folded=_folds(previous, entry), replies=replies.get(entry.ts, [])))
        previous = entry
    return "".join(rows) or '<div class="empty">No messages yet.</div>'


def _day(when: datetime) -> str:
    return f"{when:%A}, {when.day} {when:%B %Y}"


def _folds(previous: Entry | None, entry: Entry) -> bool:
    """Slack shows a sender's follow-up within a few minutes without repeating avatar and name."""
    if previous is None or previous.user != entry.user or previous.only_visible_to != entry.only_visible_to:
        return False
    return (entry.when - previous.when).total_seconds() < FOLD_SECONDS


def row(entry: Entry, lookup: Lookup, *, folded: bool = False, replies: list[Entry] | None = None) -> str:
    time = f'<time title="{_day(entry.when)}, {entry.when:%H:%M:%S} UTC">{entry.when:%H:%M}</time>'
    name = lookup.user_name(entry.user)
    badge = '<span class="app-badge">APP</span>' if entry.user in lookup.bots else ""
    head = "" if folded else f'<div class="msg-head"><span class="author">{esc(name)}</span>{badge}{time}</div>'
    gutter = f'<div class="gutter">{time if folded else avatar(entry.user, name, app=entry.user in lookup.bots)}</div>'
    viewer = entry.only_visible_to
    parts = [
        f'<div class="only-you">👁 Only visible to {esc(lookup.user_name(viewer))}</div>' if viewer else "",
        head,
        body(entry, lookup),
        "".join(attachment(a, lookup) for a in entry.attachments or []),
        "".join(file_card(f, lookup) for f in entry.files),
        reactions(entry.reactions, lookup),
        thread(replies or [], lookup),
    ]
    css = "msg" + (" folded" if folded else "") + (" ephemeral" if entry.only_visible_to else "")
    # A live page acts on a message by its ts; the static page leaves it out (sends in one second order freely).
    ts = f' data-ts="{esc(entry.ts)}"' if lookup.interactive else ""
    return f'<div class="{css}"{ts}>{gutter}<div class="msg-main">{"".join(parts)}</div></div>'


def avatar(user_id: str, name: str, *, app: bool = False) -> str:
    """Initials on a colour that always follows from the id, so the same person looks the same on every page."""
    initials = "".join(word[0] for word in name.split()[:2]).upper() or "?"
    if app:
        return f'<div class="avatar app" aria-hidden="true">{esc(initials)}</div>'
    colour = AVATAR_COLOURS[zlib.crc32(user_id.encode()) % len(AVATAR_COLOURS)]
    return f'<div class="avatar" style="background:{colour}" aria-hidden="true">{esc(initials)}</div>'


def body(entry: Entry, lookup: Lookup) -> str:
    edited = ' <span class="edited">(edited)</span>' if entry.edited else ""
    if entry.blocks:
        return render_blocks(entry.blocks, lookup) + (f'<div class="edited-line">{edited}</div>' if edited else "")
    if entry.text:
        return f'<div class="bk-text">{mrkdwn(entry.text, lookup)}{edited}</div>'
    return ""


def attachment(data: dict[str, Any], lookup: Lookup) -> str:
    """A legacy secondary attachment: a coloured bar beside its blocks, or its title, text and fields."""
    content = render_blocks(data["blocks"], lookup) if data.get("blocks") else _legacy_content(data, lookup)
    return f'<div class="attachment" style="border-left-color:{_colour(data.get("color"))}">{content}</div>'


def _colour(value: object) -> str:
    text = str(value or "")
    match = _HEX_COLOUR.fullmatch(text)
    return _NAMED_COLOURS.get(text) or ("#" + match[1] if match else "#dddddd")


def _legacy_content(data: dict[str, Any], lookup: Lookup) -> str:
    title = f"<b>{esc(str(data['title']))}</b><br>" if data.get("title") else ""
    text = mrkdwn(str(data.get("text") or data.get("fallback") or ""), lookup)
    cells = "".join(_legacy_field(f, lookup) for f in data.get("fields", []))
    return f'<div class="bk-text">{title}{text}</div>' + (f'<div class="bk-fields">{cells}</div>' if cells else "")


def _legacy_field(data: dict[str, Any], lookup: Lookup) -> str:
    title, value = str(data.get("title") or ""), str(data.get("value") or "")
    return f'<div class="bk-field"><b>{esc(title)}</b><br>{mrkdwn(value, lookup)}</div>'


def file_card(data: dict[str, Any], lookup: Lookup) -> str:
    title = esc(str(data.get("title") or data.get("name") or "file"))
    source = lookup.images.get(str(data.get("id")))
    if source:
        return (
            f'<figure class="file-image"><figcaption>{title}</figcaption>'
            f'<img src="{esc(source)}" alt="{title}"></figure>'
        )
    size = int(data.get("size") or 0)
    kind = esc(str(data.get("filetype") or "file").upper())
    return (
        f'<div class="file-card"><span class="file-icon">📄</span><span><span class="file-name">{title}</span>'
        f'<span class="file-meta">{kind} · {_size(size)}</span></span></div>'
    )


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def reactions(found: dict[str, list[str]], lookup: Lookup) -> str:
    pills = []
    for name, users in found.items():
        who = ", ".join(lookup.user_name(u) for u in users)
        pills.append(
            f'<span class="reaction" title="{esc(who)}">{emoji(name)}<span class="count">{len(users)}</span></span>'
        )
    return f'<div class="reactions">{"".join(pills)}</div>' if pills else ""


def thread(replies: list[Entry], lookup: Lookup) -> str:
    if not replies:
        return ""
    noun = "reply" if len(replies) == 1 else "replies"
    rows = "".join(row(r, lookup) for r in replies)
    return f'<div class="thread"><div class="thread-count">{len(replies)} {noun}</div>{rows}</div>'
