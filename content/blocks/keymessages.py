"""What people read of a key message: the delivered message with its acknowledgement buttons, and `/promise`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from content.blocks.clarity import clarity_blocks
from content.blocks.common import (
    Block,
    actions,
    button,
    context,
    divider,
    escape,
    header,
    mention,
    section,
    truncate,
)
from content.pack import Prompt, Question

GOT_IT, DISCUSSED = "got_it", "discussed"
ACK_ACTIONS = {GOT_IT: "keymsg_got_it", DISCUSSED: "keymsg_discussed"}
ACK_LABELS = {GOT_IT: "Got it", DISCUSSED: "Discussed with my team"}
ACK_BLOCK, STATUS_BLOCK = "keymsg_ack", "keymsg_ack_status"


@dataclass(frozen=True)
class KeyMessageView:
    """A key message ready to render: who sends it, what it says, and the discussion that goes with it."""

    owner: str
    title: str
    text: str
    prompt: Prompt | None
    clarity: Question | None = None
    """The clarity check the message carries, if any, and the minimum group size its note promises."""
    min_size: int = 5


def notification_text(message: KeyMessageView) -> str:
    """The plain text Slack shows in notifications and screen readers."""
    return truncate(message.title or message.text, 150)


BOTH = (GOT_IT, DISCUSSED)
MANAGER_NOTE = ":busts_in_silhouette: You get this a working day before your team: talk it through with them first."


def message_blocks(
    message: KeyMessageView,
    *,
    ack_value: str | None,
    preview: bool = False,
    offered: Sequence[str] = BOTH,
    note: str = "",
) -> list[Block]:
    """The delivered message; `ack_value` (schedule:occurrence) adds the `offered` buttons ("Got it",
    "Discussed")."""
    blocks: list[Block] = []
    if preview:
        blocks.append(context(":eyes: *Preview* — this is how your key message will look. Nothing was sent."))
    if note:
        blocks.append(context(note))
    if message.title:
        blocks.append(header(message.title))
    blocks.append(section(escape(message.text)))
    if message.prompt is not None:
        blocks.append(prompt_section(message.prompt))
    blocks.append(context(f"A key message about our customer promise from {mention(message.owner)}"))
    if ack_value is not None:
        blocks.append(ack_actions(ack_value, given=(), offered=offered))
    if message.clarity is not None and ack_value is not None:
        blocks += clarity_blocks(message.clarity, ack_value, min_size=message.min_size)
    elif message.clarity is not None:
        blocks.append(context(f"Recipients are also asked: _{escape(message.clarity.text)}_ (1 to 5, anonymous)"))
    return blocks


def manager_blocks(message: KeyMessageView, *, ack_value: str) -> list[Block]:
    """What a manager gets of a message sent through managers: the talking points and "Discussed with my team";
    the clarity check goes to their members."""
    return message_blocks(replace(message, clarity=None), ack_value=ack_value, offered=(DISCUSSED,), note=MANAGER_NOTE)


def member_blocks(message: KeyMessageView, *, ack_value: str) -> list[Block]:
    """What a member gets once teams are known: the message without the managers' talking points, and "Got it".
    The one place a member's message is built, so what goes with it (such as a check of how clear it is) joins
    here."""
    return message_blocks(replace(message, prompt=None), ack_value=ack_value, offered=(GOT_IT,))


def prompt_section(prompt: Prompt) -> Block:
    return section(
        f"*For managers — discuss with your team:* {escape(prompt.title)}\n"
        f">{escape(prompt.question)}\n_{escape(prompt.activity)}_"
    )


def ack_actions(ack_value: str, *, given: Collection[str], offered: Sequence[str] = BOTH) -> Block:
    buttons = [
        button(ACK_LABELS[kind], ACK_ACTIONS[kind], ack_value, style="primary" if kind == GOT_IT else None)
        for kind in offered
        if kind not in given
    ]
    return actions(ACK_BLOCK, *buttons)


def acknowledged_blocks(original: Sequence[Block], ack_value: str, *, given: Collection[str], status: str) -> list:
    """The clicked message again, with `status` saying what was recorded and the buttons it offered not yet used."""
    kept = [b for b in original if b.get("block_id") not in (ACK_BLOCK, STATUS_BLOCK)]
    status_block = {**context(status), "block_id": STATUS_BLOCK}
    offered = _offered(original)
    remaining = [] if set(given) >= set(offered) else [ack_actions(ack_value, given=given, offered=offered)]
    return [*kept, status_block, *remaining]


def _offered(original: Sequence[Block]) -> tuple[str, ...]:
    """The acknowledgements the message offered, read from its buttons (a status-only message offered both)."""
    shown = {
        element.get("action_id")
        for block in original
        if block.get("block_id") == ACK_BLOCK
        for element in block.get("elements", [])
    }
    found = tuple(kind for kind in BOTH if ACK_ACTIONS[kind] in shown)
    return found or BOTH


def personal_status(given: Collection[str]) -> str:
    done = [ACK_LABELS[kind] for kind in (GOT_IT, DISCUSSED) if kind in given]
    return ":white_check_mark: You told your leader: " + " · ".join(done)


def shared_status(counts: dict[str, int]) -> str:
    return f":white_check_mark: {counts.get(GOT_IT, 0)} got it · {counts.get(DISCUSSED, 0)} discussed with their team"


@dataclass(frozen=True)
class RecentMessage:
    title: str
    text: str
    owner: str
    when: str


def promise_blocks(statement: str, values: Sequence[str], recent: Sequence[RecentMessage]) -> list[Block]:
    """`/promise`: the promise, the values behind it, and the latest key messages."""
    blocks: list[Block] = [header("Our customer promise"), section(f"*{escape(statement)}*")]
    if values:
        blocks.append(section("\n".join(f"• {escape(v)}" for v in values)))
    blocks.append(divider())
    if not recent:
        blocks.append(context("No key messages have gone out yet."))
        return blocks
    blocks.append(section("*Latest key messages*"))
    for item in recent:
        heading = f"*{escape(item.title)}*\n" if item.title else ""
        blocks.append(section(heading + escape(truncate(item.text, 400))))
        blocks.append(context(f"{item.when} · from {mention(item.owner)}"))
    return blocks
