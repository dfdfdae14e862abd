"""The Home tab, built from a `HomeModel`: sections by role, each list short with a "See all" button that opens
the section at length, and never more blocks than Slack allows in a view."""

from __future__ import annotations

from typing import Any

from bot.home.views import SHORT, DigestPanel, HomeModel, ShoutoutLine
from content.blocks.clarity import understood_lines
from content.blocks.common import (
    Block,
    actions,
    button,
    channel_link,
    context,
    divider,
    escape,
    fields_section,
    header,
    mention,
    section,
    truncate,
)
from content.blocks.home_start import checklist_blocks, intro_blocks
from content.blocks.keymessage_compose import snippet
from content.blocks.keymessage_list import cascade_text, reach_text
from content.blocks.keymessage_notices import when
from content.blocks.pulses import slack_date

MAX_BLOCKS = 100
PULSE_OPEN, MORE, BACK, REFRESH, DIGEST_NOW = (
    "home_pulse_open",
    "home_more",
    "home_back",
    "home_refresh",
    "home_digest_now",
)
GIVE_SHOUTOUT, SCHEDULE, NEW_PULSE, LATEST_RESULTS = "home_shoutout", "home_schedule", "home_pulse_new", "home_results"
WORDS_LIMIT = 200
PAGE_TITLES = {
    "pulses": "Your open pulses",
    "shoutouts": "Your shout-outs",
    "schedules": "Key message schedules",
    "health": "Programme health",
}


def home_view(model: HomeModel) -> dict[str, Any]:
    blocks = _page(model) if model.page else _overview(model)
    if model.notice:
        blocks.insert(0, context(model.notice))
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[: MAX_BLOCKS - 1], context("There is more than fits here; the commands show the rest.")]
    return {"type": "home", "callback_id": "cadence_home", "blocks": blocks}


def _overview(model: HomeModel) -> list[Block]:
    blocks: list[Block] = [
        header("Cadence"),
        *intro_blocks(model.min_group_size),
        _doings(model),
        *checklist_blocks(model.checklist),
        *_promise(model),
        divider(),
        *_pulses(model),
        divider(),
        *_recognition(model),
    ]
    if model.digests:
        blocks += [divider(), *_digests(model.digests)]
    if model.access.schedules:
        blocks += [divider(), *_schedules(model)]
    if model.access.administer:
        blocks += [divider(), *_admin(model)]
    return blocks


def _doings(model: HomeModel) -> Block:
    """What the person may do from Home, each button as the policy behind its command allows."""
    access = model.access
    offered = [
        (True, button("Give a shout-out", GIVE_SHOUTOUT, style="primary")),
        (access.schedules, button("Schedule a key message", SCHEDULE)),
        (access.create_pulse, button("Start a pulse", NEW_PULSE)),
        (access.see_results, button("See the latest results", LATEST_RESULTS)),
        (True, button("Refresh", REFRESH)),
    ]
    return actions("home-top", *(element for allowed, element in offered if allowed))


def _page(model: HomeModel) -> list[Block]:
    blocks: list[Block] = [header(PAGE_TITLES[model.page]), actions("home-back", button("Back to Home", BACK))]
    sections = {"pulses": _pulses, "shoutouts": _recognition, "schedules": _schedules, "health": _health}
    return blocks + sections[model.page](model)


def _more(name: str, shown: int, total: int, model: HomeModel, pointer: str) -> list[Block]:
    if model.page or total <= shown:
        return [context(pointer)] if pointer and total > shown else []
    return [
        actions(f"home-more-{name}", button(f"See all ({total})", MORE, name)),
        *([context(pointer)] if pointer else []),
    ]


def _promise(model: HomeModel) -> list[Block]:
    values = "\n".join(f"• {escape(v)}" for v in model.promise_values[:8])
    return [
        section(f"*Our customer promise*\n>{escape(model.promise_statement)}"),
        *([section(values)] if values else []),
    ]


