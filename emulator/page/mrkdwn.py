"""Slack mrkdwn and plain_text to HTML.

Slack sends `&`, `<` and `>` typed by people as `&amp;`, `&lt;` and `&gt;`; raw angle brackets only ever mark a
link, mention or broadcast. So the text between control sequences is un-escaped from Slack's form and then
escaped for HTML, and nothing a person typed can become markup: `&lt;script&gt;` is shown as `<script>`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from emulator.page.emoji import EMOJI
from emulator.page.lookup import Lookup

SAFE_SCHEMES = ("http://", "https://", "mailto:")
BROADCASTS = {"here", "channel", "everyone"}

_CODE = re.compile(r"`([^`\n]+)`")
_ANGLE = re.compile(r"<([^<>\n]*)>")
_EMOJI = re.compile(r":([a-z0-9_+'-]+):")
_QUOTE = re.compile(r"^(?:>|&gt;) ?")
_STYLES = [
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), "b"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), "i"),
    (re.compile(r"(?<![\w~])~(?=\S)(.+?)(?<=\S)~(?![\w~])"), "s"),
]
_SLOT = re.compile("\x00(\\d+)\x00")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def unslack(text: str) -> str:
    """Undo Slack's escaping of the three control characters."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _Slots:
    """HTML set aside while the text around it is escaped and formatted, then put back."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def keep(self, fragment: str) -> str:
        self.parts.append(fragment)
        return f"\x00{len(self.parts) - 1}\x00"

    def sub(self, pattern: re.Pattern[str], render: Callable[[re.Match[str]], str], text: str) -> str:
        return pattern.sub(lambda m: self.keep(render(m)), text)

    def restore(self, text: str) -> str:
        return _SLOT.sub(lambda m: self.parts[int(m[1])], text)


def emoji(name: str) -> str:
    glyph = EMOJI.get(name)
    return f'<span class="emoji" title=":{esc(name)}:">{glyph}</span>' if glyph else esc(f":{name}:")


def emoji_glyphs(text: str) -> str:
    """`:zap: Put it right` as `⚡ Put it right`, for places that hold text only (an <option>); not escaped."""
    return _EMOJI.sub(lambda m: EMOJI.get(m[1], m[0]), text)


def is_safe_url(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


def link(url: str, label_html: str) -> str:
    """An anchor only for http(s) and mailto; any other scheme (javascript:, data:…) stays plain text."""
    if not is_safe_url(url):
        return label_html
    return f'<a href="{esc(url.strip())}" rel="noopener noreferrer" target="_blank">{label_html}</a>'


def mention(kind: str, label: str) -> str:
    return f'<span class="mention mention-{kind}">{esc(label)}</span>'


def plain_text(text: str, *, with_emoji: bool = True) -> str:
    slots = _Slots()
    kept = slots.sub(_EMOJI, lambda m: emoji(m[1]), text.replace("\x00", "")) if with_emoji else text
    return slots.restore(esc(kept)).replace("\n", "<br>")


def mrkdwn(text: str, lookup: Lookup) -> str:
    """Slack mrkdwn as HTML: fenced code, quotes, styles, links, mentions, emoji, everything else escaped."""
    parts = text.replace("\x00", "").split("```")
    if len(parts) % 2 == 0:
        parts[-2:] = ["```".join(parts[-2:])]
    rendered = []
    for index, part in enumerate(parts):
        if index % 2:
            rendered.append(f"<pre>{esc(unslack(part.strip(chr(10))))}</pre>")
            continue
        if index > 0:
            part = part.removeprefix("\n")  # the line break after a fence belongs to the fence
        if index < len(parts) - 1:
            part = part.removesuffix("\n")
        if part:
            rendered.append(_lines(part, lookup))
    return "".join(rendered)


def _lines(text: str, lookup: Lookup) -> str:
    """Lines joined by <br>, with runs of quoted lines in one blockquote."""
    out: list[str] = []
    quoted: list[str] = []
    for line in text.split("\n"):
        if _QUOTE.match(line):
            quoted.append(inline(_QUOTE.sub("", line, count=1), lookup))
            continue
        if quoted:
            out.append("<blockquote>" + "<br>".join(quoted) + "</blockquote>")
            quoted = []
        out.append(inline(line, lookup) + "<br>")
    if quoted:
        out.append("<blockquote>" + "<br>".join(quoted) + "</blockquote>")
    return "".join(out).removesuffix("<br>")


def inline(text: str, lookup: Lookup) -> str:
    slots = _Slots()
    text = slots.sub(_CODE, lambda m: f"<code>{esc(unslack(m[1]))}</code>", text)
    text = slots.sub(_ANGLE, lambda m: control(m[1], lookup), text)
    text = slots.sub(_EMOJI, lambda m: emoji(m[1]), text)
    text = esc(unslack(text))
    for pattern, tag in _STYLES:
        text = pattern.sub(rf"<{tag}>\1</{tag}>", text)
    return slots.restore(text)


def control(content: str, lookup: Lookup) -> str:
    """One `<…>` sequence: a mention, a broadcast, a date, or a link."""
    target, _, label = content.partition("|")
    label = unslack(label)
    if target.startswith("@"):
        return mention("user", "@" + lookup.user_name(target[1:], label.removeprefix("@")))
    if target.startswith("#"):
        return mention("channel", "#" + lookup.channel_name(target[1:], label.removeprefix("#")))
    if target.startswith("!subteam^"):
        return mention("group", "@" + lookup.group_handle(target.removeprefix("!subteam^"), label))
    if target.startswith("!"):
        command = target[1:]
        return mention("broadcast", "@" + command) if command in BROADCASTS else esc(label or command)
    url = unslack(target)
    if is_safe_url(url):
        return link(url, esc(label or url))
    return esc(label or f"<{unslack(content)}>")
