"""The rich_text block (what Slack's own composer sends) as HTML: sections, lists, quotes, preformatted text."""

from __future__ import annotations

from typing import Any

from emulator.page.elements import unsupported
from emulator.page.emoji import EMOJI
from emulator.page.lookup import Lookup
from emulator.page.mrkdwn import BROADCASTS, emoji, esc, link, mention

_STYLE_TAGS = (("code", "code"), ("bold", "b"), ("italic", "i"), ("strike", "s"))


def rich_text(block: dict[str, Any], lookup: Lookup) -> str:
    return '<div class="bk-rich-text">' + "".join(_part(p, lookup) for p in block.get("elements", [])) + "</div>"


def _part(part: Any, lookup: Lookup) -> str:
    kind = part.get("type") if isinstance(part, dict) else None
    if kind == "rich_text_section":
        return f"<div>{_inline(part, lookup)}</div>"
    if kind == "rich_text_quote":
        return f"<blockquote>{_inline(part, lookup)}</blockquote>"
    if kind == "rich_text_preformatted":
        return f"<pre>{_inline(part, lookup)}</pre>"
    if kind == "rich_text_list":
        tag = "ol" if part.get("style") == "ordered" else "ul"
        items = "".join(f"<li>{_inline(item, lookup)}</li>" for item in part.get("elements", []))
        return f'<{tag} class="bk-list-indent-{int(part.get("indent", 0) or 0)}">{items}</{tag}>'
    return unsupported("rich text element", kind)


def _inline(section: dict[str, Any], lookup: Lookup) -> str:
    return "".join(_leaf(leaf, lookup) for leaf in section.get("elements", []))


def _leaf(leaf: Any, lookup: Lookup) -> str:
    kind = leaf.get("type") if isinstance(leaf, dict) else None
    if kind == "text":
        return _styled(esc(str(leaf.get("text", ""))).replace("\n", "<br>"), leaf.get("style") or {})
    if kind == "link":
        url = str(leaf.get("url", ""))
        return _styled(link(url, esc(str(leaf.get("text") or url))), leaf.get("style") or {})
    if kind == "user":
        return mention("user", "@" + lookup.user_name(str(leaf.get("user_id", ""))))
    if kind == "channel":
        return mention("channel", "#" + lookup.channel_name(str(leaf.get("channel_id", ""))))
    if kind == "usergroup":
        return mention("group", "@" + lookup.group_handle(str(leaf.get("usergroup_id", ""))))
    if kind == "broadcast" and leaf.get("range") in BROADCASTS:
        return mention("broadcast", "@" + leaf["range"])
    if kind == "emoji":
        return _emoji(leaf)
    return unsupported("rich text element", kind)


def _emoji(leaf: dict[str, Any]) -> str:
    """By name when the page knows it, else from the code points Slack sends alongside (`1f389`, `1f44d-1f3fb`)."""
    name = str(leaf.get("name", ""))
    if name in EMOJI or not leaf.get("unicode"):
        return emoji(name)
    try:
        glyph = "".join(chr(int(point, 16)) for point in str(leaf["unicode"]).split("-"))
    except ValueError:
        return emoji(name)
    return f'<span class="emoji" title=":{esc(name)}:">{esc(glyph)}</span>'


def _styled(content: str, style: dict[str, Any]) -> str:
    for key, tag in _STYLE_TAGS:
        if style.get(key):
            content = f"<{tag}>{content}</{tag}>"
    return content
