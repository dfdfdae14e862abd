"""The whole page: a Slack-like window with a sidebar of channels, direct messages and App Home tabs, and one
panel per conversation. Panels switch with `:target`, so the page needs no script and no network."""

from __future__ import annotations

import re
from dataclasses import dataclass

from emulator.page.conversation import avatar
from emulator.page.mrkdwn import esc, plain_text
from emulator.page.styles import CSS

OVERVIEW = "overview"
SECTIONS = ("Channels", "Direct messages", "App Home", "Forms")
ACTIVE = "{background:#1164a3;color:#fff}"


@dataclass(frozen=True)
class Panel:
    anchor: str
    section: str
    nav_html: str
    head_html: str
    body_html: str
    card_title: str
    card_note: str


def anchor(prefix: str, raw: str) -> str:
    return prefix + "-" + re.sub(r"[^A-Za-z0-9_-]", "_", raw)


def feed(html: str) -> str:
    """A conversation that opens scrolled to its newest message, as Slack's does."""
    return f'<div class="scroll"><div class="feed">{html}</div></div>'


def channel_panel(channel_id: str, name: str, members: int, feed_html: str, count: int) -> Panel:
    head = f'<span class="panel-title"># {esc(name)}</span><span class="panel-sub">👤 {members}</span>'
    nav = f'<span class="hash">#</span>{esc(name)}<span class="count">{count}</span>'
    return Panel(anchor("ch", channel_id), "Channels", nav, head, feed(feed_html), f"#{name}", _messages(count))


def dm_panel(user_id: str, name: str, bot: tuple[str, str], feed_html: str, count: int) -> Panel:
    head = _app_head(bot, f"direct messages with {name}, as {name} sees them")
    nav = f'{avatar(user_id, name)}{esc(name)}<span class="count">{count}</span>'
    return Panel(anchor("dm", user_id), "Direct messages", nav, head, feed(feed_html), name, _messages(count))


def home_panel(index: int, label: str, name: str, bot: tuple[str, str], body_html: str) -> Panel:
    head = _app_head(bot, f"App Home, as {name} ({label}) sees it")
    tabs = '<div class="tabs"><span class="on">Home</span><span>Messages</span><span>About</span></div>'
    body = f'{tabs}<div class="scroll home-scroll"><div class="home">{body_html}</div></div>'
    nav = f'<span class="hash">⌂</span>{esc(label)}'
    return Panel(anchor("home", str(index)), "App Home", nav, head, body, label, f"as {name} sees it")


def form_panel(index: int, label: str, name: str, bot: tuple[str, str], body_html: str) -> Panel:
    head = _app_head(bot, f"a form Cadence opened, as {name} saw it")
    body = f'<div class="scroll home-scroll"><div class="home">{body_html}</div></div>'
    nav = f'<span class="hash">▤</span>{esc(label)}'
    return Panel(anchor("form", str(index)), "Forms", nav, head, body, label, f"as {name} saw it")


def _app_head(bot: tuple[str, str], note: str) -> str:
    bot_id, bot_name = bot
    return (
        f'{avatar(bot_id, bot_name, app=True)}<span class="panel-title">{esc(bot_name)}</span>'
        f'<span class="app-badge">APP</span><span class="panel-sub">{esc(note)}</span>'
    )


def _messages(count: int) -> str:
    return f"{count} message" + ("" if count == 1 else "s")


def page(*, title: str, workspace: str, summary: list[str], panels: list[Panel]) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}{_active_rules(panels)}</style></head><body>"
        f'<div class="app"><div class="topbar"><div class="search">Search {esc(workspace)}</div></div>'
        f"{_sidebar(workspace, panels)}"
        f'<main class="panels">{_overview(title, summary, panels)}{"".join(_panel(p) for p in panels)}</main>'
        "</div></body></html>\n"
    )


def _active_rules(panels: list[Panel]) -> str:
    """Highlight the sidebar entry of the panel on screen, the way Slack marks the open conversation."""
    rules = [f'body:not(:has(.panel:target)) .nav a[href="#{OVERVIEW}"]{ACTIVE}']
    rules += [f'body:has(#{p.anchor}:target) .nav a[href="#{p.anchor}"]{ACTIVE}' for p in panels]
    return "\n".join(rules)


def _sidebar(workspace: str, panels: list[Panel]) -> str:
    sections = [f'<a href="#{OVERVIEW}"><span class="hash">★</span>Overview</a>']
    for name in SECTIONS:
        links = "".join(f'<a href="#{p.anchor}">{p.nav_html}</a>' for p in panels if p.section == name)
        if links:
            sections.append(f'<div class="nav-section"><div class="nav-title">{name}</div>{links}</div>')
    head = f'<div class="workspace"><span>{esc(workspace)}</span><small>Cadence preview</small></div>'
    return f'<nav class="sidebar">{head}<div class="nav">{"".join(sections)}</div></nav>'


def _overview(title: str, summary: list[str], panels: list[Panel]) -> str:
    items = "".join(f"<li>{plain_text(line)}</li>" for line in summary)
    cards = "".join(
        f'<a class="card" href="#{p.anchor}"><b>{esc(p.card_title)}</b>'
        f"<span>{esc(p.section)} · {esc(p.card_note)}</span></a>"
        for p in panels
    )
    head = '<div class="panel-head"><span class="panel-title">Overview</span></div>'
    intro = f"<h1>{esc(title)}</h1><p>What Cadence sent, as people in the workspace saw it. Times are UTC.</p>"
    return (
        f'<section class="panel" id="{OVERVIEW}">{head}<div class="overview">{intro}'
        f'<ul class="summary">{items}</ul><div class="cards">{cards}</div></div></section>'
    )


def _panel(panel: Panel) -> str:
    return (
        f'<section class="panel" id="{panel.anchor}"><div class="panel-head">{panel.head_html}</div>'
        f"{panel.body_html}</section>"
    )
