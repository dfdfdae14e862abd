"""What a person sees of a pulse: the DM with one row of buttons per question, the comment form, their open pulses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from content.blocks.common import Block, actions, button, context, error_text, plain, section
from content.pack import ContentPack, Question

ANSWER_ACTION = "pulse_answer"
COMMENT_ACTION = "pulse_comment"
COMMENT_CALLBACK = "pulse_comment"
COMMENT_BLOCK = "comment"
CLOSED_TEXT = "This pulse has closed, so answers can no longer change. Thank you for looking!"
NOT_INVITED_TEXT = "This pulse wasn't sent to you, so you can't answer it."
UNKNOWN_TEXT = "I don't recognise that answer; it may come from an older version of this pulse. Nothing was saved."
CLOSE_ACTION = "pulse_close"
MAX_CLOSABLE = 10  # rounds listed with "Close now" at once, well inside Slack's 50 blocks
CLOSE_NOT_ALLOWED_TEXT = "Only the person who started this pulse and programme admins can close its round early."
CLOSE_EFFECT = (
    "Nobody can answer after that and no reminder goes out; results then follow the same rules as any closed round."
)


def slack_date(moment: datetime) -> str:
    """A date Slack shows in each reader's own time zone."""
    fallback = moment.strftime("%a %d %b %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def answer_value(round_id: int, question_id: str, score: int) -> str:
    return f"{round_id}:{question_id}:{score}"


def parse_answer_value(value: str) -> tuple[int, str, int] | None:
    parts = value.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].lstrip("-").isdigit():
        return None
    return int(parts[0]), parts[1], int(parts[2])


def _choice_text(question: Question, value: int, label: str) -> str:
    return f"{value} {label}" if question.scale == "likert5" else label


def _question_blocks(number: int, question: Question, round_id: int, chosen: int | None) -> list[Block]:
    text = f"*{number}. {question.text}*"
    if chosen is not None:
        label = dict(question.choices).get(chosen, str(chosen))
        text += f"\n:white_check_mark: You answered *{_choice_text(question, chosen, label)}*"
    buttons = [
        button(
            _choice_text(question, value, label),
            f"{ANSWER_ACTION}:{value}",
            answer_value(round_id, question.id, value),
            style="primary" if value == chosen else None,
        )
        for value, label in question.choices
    ]
    return [section(text), actions(f"pulse-q-{number}", *buttons)]


def pulse_message(
    pack: ContentPack,
    question_ids: Sequence[str],
    round_id: int,
    closes_at: datetime,
    *,
    answers: Mapping[str, int],
    has_comment: bool = False,
    reminder: bool = False,
) -> dict[str, Any]:
    """The DM for one round, showing what this person has chosen so far (the message is rebuilt on every click)."""
    questions = [q for q in (pack.question(qid) for qid in question_ids) if q is not None]
    opening = "*Reminder:* this pulse closes soon. " if reminder else ""
    intro = (
        f"{opening}*{len(questions)} quick questions on our customer promise.* One tap each.\n"
        "Your answers are anonymous: they are stored without your name, and results are only shown for groups "
        f"large enough that nobody can be singled out. You can change an answer until {slack_date(closes_at)}."
    )
    blocks: list[Block] = [section(intro)]
    for number, question in enumerate(questions, start=1):
        blocks.extend(_question_blocks(number, question, round_id, answers.get(question.id)))
    comment_label = "Edit your comment" if has_comment else "Add a comment"
    blocks.append(actions("pulse-comment", button(comment_label, COMMENT_ACTION, str(round_id))))
    if answers:
        blocks.append(context(f"Thank you: {len(answers)} of {len(questions)} answered."))
    return {"text": f"A pulse on our customer promise: {len(questions)} quick questions", "blocks": blocks}


def comment_modal(metadata: str, existing: str | None) -> dict[str, Any]:
    """The comment form; `metadata` tells the submission which round and which DM it belongs to."""
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": COMMENT_BLOCK,
        "multiline": True,
        "max_length": 1000,
        "placeholder": plain("What would help you keep our customer promise?"),
    }
    if existing:
        element["initial_value"] = existing
    return {
        "type": "modal",
        "callback_id": COMMENT_CALLBACK,
        "private_metadata": metadata,
        "title": plain("Pulse comment"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "blocks": [
            {"type": "input", "block_id": COMMENT_BLOCK, "label": plain("Your comment"), "element": element},
            context(
                "Comments are shown without your name or team, in random order, and only when enough people "
                "answered. Please leave out anything that would identify you or a colleague."
            ),
        ],
    }


def open_pulses_blocks(pulses: Sequence[Any]) -> list[Block]:
    """`/pulse` alone: the caller's open pulses (items with round_id, questions, closes_at, answered)."""
    if not pulses:
        return [section("You have no open pulses right now. When one arrives, it comes to you as a direct message.")]
    lines = [
        f"• Pulse #{p.round_id}: {p.questions} questions, closes {slack_date(p.closes_at)} — "
        + ("answered, you can still change it in the DM" if p.answered else "*not answered yet*, see your DMs")
        for p in pulses
    ]
    return [section("*Your open pulses*\n" + "\n".join(lines))]


def close_button(round_id: int) -> dict[str, Any]:
    """ "Close now" for an open round, behind Slack's own confirmation dialog."""
    return {
        **button("Close now", CLOSE_ACTION, str(round_id), style="danger"),
        "confirm": {
            "title": plain(f"Close round #{round_id} now?"),
            "text": plain(CLOSE_EFFECT + " This cannot be undone."),
            "confirm": plain("Close now"),
            "deny": plain("Keep it open"),
            "style": "danger",
        },
    }


def _closable_line(item: Any) -> str:
    return (
        f"Round #{item.round_id} of pulse #{item.campaign_id}: {item.answered} of {item.invited} answered, "
        f"closes {slack_date(item.closes_at)}"
    )


def close_confirmation(item: Any) -> dict[str, Any]:
    """`/pulse close`: what closing the round would mean, and the button that does it (item: a `ClosableRound`)."""
    text = f"*Close round #{item.round_id} now?*\n{_closable_line(item)}.\n{CLOSE_EFFECT}"
    return {
        "text": f"Close round #{item.round_id} now?",
        "blocks": [section(text, accessory=close_button(item.round_id))],
    }


def closable_rounds_blocks(items: Sequence[Any]) -> list[Block]:
    """The open rounds the caller may close early, each with its "Close now" (items: `ClosableRound`s)."""
    if not items:
        return []
    blocks: list[Block] = [section("*Open rounds you can close early*")]
    blocks.extend(section(_closable_line(item), accessory=close_button(item.round_id)) for item in items[:MAX_CLOSABLE])
    if len(items) > MAX_CLOSABLE:
        blocks.append(context(f"…and {len(items) - MAX_CLOSABLE} more: close one with `/pulse close <round>`."))
    return blocks


def round_closed(round_id: int) -> dict[str, Any]:
    text = f":white_check_mark: Round #{round_id} is closed. See its results with `/pulse results {round_id}`."
    return {"text": f"Round #{round_id} is closed", "blocks": [section(text)]}


def already_closed_text(round_id: int) -> str:
    return f"Round #{round_id} has already closed. See its results with `/pulse results {round_id}`."


def refusal(text: str) -> dict[str, Any]:
    return {"text": text, "blocks": error_text(text)}
