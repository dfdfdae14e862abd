"""A digest on demand: `/cadence digest now` and `python -m bot digest` compose the digest for the week ending
now, and either post it at once through the outbox or hand back its Block Kit for a dry run."""

from __future__ import annotations

import logging
from typing import Any

from bot.digests.channels import channel_config, compose, digest_channels, enqueue
from bot.digests.policy import may_post_digest, may_post_digests
from bot.digests.views import NowOutcome, NowResult, Period
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.policy import Decision
from bot.platform.roles import Actor
from bot.platform.runtime import Runtime
from storage import deliveries
from storage.models import DeliveryState

log = logging.getLogger(__name__)


def may_post_now(runtime: Runtime, actor: Actor, channel: str) -> Decision:
    """`may_post_digest` with the channel's members looked up: what every surface that posts a digest asks."""
    decision = may_post_digests(actor)
    if not decision.allowed:
        return decision
    try:
        members: list[str] | None = runtime.directory.channel_members(channel)
    except DirectoryError as exc:
        log.warning("digest on demand: could not read members of %s: %s", channel, exc.error)
        members = None
    return may_post_digest(actor, channel=channel, members=members)


def postable_channels(runtime: Runtime, actor: Actor) -> list[str]:
    """The digest channels `actor` may post now, in their configured order. Who is in a channel may have to be
    asked of Slack, so that is done with no unit of work open."""
    if not may_post_digests(actor).allowed:
        return []
    with runtime.session() as session:
        channels = [config.channel for config in digest_channels(runtime, session)]
    return [channel for channel in channels if may_post_now(runtime, actor, channel).allowed]


def post_now(runtime: Runtime, channel: str) -> NowOutcome:
    """Compose `channel`'s digest for the week ending now, queue it under a key of its own and send it (that
    digest alone: whatever else is due is the scheduler's to send)."""
    now = runtime.clock.now()
    key = keys.digest_now(channel, now)
    with runtime.session() as session:
        config = channel_config(runtime, session, channel)
    if config is None:
        return NowOutcome(NowResult.NOT_A_DIGEST_CHANNEL, channel)
    try:
        composed = compose(runtime, config, Period.week_ending(now))
    except DirectoryError as exc:
        return NowOutcome(NowResult.DIRECTORY_UNAVAILABLE, channel, exc.error)
    with runtime.session() as session:
        queued = enqueue(runtime, session, composed, key=key, now=now)
    runtime.send_now(queued)
    with runtime.session() as session:
        delivery = deliveries.get_by_key(session, key.key)
        state, error = (delivery.state, delivery.error or "") if delivery else (DeliveryState.PENDING, "")
    log.info("digest on demand: channel=%s state=%s", channel, state)
    if state == DeliveryState.SENT:
        return NowOutcome(NowResult.POSTED, channel)
    if state == DeliveryState.FAILED:
        return NowOutcome(NowResult.FAILED, channel, error)
    return NowOutcome(NowResult.QUEUED, channel, error)


def preview(runtime: Runtime, channel: str) -> dict[str, Any] | None:
    """The Block Kit the digest for `channel` would post now (None when it is not a digest channel). Sends nothing."""
    now = runtime.clock.now()
    with runtime.session() as session:
        config = channel_config(runtime, session, channel)
    if config is None:
        return None
    composed = compose(runtime, config, Period.week_ending(now))
    return {"channel": channel, **composed.payload}
