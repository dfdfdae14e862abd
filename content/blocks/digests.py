"""The weekly digest as Block Kit: what a champion reads in two minutes, and acts on.

Pure functions of `bot.digests.views.Digest`. Each section answers one question a champion has (`QUESTIONS`), and
one with nothing to say says so in a few plain words; `:warning:` marks problems only. An item is named once, with
its roles: the focus item appears under "What needs attention?" and nowhere else. The chart carries the trend and the
text says it in words; a change is called up or down (with an arrow) only when it is beyond its uncertainty, and is
"about the same" otherwise. Every word people typed (shout-outs, comments, message titles) is escaped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.digests.views import (
    OUTCOME,
    Digest,
    DimensionResult,
    Driver,
    Enps,
    Focus,
    Highlight,
    Participation,
    PulseSection,
    RecognitionSection,
)
from content.blocks.actions import digest_action_blocks
from content.blocks.clarity import closed_check_text, understood_lines
from content.blocks.common import Block, context, divider, escape, header, mention, section, truncate
from content.blocks.keymessage_list import cascade_text

MAX_BLOCKS = 50
MAX_COMMENT_CHARS = 400
MAX_HIGHLIGHT_CHARS = 400
HOW, HELPS, ATTENTION, SAID, WHO, TRAVELLING, NEXT = QUESTIONS = (
    "How are we doing?",
    "What helps most?",
    "What needs attention?",
    "What did people say?",
    "Who made a difference?",
    "Is the message travelling?",
    "What do we do next?",
)
"""The sections' headings, in the order a digest shows them."""
UP, DOWN = "↑", "↓"
FIGURE_BLOCKS = ("digest-pulses", "digest-recognition")
"""The blocks holding a digest's key figures, which App Home shows again as the digest showed them."""


def digest_text(digest: Digest) -> str:
    """The notification text (and what screen readers announce)."""
    if digest.is_empty:
        return f"Weekly digest for {digest.scope_label}: a quiet week, nothing to report."
    return f"Weekly digest for {digest.scope_label}: pulses, recognition and key messages for {week_label(digest)}."


def digest_title(digest: Digest) -> str:
    return f"Pulse trend to {week_label(digest)}"


def week_label(digest: Digest) -> str:
    start, last = digest.period.start, digest.period.end - timedelta(seconds=1)
    return f"{start:%-d %b} – {last:%-d %b %Y}"


def digest_blocks(digest: Digest) -> list[Block]:
    blocks: list[Block] = [
        header(f"Weekly digest · {week_label(digest)}"),
        context(f"For {digest.scope_label}"),
    ]
    if digest.is_empty:
        blocks += [section(_quiet_week(digest)), *_attention_blocks(digest)]
    else:
        pulses = digest.pulses
        blocks += _how_blocks(pulses)
        blocks += _helps_blocks(pulses)
        blocks += _attention_blocks(digest)
        blocks += _said_blocks(pulses)
        blocks += _recognition_blocks(digest.recognition)
        blocks += _message_blocks(digest)
    blocks += _next_blocks(digest)
    return blocks[:MAX_BLOCKS]


def _quiet_week(digest: Digest) -> str:
    return (
        f":zzz: *A quiet week.* Nobody in {digest.scope_label} answered a pulse, gave a shout-out or "
        "received a key message between these dates, so there are no scores to show."
    )


def _answer(question: str, lines: list[str], block_id: str = "") -> list[Block]:
    """One section: the question it answers as its heading, then what there is to say."""
    block = section("\n".join([f"*{question}*", *lines]))
    return [divider(), {**block, "block_id": block_id} if block_id else block]


def _how_blocks(pulses: PulseSection) -> list[Block]:
    lines = [f"_Pulse figures: {escape(pulses.label)}_"] if pulses.label else []
    if pulses.participation and pulses.participation.invited:
        lines.append(_participation(pulses.participation))
    if pulses.has_scores:
        lines += [_dimension_line(d, pulses.enps) for d in pulses.dimensions if d.score is not None]
    elif pulses.answered_but_hidden:
        lines.append("Too few people answered to show scores without risking someone's anonymity.")
    else:
        lines.append("No pulse closed this week, so there are no scores to show.")
    return _answer(HOW, lines, FIGURE_BLOCKS[0])


