"""The first things Home says: what Cadence is and what stays private (for everyone), the getting-started checklist
(for admins, until every step is done), and the modals Home's buttons open with a command's answer or a how-to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.home.views import ChecklistItem, Step
from content.blocks.common import Block, button, context, divider, plain, section

FIX = "home_fix"
STEPS: dict[Step, tuple[str, str]] = {
    Step.ROLES: ("Give people their roles", "Show roles"),
    Step.RECOGNITION: ("A recognition channel, with Cadence in it", "How to set it"),
    Step.DIGESTS: ("Champions' channels, with Cadence in them", "Set up a digest"),
    Step.PULSE_SECRET: ("The pulse secret (an operator setting)", "How to turn pulses on"),
    Step.KEY_MESSAGE: ("The first key message scheduled", "Schedule one"),
    Step.PULSE: ("The first pulse started", "Start one"),
}
GUIDES: dict[Step, tuple[str, str]] = {
    Step.RECOGNITION: (
        "Recognition channel",
        "Shout-outs are celebrated in one channel, such as #kudos.\n"
        "1. Choose it: `/cadence set recognition-channel #kudos`.\n"
        "2. Invite Cadence to it: type `/invite @Cadence` in that channel.\n"
        "Then press *Refresh* on Home to see the step done.",
    ),
    Step.PULSE_SECRET: (
        "Turning pulses on",
        "Cadence keeps who answered a pulse apart from what they answered with a secret only the server knows. "
        "It is an operator setting, not one changed in Slack: whoever runs Cadence sets `CADENCE_PULSE_SECRET` "
        "to a long random value (for example the output of `python -c 'import secrets; "
        "print(secrets.token_urlsafe(32))'`) in its environment, and restarts it. Keep it the same from then on.",
    ),
}


def intro_blocks(min_group_size: int) -> list[Block]:
    return [
        context(
            "Cadence keeps our customer promise alive between the town halls: key messages from leaders, "
            "short pulses on how aligned and empowered we feel, and shout-outs for customer-centric work."
        ),
        context(
            ":lock: Your pulse answers are anonymous: results show only for groups of at least "
            f"{min_group_size} people, and nobody can see what you answered. Shout-outs are public, in the "
            "recognition channel and to the people you recognise."
        ),
    ]


def checklist_blocks(items: Sequence[ChecklistItem]) -> list[Block]:
    """The admin's getting-started checklist with a button beside each open step; one line once all are done."""
    if not items:
        return []
    done = sum(item.done for item in items)
    if done == len(items):
        return [context(":white_check_mark: Cadence is set up: every getting-started step is done.")]
    blocks: list[Block] = [divider(), section(f"*Getting started* · {done} of {len(items)} done")]
    for item in items:
        title, label = STEPS[item.step]
        mark = ":white_check_mark:" if item.done else ":point_right:"
        accessory = None if item.done else button(label, FIX, item.step.value)
        blocks.append(section(f"{mark} *{title}*\n{item.detail}", accessory=accessory))
    return blocks


def guide_view(step: Step) -> dict[str, Any] | None:
    """The how-to for a step Slack cannot fix by itself opening a form, or None when the step has a form."""
    guide = GUIDES.get(step)
    return answer_view(guide[0], [section(guide[1])]) if guide else None


def answer_view(title: str, blocks: Sequence[Block]) -> dict[str, Any]:
    """A modal holding what a command would have answered privately, opened from a Home button."""
    return {"type": "modal", "title": plain(title, limit=24), "close": plain("Close"), "blocks": list(blocks)[:100]}
