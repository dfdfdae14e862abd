"""What the Slack emulator holds, as one static page that looks like Slack: channels, a few people's direct
messages with the bot, and each role's App Home, rendered from the Block Kit the bot actually sent."""

from __future__ import annotations

from typing import Any

from emulator.emulator import SlackEmulator
from emulator.page import layout
from emulator.page.blockkit import render_blocks
from emulator.page.conversation import conversation, from_ephemeral, from_message
from emulator.page.lookup import Lookup, lookup_for
from emulator.page.mrkdwn import plain_text
from emulator.records import Ephemeral, Message

__all__ = ["conversation_html", "form_html", "home_html", "render_page"]


def render_page(
    emulator: SlackEmulator,
    *,
    title: str,
    dms_for: list[str],
    home_for: dict[str, str],
    summary: list[str],
    forms: dict[str, tuple[str, dict[str, Any]]] | None = None,
) -> str:
    """The page for `emulator`'s state: every channel the bot is in or posted to, the bot's DMs with each of
    `dms_for` (with the ephemerals those people saw), the App Home of each `home_for` label's user, and each of
    `forms` (label: the person and the modal view they were shown). The same state always gives the same page."""
    lookup = lookup_for(emulator)
    ws = emulator.workspace
    bot = (ws.bot_user_id, lookup.user_name(ws.bot_user_id))
    seen = [e for e in emulator.ephemerals() if e.user in dms_for]
    panels = []
    for channel in sorted(ws.channels.values(), key=lambda c: (c.name, c.id)):
        messages = emulator.messages(channel.id)
        if messages or channel.bot_is_member:
            feed = conversation_html(messages, [e for e in seen if e.channel == channel.id], bot[0], lookup)
            panels.append(layout.channel_panel(channel.id, channel.name, len(channel.members), feed, len(messages)))
    for user_id in dms_for:
        dm, messages = emulator.dm_channel_id(user_id), emulator.dms_to(user_id)
        feed = conversation_html(messages, [e for e in seen if e.channel == dm], bot[0], lookup)
        panels.append(layout.dm_panel(user_id, lookup.user_name(user_id), bot, feed, len(messages)))
    for index, (label, user_id) in enumerate(home_for.items()):
        home = home_html(emulator.home_view(user_id), lookup)
        panels.append(layout.home_panel(index, label, lookup.user_name(user_id), bot, home))
    for index, (label, (user_id, view)) in enumerate((forms or {}).items()):
        panels.append(layout.form_panel(index, label, lookup.user_name(user_id), bot, form_html(view, lookup)))
    return layout.page(title=title, workspace=ws.team_name, summary=summary, panels=panels)


def conversation_html(messages: list[Message], ephemerals: list[Ephemeral], bot_id: str, lookup: Lookup) -> str:
    """A conversation's messages with the ephemerals shown in it, in time order, as the Slack client lays it out."""
    entries = [from_message(m) for m in messages] + [from_ephemeral(e, bot_id) for e in ephemerals]
    return conversation(entries, lookup)


def form_html(view: dict[str, Any], lookup: Lookup) -> str:
    """A modal as Slack draws it: its title, its blocks, and its buttons (drawn, not live)."""
    labels = [(view.get(key) or {}).get("text", "") for key in ("close", "submit")]
    buttons = "".join(
        f'<button type="button" class="bk-button bk-button-{style}" disabled>{plain_text(label)}</button>'
        for label, style in zip(labels, ("default", "primary"), strict=True)
        if label
    )
    title = plain_text((view.get("title") or {}).get("text", ""))
    return (
        f'<div class="form"><div class="form-title">{title}</div>{render_blocks(view.get("blocks"), lookup)}'
        f'<div class="form-buttons">{buttons}</div></div>'
    )


def home_html(view: dict[str, Any] | None, lookup: Lookup) -> str:
    if view is None:
        return '<div class="empty">Cadence has not published a Home tab for this person.</div>'
    return render_blocks(view.get("blocks"), lookup)
