"""Shout-outs given with a reaction emoji, and taking them back by removing the reaction soon after.

`CADENCE_SHOUTOUT_REACTION` switches them on and recognises customer focus in general; a behaviour's own emoji then
recognises that behaviour.
Removing the reaction within `RETRACT_WINDOW` retracts the shout-out: deliveries not yet sent are cancelled, and the
celebration and DMs already sent are deleted from Slack (by the scheduler's next tick if Slack fails just then).
After the window the shout-out stands: people have seen it, and a quiet removal should not unsay it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import cancel_pending, enqueue, selected
from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from bot.recognition.shoutouts import Draft, Given, Refusal, give_shoutout
from storage import recognition as store
from storage.models import DeliveryState, Shoutout

log = logging.getLogger(__name__)

RETRACT_WINDOW = timedelta(minutes=10)
GONE_ALREADY = frozenset({"message_not_found", "channel_not_found", "is_archived"})
_SKIN_TONE = re.compile(r"::skin-tone-\d+$")


@dataclass(frozen=True)
class Reaction:
    """Someone's reaction to a message; `author` is the message's author when Slack says (`item_user`)."""

    reactor: str
    emoji: str
    channel: str
    ts: str
    author: str | None

    @property
    def request_key(self) -> str:
        return f"reaction:{self.channel}:{self.ts}:{self.reactor}:{_SKIN_TONE.sub('', self.emoji)}"


@dataclass(frozen=True)
class ShoutoutEmoji:
    behaviour_key: str | None


def shoutout_emoji(runtime: Runtime, emoji: str) -> ShoutoutEmoji | None:
    """What a reaction emoji recognises, or None when it is an ordinary reaction. Reaction shout-outs are on only
    when `CADENCE_SHOUTOUT_REACTION` is set; then each behaviour's own emoji recognises that behaviour too."""
    if not runtime.settings.shoutout_reaction:
        return None
    name = _SKIN_TONE.sub("", emoji)
    behaviour = next((b for b in runtime.pack.behaviours if b.emoji == name), None)
    if behaviour is not None:
        return ShoutoutEmoji(behaviour.key)
    if name == runtime.settings.shoutout_reaction:
        return ShoutoutEmoji(None)
    return None


def give_by_reaction(runtime: Runtime, reaction: Reaction, link: str | None) -> Given | Refusal | None:
    """Recognise the message's author for the behaviour the emoji names. None when the emoji recognises nothing or
    the reactor is not a person Cadence talks to (a bot)."""
    meaning = shoutout_emoji(runtime, reaction.emoji)
    if meaning is None or not _is_person(runtime, reaction.reactor):
        return None
    if not reaction.author:
        return Refusal("Shout-outs by reaction go to a message's author, and Slack didn't say who wrote that one.")
    if reaction.author == reaction.reactor:
        return Refusal("You reacted to your own message: shout-outs are for recognising a colleague.")
    draft = Draft(
        giver=reaction.reactor,
        recipients=(reaction.author,),
        behaviour_key=meaning.behaviour_key,
        message="",
        source="reaction",
        request_key=reaction.request_key,
        link=link,
        origin_channel=reaction.channel,
        words_required=False,
    )
    return give_shoutout(runtime, draft)


def _is_person(runtime: Runtime, user_id: str) -> bool:
    try:
        person = runtime.directory.person(user_id)
    except DirectoryError:
        return True  # Slack failing now; the recipient check that follows reports it to the reactor
    return person is not None and person.reachable


def retract_by_reaction(runtime: Runtime, reaction: Reaction) -> bool:
    """Retract the shout-out this reaction gave, if it was given within the window. True when retracted."""
    now = runtime.clock.now()
    with runtime.session() as session:
        row = store.by_request_key(session, reaction.request_key)
        if row is None or row.id is None or row.retracted_at is not None or now - row.created_at > RETRACT_WINDOW:
            return False
        store.mark_retracted(session, row.id, now=now)
        cancelled = cancel_pending(session, keys.shoutout_deliveries(row.id))
    log.info("shout-out %s retracted by reaction; %d deliveries cancelled", row.id, cancelled)
    clean_up_retracted(runtime)
    return True


def clean_up_retracted(runtime: Runtime) -> None:
    """Delete from Slack what retracted shout-outs already posted. A planner: safe to run again and again."""
    with runtime.session() as session:
        rows = list(store.awaiting_cleanup(session))
    for row in rows:
        assert row.id is not None
        if _delete_sent(runtime, row):
            with runtime.session() as session:
                store.mark_cleaned_up(session, row.id, now=runtime.clock.now())


def _delete_sent(runtime: Runtime, row: Shoutout) -> bool:
    """Delete each sent message of `row`; True when nothing of it is left to delete (or ever will be)."""
    assert row.id is not None
    with runtime.session() as session:
        found = selected(session, keys.shoutout_deliveries(row.id))
    done = True
    for delivery in found:
        if delivery.state == DeliveryState.SENDING:
            done = False
        if delivery.state != DeliveryState.SENT or not delivery.message_ts:
            continue
        outcome = call(runtime.client.chat_delete, channel=delivery.message_channel, ts=delivery.message_ts)
        if not outcome.ok and outcome.transient:
            done = False
        elif not outcome.ok and outcome.error not in GONE_ALREADY:
            log.warning("shout-out %s: could not delete delivery %s: %s", row.id, delivery.id, outcome.error)
    return done


def private_note_key(request_key: str, text: str) -> keys.DeliveryKey:
    """The outbox key of a private note about a request, when an ephemeral could not be shown."""
    return keys.shoutout_note(request_key, hashlib.sha256(text.encode()).hexdigest()[:12])


def send_private_note(runtime: Runtime, *, user: str, request_key: str, text: str) -> None:
    """DM `user` through the outbox, at once; when Slack fails just then, the outbox retries it like any delivery."""
    now = runtime.clock.now()
    with runtime.session() as session:
        queued = enqueue(
            session,
            private_note_key(request_key, text),
            channel=user,
            payload={"text": text},
            due_at=now,
            now=now,
        )
    if queued is not None:
        runtime.send_now([queued])
