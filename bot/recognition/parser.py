"""Reading `/shoutout` text: who, for which behaviour, and what was said.

Slack sends the command text escaped (`should_escape: true`): people as `<@U123|alice>` or `<@U123>`, user groups
as `<!subteam^S123|@support>`, channels as `<#C123|name>`, broadcasts as `<!here>`, `<!channel>`, `<!everyone>`.
The shape is `/shoutout @alice @bob <behaviour> <message>`: the mentions first, then a behaviour named by its key,
its label or its emoji, then the message. Any part may be missing; the caller then opens the modal prefilled with
what was typed.

Shout-outs go to people, so user groups, channels and broadcasts are refused with a message saying so, never
dropped silently (expanding `@support` to everyone in it would recognise people the giver never meant, and let
one command reach hundreds). `parse_shoutout` is pure and total: any text yields a draft or a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.platform.mentions import Kind, is_handle, mention, mentions_in, without_names

MAX_BEHAVIOUR_WORDS = 8


BehaviourLookup = Callable[[str], str | None]
"""Returns the key of the behaviour a word or phrase names (key, label or emoji), or None."""


@dataclass(frozen=True)
class ParsedShoutout:
    """What the command text said. Empty parts were not given."""

    recipients: tuple[str, ...]
    behaviour_key: str | None
    message: str

    @property
    def complete(self) -> bool:
        return bool(self.recipients) and self.behaviour_key is not None and bool(self.message)


@dataclass(frozen=True)
class ParseRefusal:
    """Why the text cannot become a shout-out, worded for the person who typed it."""

    reason: str


def parse_shoutout(text: str, find_behaviour: BehaviourLookup) -> ParsedShoutout | ParseRefusal:
    refusal = _refuse_non_people(text)
    if refusal is not None:
        return refusal
    words = text.split()
    recipients: list[str] = []
    while words and (user := _user_id(words[0])) is not None:
        if user not in recipients:
            recipients.append(user)
        words.pop(0)
    if words and is_handle(words[0]):
        return ParseRefusal(
            f"I couldn't tell who {words[0]} is. Pick each person from the list Slack shows as you type their name."
        )
    behaviour_key, taken = _behaviour(words, find_behaviour)
    message = without_names(" ".join(words[taken:]))
    return ParsedShoutout(tuple(recipients), behaviour_key, message)


def _refuse_non_people(text: str) -> ParseRefusal | None:
    for found in mentions_in(text):
        if found.kind is Kind.BROADCAST:
            return ParseRefusal(
                "Shout-outs go to people, not to everyone at once: remove @here, @channel or @everyone "
                "and mention the colleagues you want to recognise."
            )
        if found.kind is Kind.GROUP:
            name = found.label or "that user group"
            return ParseRefusal(
                f"Shout-outs go to people, not user groups: instead of {name}, mention the colleagues "
                "you want to recognise one by one (or type /shoutout alone to pick them in a form)."
            )
        if found.kind is Kind.CHANNEL:
            name = f"#{found.label}" if found.label else "a channel"
            return ParseRefusal(
                f"Shout-outs go to people, not channels: instead of {name}, mention the colleagues "
                "you want to recognise. They are celebrated in the recognition channel for you."
            )
    return None


def _user_id(word: str) -> str | None:
    found = mention(word)
    return found.id if found is not None and found.kind is Kind.USER else None


def _behaviour(words: list[str], find_behaviour: BehaviourLookup) -> tuple[str | None, int]:
    """The behaviour named by the longest run of leading words (labels have several), and how many words it took."""
    for count in range(min(len(words), MAX_BEHAVIOUR_WORDS), 0, -1):
        key = find_behaviour(" ".join(words[:count]))
        if key is not None:
            return key, count
    return None, 0