def key_figures(posted: dict[str, Any]) -> tuple[str, ...]:
    """The key-figure lines of a digest as it was posted (its outbox payload): a digest from before its figures
    were marked has none, and Home shows its headline alone."""
    found = [b for b in posted.get("blocks", []) if isinstance(b, dict) and b.get("block_id") in FIGURE_BLOCKS]
    return tuple(line for b in found for line in str(b.get("text", {}).get("text", "")).split("\n") if line)


def _participation(part: Participation) -> str:
    assert part.rate is not None
    before = part.previous_rate
    places = _places(100 * before, 100 * part.rate) if before is not None and part.change_is_clear else 0
    text = f"Participation: *{100 * part.rate:.{places}f}%* ({part.answered} of {part.invited} answered)"
    if before is None:
        return text
    if not part.change_is_clear:
        return text + f", about the same as last week ({before:.0%})"
    return text + f", {_direction(part.rate - before)} from {100 * before:.{places}f}%"


def _dimension_line(result: DimensionResult, enps: Enps | None) -> str:
    assert result.score is not None
    name = f"*{result.dimension.capitalize()}*"
    if enps is not None and result.dimension == OUTCOME:
        return f"{name}: eNPS {_signed(enps.score)}, {_since_last_week(result)} · {enps.respondents} people"
    places = _places(result.previous, result.score) if result.change_is_clear and result.previous is not None else 0
    return f"{name}: {result.score:.{places}f} / 100, {_since_last_week(result, places)} · {result.respondents} people"


def _since_last_week(result: DimensionResult, places: int | None = None) -> str:
    """The change in words: "about the same" unless the change is clear, then an arrow and, given `places`, the
    score it moved from (never "+0" or "-0")."""
    change = result.change
    if change is None or result.previous is None:
        return "the first week with results"
    if not result.change_is_clear:
        return "about the same as last week"
    moved = _direction(change)
    return f"{moved} on last week" if places is None else f"{moved} from {result.previous:.{places}f}"


def _direction(change: float) -> str:
    return f"{UP} up" if change > 0 else f"{DOWN} down"


def _places(before: float, after: float) -> int:
    """The fewest decimals (up to two) at which a clear change does not read as no change."""
    return next((p for p in (0, 1) if round(before, p) != round(after, p)), 2)


def _signed(value: float) -> str:
    """A signed whole number, with no sign on 0 (never "+0" or "-0")."""
    rounded = round(value)
    return f"{rounded:+d}" if rounded else "0"


def _helps_blocks(pulses: PulseSection) -> list[Block]:
    focus = pulses.focus.question_id if pulses.focus else None
    lines = [
        f"• The focus item, under _{ATTENTION}_"
        if d.question_id == focus
        else f"• {_named(d.text)} {_driver_figures(d)}"
        for d in pulses.drivers
    ]
    if lines:
        lines.append("_These are associations, not causes._")
    elif pulses.drivers_needed:
        lines.append(
            f"No clear driver yet: an item counts once at least {pulses.drivers_needed} people answered it and the "
            "outcome item, and its link is beyond chance."
        )
    else:
        lines.append("No clear driver yet.")
    return _answer(HELPS, lines)


def _named(text: str) -> str:
    """An item's text as a quotation, so it reads apart from what the digest says about it."""
    return f"“{escape(text)}”"


def _driver_figures(driver: Driver) -> str:
    """How a driver moves with the outcome: r with its 95% interval, its share of what the items explain, and the
    people who answered both."""
    low, high = driver.interval
    way = "against" if driver.correlation < 0 else "with"
    return (
        f"moves {way} the outcome (r = {driver.correlation:.2f}, 95% interval {low:.2f} to {high:.2f}, "
        f"{driver.weight:.0%} of what the items explain · {driver.respondents} people)"
    )


