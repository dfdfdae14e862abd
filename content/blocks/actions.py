"""Team actions as Block Kit: the digest's "Take this on" button and open actions, the modal, the owner's weekly
DM with its one-tap statuses, `/cadence actions`, and the focus item before and after a done action.

Pure functions of `bot.actions.views`; every word people typed is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.actions.views import STATUS_LABELS, ActionView, BeforeAfter, ItemFigure
from content.blocks.common import (
    Block,
    actions,
    button,
    context,
    escape,
    input_block,
    mention,
    plain,
    section,
    truncate,
)

TAKE_ON_ACTION = "action_take_on"
STATUS_ACTION = "action_status"
CALLBACK_ID = "action_take_on"
TEXT, OWNER, DUE = "action_text", "action_owner", "action_due"
MAX_TEXT = 300
MAX_LISTED = 15
DM_STATUSES = ("done", "in_progress", "blocked")


def status_value(action_id: int, status: str) -> str:
    return f"{action_id}:{status}"


def parse_status_value(value: str) -> tuple[int, str] | None:
    """(action id, status) from a status button's value, or None when Cadence could not have written it (digits
    are ASCII ones: `str.isdigit` also takes `²`, which `int` refuses, and `１`, which it reads as 1)."""
    number, _, status = value.partition(":")
    if not (number.isascii() and number.isdigit()) or len(number) > 9 or status not in DM_STATUSES:
        return None
    return int(number), status


def _day(day: date) -> str:
    return f"{day:%a %-d %b %Y}"


def action_line(action: ActionView, *, with_channel: bool = False) -> str:
    """One action: what, who, by when, how far."""
    late = " · :hourglass: *overdue*" if action.overdue else ""
    where = f" · <#{action.channel}>" if with_channel else ""
    return (
        f"• *{escape(action.text)}* — {mention(action.owner)}, due {_day(action.due_on)} · "
        f"{action.status_label}{late}{where}"
    )


def digest_action_blocks(
    focus_id: str | None, open_actions: Sequence[ActionView], results: Sequence[BeforeAfter], min_size: int
) -> list[Block]:
    """The digest's "What do we do next?" actions: the scope's open actions, each done action's before and after,
    and the focus item's button (`focus_id` is its question id). The digest names the focus item once, under
    "What needs attention?", so here it is "the focus item"."""
    blocks: list[Block] = []
    if open_actions:
        lines = [action_line(a) for a in open_actions[:MAX_LISTED]]
        blocks.append(section("*:dart: Actions we took on*\n" + "\n".join(lines)))
    if results:
        said = "\n".join(_result_line(r, min_size, focus_id) for r in results)
        blocks.append(section("*:repeat: You said, we did*\n" + said))
    if focus_id is not None:
        take_on = button("Take this on", TAKE_ON_ACTION, focus_id, style="primary")
        blocks += [actions("digest-take-on", take_on), context("Agree one action on the focus item.")]
    return blocks


def _figure(figure: ItemFigure, high: int, min_size: int) -> str:
    if not figure.rounds:
        return "no answers yet"
    if figure.mean is None:
        return f"not shown (fewer than {min_size} people answered, or showing it could single someone out)"
    return f"*{figure.mean:.1f} / {high}* ({figure.respondents} people)"


def _result_line(result: BeforeAfter, min_size: int, focus_id: str | None) -> str:
    action = result.action
    done = f"{action.done_at:%-d %b}" if action.done_at else "?"
    item = "the focus item" if action.question_id == focus_id else f"_{escape(action.item_text)}_"
    line = (
        f"• *{escape(action.text)}* (done {done}) on {item}: "
        f"before {_figure(result.before, result.scale_high, min_size)} → "
        f"since {_figure(result.after, result.scale_high, min_size)}"
    )
    if result.followup.rounds:
        line += f"\n   Has it made a difference? {_figure(result.followup, 5, min_size)}"
    return line


def take_on_modal(*, channel: str, question_id: str, item_text: str, today: date) -> dict[str, Any]:
    owner = {"type": "users_select", "action_id": OWNER, "placeholder": plain("Who makes sure it happens")}
    due = {"type": "datepicker", "action_id": DUE, "initial_date": today.isoformat()}
    text = {"type": "plain_text_input", "action_id": TEXT, "max_length": MAX_TEXT, "multiline": True}
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": plain("Take this on"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps({"channel": channel, "question": question_id}),
        "blocks": [
            section(f"*Item*: {escape(item_text)}"),
            input_block(TEXT, "What will the team do?", text, hint="One concrete step people will notice."),
            input_block(OWNER, "Owner", owner),
            input_block(DUE, "Due date", due),
        ],
    }


def saved_view(action: ActionView) -> dict[str, Any]:
    text = (
        f":white_check_mark: Saved. {mention(action.owner)} owns *{escape(action.text)}*, due {_day(action.due_on)}. "
        "They get a weekly reminder to mark how far it got, and the digest lists it until it is done."
    )
    return {"type": "modal", "title": plain("Action saved"), "close": plain("Done"), "blocks": [section(text)]}


def nudge_message(action: ActionView) -> dict[str, Any]:
    """The owner's weekly DM, with the action's status now and one tap to change it."""
    intro = (
        f":dart: You own an action your team took on: *{escape(action.text)}* "
        f"(about _{escape(action.item_text)}_), due {_day(action.due_on)}."
    )
    buttons = [
        button(STATUS_LABELS[s], STATUS_ACTION + f":{s}", status_value(action.action_id, s), style=_style(action, s))
        for s in DM_STATUSES
    ]
    blocks = [
        section(intro),
        context(f"Status: *{action.status_label}*" + (" · overdue" if action.overdue else "")),
        actions(f"action-status-{action.action_id}", *buttons),
    ]
    return {"text": f"How far is the action '{escape(truncate(action.text, 80))}'?", "blocks": blocks}


def _style(action: ActionView, status: str) -> str | None:
    return "primary" if action.status == status else None


def list_blocks(found: Sequence[ActionView], *, everyone: bool) -> list[Block]:
    """`/cadence actions`: the actions of the scopes the person may see."""
    whose = "every champions' channel" if everyone else "your champions' channels"
    if not found:
        return [section(f"No actions yet for {whose}. Take one on with *Take this on* in a weekly digest.")]
    lines = [action_line(a, with_channel=True) for a in found[:MAX_LISTED]]
    more = [context(f"…and {len(found) - MAX_LISTED} more.")] if len(found) > MAX_LISTED else []
    return [section(f"*Actions for {whose}*\n" + "\n".join(lines)), *more]
