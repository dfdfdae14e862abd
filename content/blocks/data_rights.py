"""The messages of `/cadence forget`: the confirmation an admin must click, and what was changed."""

from __future__ import annotations

from collections.abc import Sequence

from content.blocks.common import Block, actions, button, context, mention, section

CONFIRM, CANCEL = "forget_confirm", "forget_cancel"


def confirm_blocks(user_id: str) -> list[Block]:
    return [
        section(
            f"*Forget {mention(user_id)}?*\n"
            "Their id is removed from Cadence's records: shout-outs they gave lose the giver and the words, their "
            "name leaves shout-outs they received, messages to them not sent yet are cancelled, their schedules "
            "and pulses pass to the programme owner. Pulse results and counts stay as they are (answers were "
            "never tied to them). Messages already in Slack stay in Slack. This cannot be undone."
        ),
        actions(
            "forget-confirm",
            button("Forget them", CONFIRM, user_id, style="danger"),
            button("Cancel", CANCEL, "cancel"),
        ),
    ]


def forgotten_blocks(user_id: str, lines: Sequence[str]) -> list[Block]:
    changed = "\n".join(f"• {line}" for line in lines) or "• nothing: Cadence held no records of them"
    return [
        section(f":white_check_mark: {mention(user_id)} is forgotten. What changed:\n{changed}"),
        context("The audit log records that a person was forgotten, and these counts, but not who."),
    ]
