"""Small builders shared by every surface, and the one escaping helper for user-supplied text."""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]

SECTION_TEXT_LIMIT = 3000
PLAIN_TEXT_LIMIT = 150
BUTTON_TEXT_LIMIT = 75


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters, so what a person typed is shown
    as they typed it and can never become a mention, a link or a broadcast."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(text: str, *, limit: int = PLAIN_TEXT_LIMIT, emoji: bool = True) -> dict[str, Any]:
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": emoji}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": truncate(text, SECTION_TEXT_LIMIT)}


def section(text: str, *, accessory: dict[str, Any] | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if accessory:
        block["accessory"] = accessory
    return block


def fields_section(fields: list[str]) -> Block:
    """A section of up to ten short fields (Slack's limit), shown two per row."""
    return {"type": "section", "fields": [mrkdwn(truncate(f, 2000)) for f in fields[:10]]}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text)}


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts[:10]]}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", *, style: str | None = None, url: str | None = None) -> dict:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, limit=BUTTON_TEXT_LIMIT),
        "action_id": action_id,
    }
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    if url:
        element["url"] = url
    return element


def actions(block_id: str, *elements: dict[str, Any]) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)[:25]}


def input_block(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False, hint: str = "") -> Block:
    """A labelled field of a modal; Slack returns its value under `block_id` when the modal is submitted."""
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label), "element": element}
    if optional:
        block["optional"] = True
    if hint:
        block["hint"] = plain(hint)
    return block


def error_text(message: str) -> list[Block]:
    """A private refusal: what went wrong and what to change, in one section."""
    return [section(f":warning: {message}")]


def mention(user_id: str) -> str:
    return f"<@{user_id}>"


def channel_link(channel_id: str) -> str:
    return f"<#{channel_id}>"
