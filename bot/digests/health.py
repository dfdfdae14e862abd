"""Programme-health warnings: the signs that a programme is drifting, stated so a champion can act on them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions import ActionView
from content.blocks.common import escape, mention

PARTICIPATION_DROP = 0.15
"""A fall of this much (15 percentage points) from the previous period is a sharp one."""
KEY_MESSAGE_SILENCE_DAYS = 30
MAX_NAMED = 5


@dataclass(frozen=True)
class HealthFacts:
    """What the rules look at, gathered for one digest's scope and period."""

    participation_rate: float | None = None
    previous_participation_rate: float | None = None
    participation_change_is_clear: bool = False
    """The change of rate is beyond its uncertainty; a fall within the noise is not called a fall."""
    team_scope: bool = False
    """A team's digest (a channel's members, a user group, listed people), not the whole organisation's."""
    shoutouts_last_two_weeks: int = 0
    failed_messages: tuple[str, ...] = ()
    missed_messages: tuple[str, ...] = ()
    days_since_key_message: int | None = None
    """None when leaders have never sent a key message."""
    overdue_actions: tuple[ActionView, ...] = ()
    stopped_lines: tuple[str, ...] = ()
    """Managers whose line stopped cascading: they discussed none of the last messages sent through them."""


def warnings(facts: HealthFacts) -> list[str]:
    """Every warning that applies, most urgent first."""
    found = [
        *_failed_messages(facts),
        _participation_drop(facts),
        _silent_leaders(facts),
        _stopped_lines(facts),
        _no_recognition(facts),
        *_overdue_actions(facts),
    ]
    return [w for w in found if w]


def _participation_drop(facts: HealthFacts) -> str:
    now, before = facts.participation_rate, facts.previous_participation_rate
    clear = facts.participation_change_is_clear
    if not clear or now is None or before is None or before - now < PARTICIPATION_DROP - 1e-9:
        return ""
    return (
        f"Pulse participation fell from {before:.0%} to {now:.0%}. "
        "Ask the team what gets in the way of answering, and remind them answers are anonymous."
    )


def _no_recognition(facts: HealthFacts) -> str:
    if not facts.team_scope or facts.shoutouts_last_two_weeks:
        return ""
    return "Nobody in this team has been recognised for two weeks. Notice one thing someone did for a customer."


def _failed_messages(facts: HealthFacts) -> list[str]:
    found = [f"Key message *{escape(title)}* could not be delivered to everyone." for title in facts.failed_messages]
    found += [f"Key message *{escape(title)}* was missed at its scheduled time." for title in facts.missed_messages]
    return found


def _silent_leaders(facts: HealthFacts) -> str:
    days = facts.days_since_key_message
    if days is not None and days < KEY_MESSAGE_SILENCE_DAYS:
        return ""
    if days is None:
        return "Leaders have not sent a key message yet. Ask one to share why the customer promise matters."
    return f"Leaders have sent no key message for {days} days. Ask one to repeat the customer promise this week."


def _overdue_actions(facts: HealthFacts) -> list[str]:
    return [
        f"The action *{escape(a.text)}* was due on {a.due_on:%-d %b} and is not done. "
        f"Ask {mention(a.owner)} where it stands, or agree a new date."
        for a in facts.overdue_actions
    ]


def _stopped_lines(facts: HealthFacts) -> str:
    managers = facts.stopped_lines
    if not managers:
        return ""
    named = ", ".join(mention(m) for m in managers[:MAX_NAMED]) + (" and others" if len(managers) > MAX_NAMED else "")
    return (
        f"Key messages stopped cascading in {len(managers)} line(s): {named} discussed neither of the last two sent "
        "through managers. Check in with them; the talking points are in the message."
    )
