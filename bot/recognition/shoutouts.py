"""Recognition: the rules for giving a shout-out, storing it with its deliveries, and reading them back.

A shout-out is stored first, in the same unit of work as its deliveries (the celebration in the recognition channel
and a DM per recipient), so nothing is lost if Slack fails: the outbox retries, and a permanent failure reaches the
programme owner once. Every shout-out carries the key of the request that created it; a retried or double-submitted
request finds the stored one instead of creating another.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import enqueue, failure_notice
from bot.platform.runtime import Runtime
from content.blocks.recognition import (
    BEHAVIOUR_BLOCK,
    MESSAGE_BLOCK,
    RECIPIENTS_BLOCK,
    ShoutoutView,
    celebration,
    failure_text,
    recipient_dm,
)
from content.pack import Behaviour
from storage import recognition as store
from storage.models import Shoutout

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 500
MAX_RECIPIENTS = 10


@dataclass(frozen=True)
class Draft:
    """A shout-out someone is giving. `request_key` names the request (see `Shoutout.request_key`)."""

    giver: str
    recipients: tuple[str, ...]
    behaviour_key: str | None
    message: str
    source: str
    request_key: str
    link: str | None = None
    origin_channel: str | None = None
    words_required: bool = True


@dataclass(frozen=True)
class Refusal:
    """Why a shout-out was not stored; `field` is the modal block the person should change (None: no one field)."""

    reason: str
    field: str | None = None


@dataclass(frozen=True)
class Given:
    shoutout_id: int
    recipients: tuple[str, ...]
    behaviour: Behaviour | None
    channel: str | None
    created: bool
    delivery_ids: tuple[int, ...] = ()
    """The deliveries this request queued (none when the shout-out was given before)."""


def give_shoutout(runtime: Runtime, draft: Draft) -> Given | Refusal:
    """Store `draft` with its deliveries, or say why not. Giving the same request twice returns the first."""
    with runtime.session() as session:
        existing = store.by_request_key(session, draft.request_key)
        if existing is not None:
            return _given(runtime, existing, store.recipients_of(session, existing.id or 0), created=False)
    refusal = check_draft(runtime, draft)
    if refusal is not None:
        return refusal
    now = runtime.clock.now()
    with runtime.session() as session:
        store.lock_giver(session, giver=draft.giver)
        refusal = _over_daily_limit(runtime, session, draft.giver, now)
        if refusal is not None:
            return refusal
        row = store.add(session, _new_shoutout(draft, now))
        if row is None:
            existing = store.by_request_key(session, draft.request_key)
            assert existing is not None and existing.id is not None
            return _given(runtime, existing, store.recipients_of(session, existing.id), created=False)
        queued = _queue_deliveries(runtime, session, row, draft.recipients, now)
    log.info(
        "shout-out %s stored: giver=%s recipients=%d source=%s",
        row.id,
        draft.giver,
        len(draft.recipients),
        draft.source,
    )
    return _given(runtime, row, list(draft.recipients), created=True, delivery_ids=queued)


def check_draft(runtime: Runtime, draft: Draft) -> Refusal | None:
    """The rules a shout-out must meet before it is stored, each refusal saying what to change."""
    return _check_recipients(runtime, draft) or _check_behaviour(runtime, draft) or _check_words(draft)


def _check_recipients(runtime: Runtime, draft: Draft) -> Refusal | None:
    if not draft.recipients:
        return Refusal("Choose at least one colleague to recognise.", RECIPIENTS_BLOCK)
    if len(draft.recipients) > MAX_RECIPIENTS:
        return Refusal(
            f"A shout-out can name at most {MAX_RECIPIENTS} people (you chose {len(draft.recipients)}). "
            "Choose fewer, or give a second shout-out.",
            RECIPIENTS_BLOCK,
        )
    if draft.giver in draft.recipients:
        return Refusal("You can't give yourself a shout-out: remove yourself and choose a colleague.", RECIPIENTS_BLOCK)
    for user_id in draft.recipients:
        problem = _recipient_problem(runtime, user_id)
        if problem:
            return Refusal(problem, RECIPIENTS_BLOCK)
    return None


def _recipient_problem(runtime: Runtime, user_id: str) -> str | None:
    try:
        person = runtime.directory.person(user_id)
    except DirectoryError as error:
        log.warning("could not look up recipient %s: %s", user_id, error.error)
        return "Slack didn't tell me who you chose just now, so nothing was saved. Please try again in a minute."
    if person is None:
        return f"I can't find the person with id {user_id} in this workspace: choose someone from the list."
    if person.is_bot:
        return f"<@{user_id}> is a bot, and shout-outs are for people: choose a colleague instead."
    if person.deleted:
        return f"<@{user_id}>'s account is deactivated, so they can't receive a shout-out: remove them."
    return None


def _check_behaviour(runtime: Runtime, draft: Draft) -> Refusal | None:
    if draft.behaviour_key is None:
        return Refusal("Choose the behaviour you're recognising.", BEHAVIOUR_BLOCK) if draft.words_required else None
    if runtime.pack.behaviour(draft.behaviour_key) is None:
        return Refusal("That behaviour is no longer in the catalogue: choose one from the list.", BEHAVIOUR_BLOCK)
    return None


def _check_words(draft: Draft) -> Refusal | None:
    words = draft.message.strip()
    if not words and draft.words_required:
        return Refusal("Say in a few words what they did and what it meant for a customer.", MESSAGE_BLOCK)
    if len(words) > MESSAGE_LIMIT:
        return Refusal(
            f"Your message is {len(words)} characters long: shorten it to {MESSAGE_LIMIT} or fewer.", MESSAGE_BLOCK
        )
    return None


def day_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Midnight of `now`'s day in `zone`, as an aware datetime."""
    local = now.astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _over_daily_limit(runtime: Runtime, session: Session, giver: str, now: datetime) -> Refusal | None:
    limit = runtime.settings.shoutout_daily_limit
    if store.count_given(session, giver=giver, since=day_start(now, runtime.settings.timezone)) < limit:
        return None
    return Refusal(
        f"You've given {limit} shout-outs today, the most one person can give in a day. "
        "Keep this one for tomorrow: the count starts again at midnight.",
    )


