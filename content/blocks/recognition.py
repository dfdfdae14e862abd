"""What people read about shout-outs: the celebration, the recipient's DM, the modal, stats and confirmations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from content.blocks.common import (
    Block,
    channel_link,
    context,
    escape,
    fields_section,
    header,
    input_block,
    mention,
    plain,
    section,
)
from content.pack import Behaviour

MODAL_CALLBACK_ID = "shoutout_modal"
RECIPIENTS_BLOCK, BEHAVIOUR_BLOCK, MESSAGE_BLOCK = "recipients", "behaviour", "message"
RECIPIENTS_ACTION, BEHAVIOUR_ACTION, MESSAGE_ACTION = "recipients", "behaviour", "message"

_ESCAPED_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]+)&gt;")
_SAFE_LINK = re.compile(r"^https://[^\s<>|]+$")


def escape_message(text: str) -> str:
    """Escape what a person wrote, keeping plain user mentions (`<@U123>`) working: they can only name a person,
    never broadcast or link."""
    return _ESCAPED_MENTION.sub(r"<@\1>", escape(text))


def people(user_ids: Sequence[str]) -> str:
    names = [mention(u) for u in user_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def behaviour_phrase(behaviour: Behaviour | None) -> str:
    return f":{behaviour.emoji}: *{escape(behaviour.label)}*" if behaviour else "*the customer promise*"


def _link_line(link: str | None, origin_channel: str | None) -> str | None:
    if link and _SAFE_LINK.match(link):
        return f"<{link}|See what they were recognised for>"
    if origin_channel:
        return f"For a message in {channel_link(origin_channel)}"
    return None


@dataclass(frozen=True)
class ShoutoutView:
    """A stored shout-out as the builders need it."""

    giver: str
    recipients: tuple[str, ...]
    behaviour: Behaviour | None
    message: str
    link: str | None = None
    origin_channel: str | None = None


def celebration(shoutout: ShoutoutView) -> dict[str, Any]:
    """The post in the recognition channel."""
    who = people(shoutout.recipients)
    lines = [f":raised_hands: {mention(shoutout.giver)} recognised {who} for {behaviour_phrase(shoutout.behaviour)}"]
    if shoutout.message:
        lines.append(_quote(shoutout.message))
    blocks: list[Block] = [section("\n".join(lines))]
    notes = [n for n in (_link_line(shoutout.link, shoutout.origin_channel), _description(shoutout.behaviour)) if n]
    if notes:
        blocks.append(context(*notes))
    return {"text": f"{mention(shoutout.giver)} recognised {who}", "blocks": blocks}


def recipient_dm(shoutout: ShoutoutView, recipient: str, celebration_channel: str | None) -> dict[str, Any]:
    """The DM each recipient gets."""
    lines = [f":sparkles: {mention(shoutout.giver)} gave you a shout-out for {behaviour_phrase(shoutout.behaviour)}"]
    others = [r for r in shoutout.recipients if r != recipient]
    if others:
        lines.append(f"Together with {people(others)}.")
    if shoutout.message:
        lines.append(_quote(shoutout.message))
    notes = [n for n in (_link_line(shoutout.link, shoutout.origin_channel),) if n]
    if celebration_channel:
        notes.append(f"Celebrated in {channel_link(celebration_channel)}")
    blocks: list[Block] = [section("\n".join(lines))]
    if notes:
        blocks.append(context(*notes))
    return {"text": f"{mention(shoutout.giver)} gave you a shout-out", "blocks": blocks}


def _quote(message: str) -> str:
    return ">" + escape_message(message).replace("\n", "\n>")


def _description(behaviour: Behaviour | None) -> str | None:
    return escape(behaviour.description) if behaviour else None


def given_text(recipients: Sequence[str], behaviour: Behaviour | None, channel: str | None) -> str:
    """The giver's private confirmation."""
    where = f" It's on its way to {channel_link(channel)} and to them by DM." if channel else " They'll get it by DM."
    return (
        f":white_check_mark: Your shout-out to {people(recipients)} for {behaviour_phrase(behaviour)} is saved.{where}"
    )


