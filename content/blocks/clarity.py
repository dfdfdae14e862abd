"""The clarity check a key message can carry ("How clear is this for your work?", 1 to 5), and "understood" as
reach shows it. `clarity_blocks` is the one builder of the check, for every delivery that carries it."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.keymessages.views import LOCAL, Understood
from content.blocks.common import Block, actions, button, context, escape, section
from content.blocks.keymessage_notices import when
from content.pack import Question

CLARITY_ACTION = "keymsg_clarity"
CLARITY_BLOCK, CLARITY_STATUS_BLOCK = "keymsg_clarity", "keymsg_clarity_status"
_BLOCKS = ("keymsg_clarity_question", CLARITY_BLOCK, CLARITY_STATUS_BLOCK)


def clarity_value(ack_value: str, score: int) -> str:
    """A check button's value: the occurrence (`schedule:stamp`) and the score."""
    return f"{ack_value}:{score}"


def parse_clarity_value(value: str) -> tuple[str, int] | None:
    """(`schedule:stamp`, score) from a button's value, or None when it is not one (a score of ASCII digits:
    `str.isdigit` also takes `²`, which `int` refuses)."""
    occurrence, _, score = value.rpartition(":")
    return (occurrence, int(score)) if occurrence and score.isascii() and score.isdigit() else None


def clarity_blocks(question: Question, ack_value: str, *, min_size: int, chosen: int | None = None) -> list[Block]:
    """The check: its question, one button per score (the chosen one highlighted), and why it is anonymous."""
    buttons = [
        button(
            label,
            f"{CLARITY_ACTION}:{score}",
            clarity_value(ack_value, score),
            style="primary" if score == chosen else None,
        )
        for score, label in question.choices
    ]
    note = f"Anonymous: your answer is kept apart from your name, and shown only for groups of {min_size} or more."
    return [
        {**section(f"*{escape(question.text)}*"), "block_id": _BLOCKS[0]},
        actions(CLARITY_BLOCK, *buttons),
        {**context(note), "block_id": CLARITY_STATUS_BLOCK},
    ]


def clarity_answered_blocks(
    original: Sequence[Block], question: Question, ack_value: str, *, min_size: int, chosen: int, until: str
) -> list[Block]:
    """The clicked message again, its check showing the answer and how long it can still be changed."""
    kept = [b for b in original if b.get("block_id") not in _BLOCKS]
    check = clarity_blocks(question, ack_value, min_size=min_size, chosen=chosen)
    status = answered_text(question, chosen, until)
    return [*kept, *check[:2], {**context(status), "block_id": CLARITY_STATUS_BLOCK}]


def answered_text(question: Question, chosen: int, until: str) -> str:
    label = dict(question.choices).get(chosen, str(chosen))
    return f":white_check_mark: Thank you — you answered *{escape(label)}*. You can change it until {until}."


def understood_text(understood: Understood) -> str:
    """ "Understood" for one occurrence: the mean and spread once the check has closed and enough answered."""
    return f"Understood: {_figures(understood)}"


def closed_check_text(title: str, understood: Understood) -> str:
    """ "Understood" for a message sent in an earlier period whose check has since closed, naming it and its day."""
    return f"Understood — *{escape(title)}* (sent {_day(understood)}): {_figures(understood)}"


def _figures(understood: Understood) -> str:
    if understood.closes_at is not None:
        return f"{understood.answered} answered so far (results once the check closes)"
    if understood.mean is None:
        return f"fewer than {understood.min_size} answered, so no result is shown"
    line = f"*{understood.mean:.1f}* / 5 from {understood.answered} answers"
    if understood.distribution:
        line += " (" + " · ".join(f"{score}: {n}" for score, n in understood.distribution) + ")"
    if understood.groups:
        line += " — " + ", ".join(f"{_group(g)} {mean:.1f} ({n})" for g, mean, n in understood.groups)
    return line


def _day(understood: Understood) -> str:
    """The day the occurrence was sent, in its schedule's zone (a local-time occurrence is its wall-clock time)."""
    at = understood.occurs_at
    return f"{at if understood.zone == LOCAL else at.astimezone(ZoneInfo(understood.zone)):%-d %b}"


def understood_lines(found: Sequence[Understood]) -> list[str]:
    """ "Understood" for each occurrence given, with the occurrence it is about."""
    return [f"{understood_text(u)} — {when(u.occurs_at, u.zone)}" for u in found]


def _group(group_id: str) -> str:
    return f"<!subteam^{group_id}>" if group_id.startswith("S") else f"<#{group_id}>"