def _attention_blocks(digest: Digest) -> list[Block]:
    lines = [_focus_line(digest.focus)] if digest.focus else []
    lines += [f":warning: {w}" for w in digest.warnings]
    return _answer(ATTENTION, lines or ["Nothing stands out this week."])


def _focus_line(focus: Focus) -> str:
    item = focus.item
    line = (
        f"*Focus:* {_named(item.text)}, the lowest item this week: {item.score:.1f} / {item.scale[1]} "
        f"· {item.respondents} people"
    )
    return line if focus.driver is None else f"{line}. It also {_driver_figures(focus.driver)}."


def _said_blocks(pulses: PulseSection) -> list[Block]:
    quoted = [f"> {escape(truncate(c, MAX_COMMENT_CHARS))}" for c in pulses.comments]
    return _answer(SAID, quoted or ["No comments to show this week."])


def _recognition_blocks(recognition: RecognitionSection) -> list[Block]:
    if not recognition.count:
        return _answer(WHO, ["No shout-outs this week."])
    noun = "shout-out" if recognition.count == 1 else "shout-outs"
    lines = [f"{recognition.count} {noun} this week"]
    if recognition.top_behaviours:
        lines.append("Most recognised: " + ", ".join(f"{escape(b)} ({n})" for b, n in recognition.top_behaviours))
    if recognition.first_timers:
        lines.append("Recognised for the first time: " + ", ".join(mention(p) for p in recognition.first_timers))
    return _answer(WHO, lines, FIGURE_BLOCKS[1]) + [section(_highlight(h)) for h in recognition.highlights]


def _highlight(highlight: Highlight) -> str:
    to = ", ".join(mention(r) for r in highlight.recipients)
    behaviour = f" for *{escape(highlight.behaviour)}*" if highlight.behaviour else ""
    words = escape(truncate(highlight.words, MAX_HIGHLIGHT_CHARS)).replace("\n", "\n> ")
    return f"> {words}\n{mention(highlight.giver)} → {to}{behaviour}"


def _message_blocks(digest: Digest) -> list[Block]:
    lines = []
    for m in digest.messages:
        reach = f"{m.delivered} delivered"
        if m.failed:
            reach += f", {m.failed} failed"
        lines.append(f"• *{escape(m.title)}*: {reach} · {m.acknowledged} got it · {m.discussed} discussed")
        lines += [f"   ↳ Through managers: {cascade_text(m.cascade)}"] if m.cascade else []
        if m.understood is not None:
            lines += [f"   {line}" for line in understood_lines([m.understood])]
    lines += [f"• {closed_check_text(c.title, c.understood)}" for c in digest.closed_checks]
    return _answer(TRAVELLING, lines or ["No key message went out this week."])


def _next_blocks(digest: Digest) -> list[Block]:
    """What the team does next: a discussion chosen for the focus item, the actions the team took on and what they
    changed, and the focus item's "Take this on"."""
    s = digest.suggestion
    if s is None:
        blocks = _answer(NEXT, ["Nothing to suggest this week."])
    else:
        lines = [
            f"Discuss in your next team huddle: *{escape(s.title)}*",
            escape(s.question),
            f"_Activity:_ {escape(s.activity)}",
        ]
        blocks = [*_answer(NEXT, lines), context("Chosen to help with the focus item.")]
    focus = digest.focus.question_id if digest.focus else None
    return blocks + digest_action_blocks(focus, digest.actions, digest.action_results, digest.min_group_size)


def missed_week_text(week: str, slot: datetime) -> str:
    return (
        f":calendar: The digest for week {week} (due {slot:%-d %b %H:%M} UTC) was not sent: Cadence was not running "
        "at its slot or for the rest of that week. Type `/cadence digest now` here for the latest figures."
    )


def payload(digest: Digest) -> dict[str, Any]:
    """What the outbox posts."""
    return {"text": digest_text(digest), "blocks": digest_blocks(digest)}
