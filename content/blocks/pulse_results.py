"""`/pulse results`: one round's figures as Block Kit, from a report that already holds only what may be shown."""

from __future__ import annotations

from typing import Any

from bot.pulses.views import QuestionResult, RoundReport, Visibility
from content.blocks.common import Block, channel_link, context, divider, escape, header, section, truncate
from content.blocks.pulses import slack_date

MAX_COMMENTS = 15
MAX_FOLLOWED_UP = 80
"""A follow-up's label shows at most this much of the action's text."""


def _group_name(group: str) -> str:
    return channel_link(group) if group.startswith(("C", "G")) else f"<!subteam^{group}>"


def _change(result: QuestionResult) -> str:
    """An arrow only for a change beyond its uncertainty; anything else is about the same, never "+0.0"."""
    if result.change is None:
        return ""
    if not result.change_is_clear:
        return ", about the same as the previous round"
    arrow = ":arrow_up:" if result.change > 0 else ":arrow_down:"
    digits = 1 if abs(result.change) >= 0.05 else 2  # a clear change never reads as +0.0
    return f"  {arrow} {result.change:+.{digits}f} vs previous round"


def _title(number: int, result: QuestionResult) -> str:
    """A question's wording; a follow-up's says which action it follows up (the action's text, shortened)."""
    if result.followup_of is None:
        return f"*{number}. {escape(result.text)}*"
    action = (
        f"the action “{escape(truncate(result.followup_of, MAX_FOLLOWED_UP))}”" if result.followup_of else "an action"
    )
    return f"*{number}. Follow-up of {action}: has it made a difference?*"


def _question_blocks(number: int, result: QuestionResult, min_size: int) -> list[Block]:
    title = _title(number, result)
    if result.mean is None:
        return [section(f"{title}\n_Fewer than {min_size} people answered this question, so it is not shown._")]
    spread = "  ".join(f"{score}: {count}" for score, count in result.distribution)
    lines = [title, f"Mean *{result.mean:.1f}* from {result.respondents} answers{_change(result)}"]
    if result.distribution:
        lines.append(f"Distribution: {spread}")
    else:
        lines.append("_Everyone gave the same answer, so the distribution is not shown._")
    if result.groups:
        lines.append(
            "By group: " + ", ".join(f"{_group_name(g.group)} {g.mean:.1f} ({g.respondents})" for g in result.groups)
        )
    return [section("\n".join(lines))]


def _participation(report: RoundReport) -> str:
    rate = f" ({report.answered / report.invited:.0%})" if report.invited else ""
    skipped = f"; {report.skipped} not asked this time (weekly pulse limit)" if report.skipped else ""
    return f"{report.answered} of {report.invited} people answered{rate}{skipped}."


def results_blocks(report: RoundReport, *, min_size: int) -> list[Block]:
    blocks: list[Block] = [
        header(f"Pulse results: round #{report.round_id}"),
        context(f"Opened {slack_date(report.opens_at)}, closes {slack_date(report.closes_at)}"),
        section(_participation(report)),
    ]
    if report.visibility is Visibility.OPEN:
        blocks.append(
            section(
                f"This round is still open. Scores appear once it closes {slack_date(report.closes_at)}, "
                "so that nobody's answer can be worked out by watching the figures change."
            )
        )
        return blocks
    if report.visibility is Visibility.TOO_FEW:
        blocks.append(section(f"Fewer than {min_size} people answered, so no scores are shown for this round."))
        return blocks
    blocks.append(divider())
    for number, result in enumerate(report.questions, start=1):
        blocks.extend(_question_blocks(number, result, min_size))
    blocks.append(
        context(
            f"Groups appear only where at least {min_size} people answered, and never so few that "
            "the others could be worked out."
        )
    )
    if report.comments:
        blocks.extend([divider(), section("*Comments* (anonymous, in random order)")])
        blocks.extend(section("> " + escape(text).replace("\n", "\n> ")) for text in report.comments[:MAX_COMMENTS])
    return blocks


def results_message(report: RoundReport, *, min_size: int) -> dict[str, Any]:
    return {"text": f"Pulse results: round #{report.round_id}", "blocks": results_blocks(report, min_size=min_size)}
