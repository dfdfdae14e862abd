"""What a person sees of a pulse: the DM with one row of buttons per question, the comment form, their open pulses."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.pulses.views import OpenPulse
from content.blocks.common import Block, actions, button, context, error_text, plain, section
from content.pack import ContentPack, Question

ANSWER_ACTION = "pulse_answer"
COMMENT_ACTION = "pulse_comment"
COMMENT_CALLBACK = "pulse_comment"
COMMENT_BLOCK = "comment"
ANSWER_NUMBER = re.compile(r"^[0-9]{1,9}$")
PRIVACY_ACTION = "pulse_privacy"
PRIVACY_BUTTON = "How is this anonymous?"
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
    if len(parts) != 3 or not ANSWER_NUMBER.match(parts[0]) or not ANSWER_NUMBER.match(parts[2].removeprefix("-")):
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
    min_size: int,
    has_comment: bool = False,
    reminder: bool = False,
    followups: Sequence[Question] = (),
) -> dict[str, Any]:
    """The DM for one round, showing what this person has chosen so far (the message is rebuilt on every click),
    with its anonymity receipt: who will see what, and a button to the full explanation. `followups` are asked
    after the campaign's questions."""
    questions = [q for q in (pack.question(qid) for qid in question_ids) if q is not None] + list(followups)
    opening = "*Reminder:* this pulse closes soon. " if reminder else ""
    intro = (
        f"{opening}*{len(questions)} quick questions on our customer promise.* One tap each. "
        f"You can change an answer until {slack_date(closes_at)}."
    )
    blocks: list[Block] = [section(intro), context(receipt_text(min_size))]
    for number, question in enumerate(questions, start=1):
        blocks.extend(_question_blocks(number, question, round_id, answers.get(question.id)))
    comment_label = "Edit your comment" if has_comment else "Add a comment"
    privacy = button(PRIVACY_BUTTON, PRIVACY_ACTION, str(round_id))
    blocks.append(actions("pulse-comment", button(comment_label, COMMENT_ACTION, str(round_id)), privacy))
    if answers:
        blocks.append(context(f"Thank you: {len(answers)} of {len(questions)} answered."))
    return {"text": f"A pulse on our customer promise: {len(questions)} quick questions", "blocks": blocks}


def receipt_text(min_size: int) -> str:
    return (
        f":lock: Anonymous. Results appear only after the pulse closes, only for groups of at least {min_size} "
        "people; comments without names, in random order. The programme owner sees how many people answered, "
        "never who answered what."
    )


PRIVACY_EXPLANATION = (
    (
        "*What is stored*",
        "Your answers and your comment are stored under a code made from this round and you, not under your "
        "name, together with the team (channel or user group) the pulse reached you through. Separately, Cadence "
        "notes that you were asked and whether you answered, so it can send at most one reminder.",
    ),
    (
        "*Who sees results, and when*",
        "Leaders, change champions and the programme owner see results only after the round closes, so nobody can "
        "watch the figures move as one person answers. A question, a team or a score appears only when at least "
        "{min_size} people answered it, and never when subtracting it from another figure would single out fewer "
        "than {min_size}. A score that combines questions appears only when each question in it could be shown. "
        "When everyone in a group, or everyone a breakdown by team leaves out, gave the same answer, the spread of "
        "answers is left out.",
    ),
    (
        "*Comments*",
        "Comments appear only beside results that can be shown, without your name or team, in a fresh random "
        "order every time, so their order never hints at who wrote last.",
    ),
    (
        "*The programme owner*",
        "Can see how many people were asked and answered, every result others see, and export those same "
        "figures. Cannot see who gave which answer, who wrote which comment, or any result of a round still open.",
    ),
    (
        "*What no rule can hide*",
        "If everyone in a group picks the same end of the scale, the average says so. And a comment can give "
        "you away by what it says: leave out details that would identify you or a colleague.",
    ),
)


def privacy_modal(min_size: int) -> dict[str, Any]:
    """“How is this anonymous?”: the full explanation behind the receipt in every pulse DM."""
    blocks = [section(f"{title}\n{text.format(min_size=min_size)}") for title, text in PRIVACY_EXPLANATION]
    return {
        "type": "modal",
        "title": plain(PRIVACY_BUTTON),
        "close": plain("Close"),
        "blocks": blocks,
    }


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


def open_pulses_blocks(pulses: Sequence[OpenPulse]) -> list[Block]:
    """`/pulse` alone: the caller's open pulses."""
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