def failure_text(giver: str, recipients: Sequence[str], target: str) -> str:
    """What the programme owner reads when a shout-out could not be delivered for good."""
    place = channel_link(target) if target.startswith(("C", "G")) else f"{mention(target)} by DM"
    return (
        f"A shout-out from {mention(giver)} to {people(recipients)} is saved but could not be posted to {place}. "
        "Check that Cadence is in that channel and the channel still exists."
    )


def reaction_given_text(recipient: str, behaviour: Behaviour | None, window_minutes: int) -> str:
    return (
        f":white_check_mark: You recognised {mention(recipient)} for {behaviour_phrase(behaviour)}. "
        f"Changed your mind? Remove your reaction within {window_minutes} minutes."
    )


def modal(
    behaviours: Sequence[Behaviour],
    *,
    recipients: Sequence[str] = (),
    behaviour_key: str | None = None,
    message: str = "",
    message_limit: int,
    max_recipients: int,
    metadata: dict[str, Any] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """The shout-out form; prefilled with whatever the person already gave."""
    options = [_option(b) for b in behaviours]
    select: dict[str, Any] = {"type": "static_select", "action_id": BEHAVIOUR_ACTION, "options": options[:100]}
    select["placeholder"] = plain("Choose a behaviour")
    chosen = next((o for b, o in zip(behaviours, options, strict=True) if b.key == behaviour_key), None)
    if chosen:
        select["initial_option"] = chosen
    users: dict[str, Any] = {"type": "multi_users_select", "action_id": RECIPIENTS_ACTION}
    users |= {"placeholder": plain("Who do you want to recognise?"), "max_selected_items": max_recipients}
    if recipients:
        users["initial_users"] = list(recipients)[:max_recipients]
    text: dict[str, Any] = {"type": "plain_text_input", "action_id": MESSAGE_ACTION, "multiline": True}
    text |= {
        "max_length": message_limit,
        "placeholder": plain("What did they do, and what did it mean for a customer?"),
    }
    if message:
        text["initial_value"] = message[:message_limit]
    blocks: list[Block] = [context(note)] if note else []
    blocks += [
        input_block(RECIPIENTS_BLOCK, "Recognise", users),
        input_block(BEHAVIOUR_BLOCK, "For", select),
        input_block(MESSAGE_BLOCK, "In your words", text),
    ]
    view: dict[str, Any] = {"type": "modal", "callback_id": MODAL_CALLBACK_ID, "title": plain("Give a shout-out")}
    view |= {"submit": plain("Send"), "close": plain("Cancel"), "blocks": blocks}
    view["private_metadata"] = json.dumps(metadata or {})
    return view


def _option(behaviour: Behaviour) -> dict[str, Any]:
    return {"text": plain(f":{behaviour.emoji}: {behaviour.label}", limit=75), "value": behaviour.key}


@dataclass(frozen=True)
class StatsView:
    given_month: int
    given_total: int
    received_month: int
    received_total: int
    top_month: list[tuple[str, int]]
    top_total: list[tuple[str, int]]


def stats_blocks(stats: StatsView, behaviour: Callable[[str], Behaviour | None]) -> list[Block]:
    """The person's own figures; `behaviour` looks up a behaviour key (None when the pack no longer has it)."""
    blocks: list[Block] = [
        header("Your shout-outs"),
        fields_section(
            [
                f"*Given this month*\n{stats.given_month}",
                f"*Received this month*\n{stats.received_month}",
                f"*Given in all*\n{stats.given_total}",
                f"*Received in all*\n{stats.received_total}",
            ]
        ),
    ]
    for title, top in (("this month", stats.top_month), ("in all", stats.top_total)):
        if top:
            lines = [f"{behaviour_phrase(behaviour(key))} × {n}" for key, n in top]
            blocks.append(section(f"*What you were recognised for {title}*\n" + "\n".join(lines)))
    if not stats.received_total and not stats.given_total:
        blocks.append(context("No shout-outs yet. Try `/shoutout @colleague` to recognise someone."))
    return blocks