def _new_shoutout(draft: Draft, now: datetime) -> store.NewShoutout:
    return store.NewShoutout(
        request_key=draft.request_key,
        giver=draft.giver,
        recipients=draft.recipients,
        behaviour_key=draft.behaviour_key,
        message=draft.message.strip(),
        source=draft.source,
        link=draft.link,
        origin_channel=draft.origin_channel,
        created_at=now,
    )


def _queue_deliveries(
    runtime: Runtime, session: Session, row: Shoutout, recipients: tuple[str, ...], now: datetime
) -> tuple[int, ...]:
    assert row.id is not None
    view = _view(runtime, row, recipients)
    channel = runtime.settings.recognition_channel
    owner = runtime.settings.programme_owner
    targets: list[tuple[keys.DeliveryKey, str, dict]] = []
    if channel:
        targets.append((keys.shoutout_post(row.id), channel, celebration(view)))
    targets += [(keys.shoutout_dm(row.id, r), r, recipient_dm(view, r, channel or None)) for r in recipients]
    queued = []
    for key, target, payload in targets:
        if owner:
            payload |= failure_notice(owner, failure_text(row.giver, recipients, target))
        queued.append(enqueue(session, key, channel=target, payload=payload, due_at=now, now=now))
    return tuple(i for i in queued if i is not None)


def _view(runtime: Runtime, row: Shoutout, recipients: list[str] | tuple[str, ...]) -> ShoutoutView:
    behaviour = recognised_for(runtime, row.behaviour_key)
    return ShoutoutView(row.giver, tuple(recipients), behaviour, row.message, row.link, row.origin_channel)


def recognised_for(runtime: Runtime, behaviour_key: str | None) -> Behaviour | None:
    """The behaviour a shout-out names. One without a key was given with the general reaction emoji: it
    recognises the content pack's `reaction_label`, shown with that emoji."""
    if behaviour_key:
        return runtime.pack.behaviour(behaviour_key)
    emoji = runtime.settings.shoutout_reaction
    return Behaviour("", runtime.pack.reaction_label, emoji, "") if emoji else None


def _given(
    runtime: Runtime, row: Shoutout, recipients: list[str], *, created: bool, delivery_ids: tuple[int, ...] = ()
) -> Given:
    assert row.id is not None
    behaviour = recognised_for(runtime, row.behaviour_key)
    channel = runtime.settings.recognition_channel or None
    return Given(row.id, tuple(recipients), behaviour, channel, created, delivery_ids)


def deliver_now(runtime: Runtime, given: Given) -> None:
    """Send this shout-out's deliveries at once, so the celebration appears within seconds; whatever fails stays
    in the outbox for the scheduler's retries. Nothing else queued is sent from the request."""
    runtime.send_now(list(given.delivery_ids))


@dataclass(frozen=True)
class Highlight:
    """One shout-out worth quoting. `message` is stored as typed: escape it when rendering."""

    shoutout_id: int
    giver: str
    recipients: tuple[str, ...]
    behaviour_key: str | None
    message: str
    link: str | None
    created_at: datetime


@dataclass(frozen=True)
class RecognitionSummary:
    """Recognition in a period, for digests: shout-outs given, what for, a few in their own words, and who was
    recognised for the first time ever."""

    count: int
    top_behaviours: list[tuple[str, int]]
    highlights: list[Highlight]
    first_time: list[str]


HIGHLIGHTS = 3
TOP_BEHAVIOURS = 3


def recognition_summary(
    session: Session, *, since: datetime, until: datetime, people: set[str] | None
) -> RecognitionSummary:
    """Shout-outs created in [since, until), not retracted, that recognised at least one of `people` (everyone
    when None). Read-only."""
    rows = store.latest_with_words(session, since=since, until=until, people=people, limit=HIGHLIGHTS)
    recipients = store.recipients_by_shoutout(session, [r.id for r in rows if r.id is not None])
    highlights = [
        Highlight(r.id, r.giver, tuple(recipients[r.id]), r.behaviour_key, r.message, r.link, r.created_at)
        for r in rows
        if r.id is not None
    ]
    return RecognitionSummary(
        count=store.count_in_period(session, since=since, until=until, people=people),
        top_behaviours=store.top_behaviours(session, since=since, until=until, people=people, limit=TOP_BEHAVIOURS),
        highlights=highlights,
        first_time=store.first_recognised_between(session, since=since, until=until, people=people),
    )
