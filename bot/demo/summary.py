"""The demo's summary, read from Cadence's database (never counted by the demo itself): what was sent, how many
answered the pulses, the shout-outs, and what the latest digest flagged and what became of the action a champion
took on (its item before and after, and its follow-up), as the real digest code composes it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.actions import BeforeAfter
from bot.demo.organisation import CHAMPIONS, Organisation
from bot.digests import Digest, Period, channel_config, compose
from bot.platform.outbox.keys import SHOUTOUT_KINDS, DeliveryKind, Selection
from bot.platform.outbox.queue import count_by_state
from bot.platform.runtime import Runtime
from storage import export, keymessages
from storage import pulses as pulse_store
from storage.models import DeliveryState
from storage.pulse_aggregates import closed_rounds_between

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SOURCES = {"command": "/shoutout", "modal": "the form", "shortcut": "“Recognise this”", "reaction": "reaction"}
SENT_KINDS = (
    ((DeliveryKind.KEY_MESSAGE,), "key-message DM"),
    ((DeliveryKind.PULSE_INVITE,), "pulse DM"),
    ((DeliveryKind.PULSE_REMINDER,), "pulse reminder"),
    (SHOUTOUT_KINDS, "shout-out post or DM"),
    ((DeliveryKind.DIGEST,), "digest"),
    ((DeliveryKind.DIGEST_CHART,), "chart"),
    ((DeliveryKind.ACTION_NUDGE,), "action-owner DM"),
)


@dataclass(frozen=True)
class Figures:
    sent: int
    sent_by_kind: tuple[tuple[str, int], ...]
    invited: int
    answered: int
    rounds: int
    shoutouts: int
    shoutouts_by_source: tuple[tuple[str, int], ...]
    got_it: int
    discussed: int


def figures(runtime: Runtime) -> Figures:
    with runtime.session() as session:
        sent = count_by_state(session, Selection(tuple(DeliveryKind))).get(DeliveryState.SENT, 0)
        by_kind = tuple(
            (label, count_by_state(session, Selection(kinds)).get(DeliveryState.SENT, 0)) for kinds, label in SENT_KINDS
        )
        rounds = closed_rounds_between(session, since=EPOCH, until=runtime.clock.now())
        turnout = pulse_store.turnout(session, rounds)
        sources = Counter(row.source for row in export.shoutouts(session))
        acks: Counter[str] = Counter()
        for schedule in keymessages.schedules_of(session, owner=None):
            acks.update(keymessages.ack_counts(session, schedule_id=schedule.id or 0))
    return Figures(
        sent=sent,
        sent_by_kind=by_kind,
        invited=turnout.invited,
        answered=turnout.answered,
        rounds=len(rounds),
        shoutouts=sum(sources.values()),
        shoutouts_by_source=tuple(sorted(sources.items())),
        got_it=acks.get("got_it", 0),
        discussed=acks.get("discussed", 0),
    )


def latest_digest(runtime: Runtime) -> Digest | None:
    """The champions' digest of the last week whose slot has passed, composed again by the digest code."""
    now = runtime.clock.now()
    with runtime.session() as session:
        config = channel_config(runtime, session, CHAMPIONS)
    if config is None:
        return None
    slot = config.slot.due(now) or config.slot.in_week_of(now - timedelta(weeks=1))
    return compose(runtime, config, Period.week_ending(slot)).digest


def summary_lines(org: Organisation, weeks: int, numbers: Figures, digest: Digest | None) -> list[str]:
    teams = ", ".join(f"#{t.name} ({len(t.members)})" for t in org.teams)
    kinds = ", ".join(_count(count, label) for label, count in numbers.sent_by_kind if count)
    rate = f"{numbers.answered / numbers.invited:.0%}" if numbers.invited else "none invited"
    sources = ", ".join(f"{count} by {SOURCES.get(source, source)}" for source, count in numbers.shoutouts_by_source)
    return [
        f"{_count(weeks, 'simulated week')} at {org.workspace.team_name}: {len(org.everyone)} people; teams {teams}.",
        f"Cadence sent {numbers.sent} messages: {kinds}.",
        f"Key messages: {numbers.got_it} “Got it” and {numbers.discussed} “Discussed with my team”.",
        f"Pulse participation: {numbers.answered} of {numbers.invited} invitations answered ({rate}) "
        f"over {_count(numbers.rounds, 'weekly round')}.",
        f"Shout-outs: {numbers.shoutouts} ({sources}).",
        *_flagged(digest),
        *(_said_and_done(result, org) for result in (digest.action_results if digest else ())),
    ]


def _count(number: int, singular: str) -> str:
    """`1 digest`, `2 digests`; `post or DM` becomes `posts and DMs`."""
    if number == 1:
        return f"1 {singular}"
    plural = " and ".join(word + "s" for word in singular.split(" or ")) if " or " in singular else singular + "s"
    return f"{number} {plural}"


def _flagged(digest: Digest | None) -> list[str]:
    if digest is None:
        return ["No digest was due."]
    pulses = digest.pulses
    found = []
    focus = digest.focus
    if focus is not None:
        low, high = focus.item.scale
        also = f", also a driver (r = {focus.driver.correlation:.2f})" if focus.driver else ""
        found.append(f"focus item “{focus.text}” (lowest, {focus.item.score:.1f} on {low}–{high}{also})")
    top = next((d for d in pulses.drivers if focus is None or d.question_id != focus.question_id), None)
    if top is not None:
        which = "another" if focus is not None and focus.driver is not None else "strongest"
        found.append(f"{which} driver of the outcome “{top.text}” (r = {top.correlation:.2f})")
    found += [f"warning: {warning}" for warning in digest.warnings]
    start, end = digest.period.start, digest.period.end
    week = f"{start.day} {start:%b}–{end.day} {end:%b %Y}"
    return [f"The latest digest ({week}) flagged: " + ("; ".join(found) or "nothing") + "."]


def _said_and_done(result: BeforeAfter, org: Organisation) -> str:
    """A done action as the digest showed it: its item before it was taken on and since it was done, and the
    follow-up's answers, each as the disclosure gate passed it."""
    action = result.action
    done = f", done {action.done_at.day} {action.done_at:%b}" if action.done_at else ""
    return (
        f"You said, we did: “{action.text}” (owned by {org.name(action.owner)}, taken on "
        f"{action.created_at.day} {action.created_at:%b}{done}): “{action.item_text}” before "
        f"{_figure(result.before.mean, result.before.respondents, result.scale_high)}, since "
        f"{_figure(result.after.mean, result.after.respondents, result.scale_high)}; asked in the follow-up "
        f"whether it made a difference: {_figure(result.followup.mean, result.followup.respondents, 5)}."
    )


def _figure(mean: float | None, respondents: int, high: int) -> str:
    return "not shown (too few answered)" if mean is None else f"{mean:.1f} / {high} ({respondents} people)"
