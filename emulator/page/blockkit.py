"""Block Kit blocks as HTML, each drawn the way Slack's client lays it out. Pure: blocks and a Lookup in, HTML out.

A block or element type this module does not know is shown as a visible "unsupported" placeholder, so a page
can never silently leave out part of what Cadence sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.page.elements import element, image, text_object, unsupported
from emulator.page.lookup import Lookup
from emulator.page.mrkdwn import esc
from emulator.page.richtext import rich_text

Block = dict[str, Any]


def section(block: Block, lookup: Lookup) -> str:
    body = f'<div class="bk-text">{text_object(block.get("text"), lookup)}</div>' if block.get("text") else ""
    fields = block.get("fields") or []
    if fields:
        cells = "".join(f'<div class="bk-field">{text_object(f, lookup)}</div>' for f in fields)
        body += f'<div class="bk-fields">{cells}</div>'
    accessory = block.get("accessory")
    side = f'<div class="bk-accessory">{_accessory(accessory, lookup)}</div>' if accessory else ""
    return f'<div class="bk-section"><div class="bk-section-body">{body}</div>{side}</div>'


def _accessory(accessory: Any, lookup: Lookup) -> str:
    if isinstance(accessory, dict) and accessory.get("type") == "image":
        return image(accessory, lookup, "bk-thumbnail")
    return element(accessory, lookup)


def header(block: Block, lookup: Lookup) -> str:
    return f'<div class="bk-header">{text_object(block.get("text"), lookup)}</div>'


def context(block: Block, lookup: Lookup) -> str:
    parts = []
    for part in block.get("elements", []):
        is_image = isinstance(part, dict) and part.get("type") == "image"
        parts.append(image(part, lookup, "bk-context-image") if is_image else element(part, lookup))
    return f'<div class="bk-context">{"".join(parts)}</div>'


def divider(block: Block, lookup: Lookup) -> str:
    return '<hr class="bk-divider">'


def actions(block: Block, lookup: Lookup) -> str:
    return f'<div class="bk-actions">{"".join(element(e, lookup) for e in block.get("elements", []))}</div>'


def image_block(block: Block, lookup: Lookup) -> str:
    title = block.get("title")
    caption = f'<div class="bk-image-title">{text_object(title, lookup)}</div>' if title else ""
    return f'<figure class="bk-image">{caption}{image(block, lookup, "bk-picture")}</figure>'


def input_block(block: Block, lookup: Lookup) -> str:
    optional = ' <span class="bk-optional">(optional)</span>' if block.get("optional") else ""
    label = f'<div class="bk-label">{text_object(block.get("label"), lookup)}{optional}</div>'
    hint = block.get("hint")
    note = f'<div class="bk-hint">{text_object(hint, lookup)}</div>' if hint else ""
    block_id = esc(str(block.get("block_id", "")))
    return (
        f'<div class="bk-input" data-block-id="{block_id}">{label}{element(block.get("element"), lookup)}{note}</div>'
    )


def file_block(block: Block, lookup: Lookup) -> str:
    name = esc(str(block.get("external_id", "")))
    return f'<div class="file-card"><span class="file-icon">📄</span><span class="file-name">{name}</span></div>'


BLOCKS: dict[str, Callable[[Block, Lookup], str]] = {
    "section": section,
    "header": header,
    "context": context,
    "divider": divider,
    "actions": actions,
    "image": image_block,
    "input": input_block,
    "rich_text": rich_text,
    "file": file_block,
}


def render_block(block: Any, lookup: Lookup) -> str:
    kind = block.get("type") if isinstance(block, dict) else None
    render = BLOCKS.get(str(kind))
    if render is None:
        return f'<div class="bk-block">{unsupported("block", kind)}</div>'
    return render(block, lookup)


def render_blocks(blocks: list[Any] | None, lookup: Lookup) -> str:
    return '<div class="bk-blocks">' + "".join(render_block(b, lookup) for b in blocks or []) + "</div>"