def _pulses(model: HomeModel) -> list[Block]:
    shown = model.pulses[: model.limit]
    if not shown:
        return [
            section("*Your open pulses*\nNone right now. When a pulse is sent to you, it comes as a direct message.")
        ]
    blocks = [section("*Your open pulses*  ·  your answers are anonymous")]
    for pulse in shown:
        state = "answered (you can change it until it closes)" if pulse.answered else "*not answered yet*"
        label = "Change my answers" if pulse.answered else "Answer now"
        text = f"Pulse #{pulse.round_id}: {pulse.questions} questions, closes {slack_date(pulse.closes_at)} — {state}"
        blocks.append(section(text, accessory=button(label, PULSE_OPEN, str(pulse.round_id))))
    return blocks + _more("pulses", len(shown), len(model.pulses), model, "")


def _shoutout_line(line: ShoutoutLine, *, given: bool) -> Block:
    who = ", ".join(mention(r) for r in line.recipients[:5]) if given else mention(line.giver)
    words = f"\n>{escape(truncate(line.message, WORDS_LIMIT))}" if line.message else ""
    what = f" for {line.behaviour}" if line.behaviour else ""
    return section(f"{'To' if given else 'From'} {who}{what} · {slack_date(line.created_at)}{words}")


def _recognition(model: HomeModel) -> list[Block]:
    rec = model.recognition
    blocks: list[Block] = [
        section("*Shout-outs*"),
        fields_section([f"*Received*\n{rec.received_total}", f"*Given*\n{rec.given_total}"]),
    ]
    if rec.received:
        blocks += [context("Recently received"), *(_shoutout_line(s, given=False) for s in rec.received)]
    if rec.given:
        blocks += [context("Recently given"), *(_shoutout_line(s, given=True) for s in rec.given)]
    if not rec.received and not rec.given:
        blocks.append(context("Recognise a colleague with `/shoutout` or “Recognise this” on any message."))
    total = max(rec.received_total, rec.given_total)
    return blocks + _more(
        "shoutouts", max(len(rec.received), len(rec.given)), total, model, "`/shoutout stats` shows what for."
    )


def _digests(panels: tuple[DigestPanel, ...]) -> list[Block]:
    blocks: list[Block] = [section("*Champions' digests*")]
    for panel in panels:
        latest = (
            f"Latest, {slack_date(panel.posted_at)}: {escape(panel.summary)}" if panel.posted_at else "No digest yet."
        )
        blocks.append(section(f"{channel_link(panel.channel)}\n{latest}"))
        if panel.figures:
            blocks.append(section("\n".join(panel.figures)))
        blocks.append(actions(f"home-digest-{panel.channel}", button("Post digest now", DIGEST_NOW, panel.channel)))
    return blocks


def _schedules(model: HomeModel) -> list[Block]:
    everyone = model.access.every_schedule
    title = "*Key message schedules*" if everyone else "*Your key message schedules*"
    shown = model.schedules[: SHORT + 2 if not model.page else len(model.schedules)]
    if not shown:
        return [section(f"{title}\nNone yet. Start one with `/promise schedule`.")]
    blocks = [section(title)]
    for item in shown:
        s = item.schedule
        nxt = f"next {when(item.next_at, s.zone)}" if item.next_at else f"`{s.state}`, nothing planned"
        owner = f" · {mention(s.owner)}" if everyone else ""
        cascade = [f"Through managers (last): {cascade_text(item.cascade)}"] if item.cascade else []
        lines = [f"*#{s.id} {escape(snippet(s.title or s.text))}*{owner}", nxt, f"Reach: {reach_text(item.total)}"]
        blocks.append(section("\n".join([*lines, *understood_lines(item.understood), *cascade])))
    return blocks + _more(
        "schedules", len(shown), len(model.schedules), model, "`/promise list` to pause, edit or cancel."
    )


def _admin(model: HomeModel) -> list[Block]:
    fields = [f"*{name}*\n{value}" for name, value in model.settings]
    return [
        section("*Programme settings*"),
        fields_section(fields),
        context(
            "Change one with `/cadence set NAME VALUE`; `/cadence settings` lists them all, "
            "`/cadence roles` who holds each role."
        ),
        *_health(model),
    ]


def _health(model: HomeModel) -> list[Block]:
    if not model.health:
        return [section("*Programme health*\n:large_green_circle: No warnings this week.")]
    shown = model.health[: model.limit]
    blocks = [section("*Programme health*"), *(section(f":warning: {w}") for w in shown)]
    return blocks + _more("health", len(shown), len(model.health), model, "")
