"""The weekly digest as Block Kit: what a champion reads in two minutes, and acts on.

Pure functions of `bot.digests.views.Digest`. Every word people typed (shout-outs, comments, message titles) is
escaped; a week with nothing in it says so instead of showing zeros as if they were scores.
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
    Highlight,
    PulseSection,
    RecognitionSection,
)
from content.blocks.actions import digest_action_blocks
from content.blocks.common import Block, context, divider, escape, header, mention, section, truncate

MAX_BLOCKS = 50
MAX_COMMENT_CHARS = 400
MAX_HIGHLIGHT_CHARS = 400
SPARKS = "▁▂▃▄▅▆▇█"
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
        blocks.append(section(_quiet_week(digest)))
    else:
        blocks += _pulse_blocks(digest.pulses)
        blocks += _recognition_blocks(digest.recognition)
        blocks += _message_blocks(digest)
    blocks += _health_blocks(digest.warnings)
    blocks += _suggestion_blocks(digest)
    blocks += _action_blocks(digest)
    return blocks[:MAX_BLOCKS]


def _quiet_week(digest: Digest) -> str:
    return (
        f":zzz: *A quiet week.* Nobody in {digest.scope_label} answered a pulse, gave a shout-out or "
        "received a key message between these dates, so there are no scores to show."
    )


def _pulse_blocks(pulses: PulseSection) -> list[Block]:
    title = "*:bar_chart: Pulses*" + (f" ({escape(pulses.label)})" if pulses.label else "")
    lines = [title]
    if pulses.participation and pulses.participation.invited:
        lines.append(_participation(pulses))
    if pulses.has_scores:
        lines += [_dimension_line(d, pulses.enps) for d in pulses.dimensions if d.score is not None]
    elif pulses.answered_but_hidden:
        lines.append("Too few people answered to show scores without risking someone's anonymity.")
    else:
        lines.append("No pulse closed this week, so there are no scores to show.")
    blocks = [divider(), _figures(FIGURE_BLOCKS[0], lines)]
    detail = _pulse_detail(pulses)
    if detail:
        blocks.append(section(detail))
    if pulses.comments:
        quoted = "\n".join(f"> {escape(truncate(c, MAX_COMMENT_CHARS))}" for c in pulses.comments)
        blocks.append(section(f"*Anonymous comments*\n{quoted}"))
    return blocks


def _figures(block_id: str, lines: list[str]) -> Block:
    return {**section("\n".join(lines)), "block_id": block_id}


def key_figures(posted: dict[str, Any]) -> tuple[str, ...]:
    """The key-figure lines of a digest as it was posted (its outbox payload): a digest from before its figures
    were marked has none, and Home shows its headline alone."""
    found = [b for b in posted.get("blocks", []) if isinstance(b, dict) and b.get("block_id") in FIGURE_BLOCKS]
    return tuple(line for b in found for line in str(b.get("text", {}).get("text", "")).split("\n") if line)


def _participation(pulses: PulseSection) -> str:
    part = pulses.participation
    assert part is not None and part.rate is not None
    text = f"Participation: *{part.rate:.0%}* ({part.answered} of {part.invited} answered)"
    if part.previous_rate is None:
        return text
    if not part.change_is_clear:
        return text + f", about the same as last week ({part.previous_rate:.0%})"
    return text + f", {'up' if part.rate > part.previous_rate else 'down'} from {part.previous_rate:.0%}"


def _dimension_line(result: DimensionResult, enps: Enps | None) -> str:
    assert result.score is not None
    as_enps = enps is not None and result.dimension == OUTCOME
    if enps is not None and as_enps:
        line = f"*{result.dimension.capitalize()}*: eNPS {_signed(enps.score)}"
        people = enps.respondents
    else:
        line = f"*{result.dimension.capitalize()}*: {result.score:.0f} / 100"
        people = result.respondents
    line += f" ({_change(result, with_points=not as_enps)})"
    if len(result.trend) > 1:
        line += f"   `{sparkline(result.trend, 0, 100)}`"
    return line + f" · {people} people"


def _change(result: DimensionResult, *, with_points: bool) -> str:
    """The change in words; points only when it is clear, and never "+0" (a clear change under half a point shows
    a decimal)."""
    change = result.change
    if change is None:
        return "first week with results"
    if not result.change_is_clear:
        return "about the same"
    word = "up" if change > 0 else "down"
    if not with_points:
        return word
    points = f"{abs(change):.0f}" if abs(change) >= 0.5 else f"{abs(change):.1f}"
    return f"{word} {points}"


def _signed(value: float) -> str:
    """A signed whole number, with no sign on 0 (never "+0" or "-0")."""
    rounded = round(value)
    return f"{rounded:+d}" if rounded else "0"


def sparkline(values: tuple[float | None, ...], low: float, high: float) -> str:
    """One character per week: the higher the score, the taller; `·` for a week with nothing to show."""
    steps = len(SPARKS) - 1
    span = (high - low) or 1
    return "".join("·" if v is None else SPARKS[round((min(max(v, low), high) - low) / span * steps)] for v in values)


def _pulse_detail(pulses: PulseSection) -> str:
    lines = []
    if pulses.lowest:
        item = pulses.lowest
        lines.append(f"*Lowest item*: {escape(item.text)} — {item.score:.1f} / {item.scale[1]}")
    if pulses.drivers:
        lines.append("*What moves with the outcome most*")
        lines += [_driver_line(d) for d in pulses.drivers]
        lines.append("_These are associations, not causes._")
    elif pulses.has_scores and pulses.drivers_needed:
        lines.append(
            f"_No clear driver yet: an item counts once at least {pulses.drivers_needed} people answered it and the "
            "outcome item, and its link is beyond chance._"
        )
    return "\n".join(lines)


def _driver_line(driver: Driver) -> str:
    low, high = driver.interval
    against = " — moves against the outcome" if driver.correlation < 0 else ""
    return (
        f"• {escape(driver.text)}{against} (r = {driver.correlation:.2f}, 95% interval {low:.2f} to {high:.2f}, "
        f"{driver.weight:.0%} of what the items explain · {driver.respondents} people)"
    )


def _recognition_blocks(recognition: RecognitionSection) -> list[Block]:
    if not recognition.count:
        return [divider(), section("*:clap: Recognition*\nNo shout-outs this week.")]
    noun = "shout-out" if recognition.count == 1 else "shout-outs"
    lines = [f"*:clap: Recognition*: {recognition.count} {noun}"]
    if recognition.top_behaviours:
        lines.append("Most recognised: " + ", ".join(f"{escape(b)} ({n})" for b, n in recognition.top_behaviours))
    if recognition.first_timers:
        lines.append("Recognised for the first time: " + ", ".join(mention(p) for p in recognition.first_timers))
    blocks = [divider(), _figures(FIGURE_BLOCKS[1], lines)]
    blocks += [section(_highlight(h)) for h in recognition.highlights]
    return blocks


def _highlight(highlight: Highlight) -> str:
    to = ", ".join(mention(r) for r in highlight.recipients)
    behaviour = f" for *{escape(highlight.behaviour)}*" if highlight.behaviour else ""
    words = escape(truncate(highlight.words, MAX_HIGHLIGHT_CHARS)).replace("\n", "\n> ")
    return f"> {words}\n{mention(highlight.giver)} → {to}{behaviour}"


def _message_blocks(digest: Digest) -> list[Block]:
    if not digest.messages:
        return [divider(), section("*:mega: Key messages*\nNo key message went out this week.")]
    lines = ["*:mega: Key messages*"]
    for m in digest.messages:
        reach = f"{m.delivered} delivered"
        if m.failed:
            reach += f", {m.failed} failed"
        lines.append(f"• *{escape(m.title)}*: {reach} · {m.acknowledged} got it · {m.discussed} discussed")
    return [divider(), section("\n".join(lines))]


def _health_blocks(warnings: tuple[str, ...]) -> list[Block]:
    if not warnings:
        return [divider(), context(":white_check_mark: Programme health: nothing needs your attention.")]
    return [divider(), section("*:warning: Programme health*\n" + "\n".join(f"• {w}" for w in warnings))]


def _suggestion_blocks(digest: Digest) -> list[Block]:
    s = digest.suggestion
    if s is None:
        return []
    text = (
        f"*:speech_balloon: Suggested discussion for next week: {escape(s.title)}*\n"
        f"{escape(s.question)}\n_Activity:_ {escape(s.activity)}"
    )
    return [divider(), section(text), context(f"Chosen to help with the lowest item: {escape(s.because)}")]


def _action_blocks(digest: Digest) -> list[Block]:
    """What the team took on, and the focus item (the lowest) to take an action on next."""
    lowest = digest.pulses.lowest
    focus = (lowest.question_id, lowest.text) if lowest else None
    return digest_action_blocks(focus, digest.actions, digest.action_results, digest.min_group_size)


def missed_week_text(week: str, slot: datetime) -> str:
    return (
        f":calendar: The digest for week {week} (due {slot:%-d %b %H:%M} UTC) was not sent: Cadence was not running "
        "at its slot or for the rest of that week. Type `/cadence digest now` here for the latest figures."
    )


def payload(digest: Digest) -> dict[str, Any]:
    """What the outbox posts."""
    return {"text": digest_text(digest), "blocks": digest_blocks(digest)}
