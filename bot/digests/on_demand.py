"""A digest on demand: `/cadence digest now` and `python -m bot digest` compose the digest for the week ending
now, and either post it at once through the outbox or hand back its Block Kit for a dry run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.digests.channels import channel_config, compose, digest_channels, enqueue, pulse_groups
from bot.digests.policy import may_post_digest, may_post_digests
from bot.digests.views import NowOutcome, NowResult, Period
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.policy import Decision
from bot.platform.roles import Actor, Role
from bot.platform.runtime import Runtime
from storage import deliveries
from storage.models import DeliveryState

log = logging.getLogger(__name__)


def may_post_now(runtime: Runtime, actor: Actor, channel: str) -> Decision:
    """`may_post_digest` with the channel's members looked up: what every surface that posts a digest asks."""
    decision = may_post_digests(actor)
    if not decision.allowed:
        return decision
    return may_post_digest(actor, channel=channel, members=_members(runtime, channel))


def _members(runtime: Runtime, channel: str) -> list[str] | None:
    """Who is in `channel`, asked of Slack with no unit of work open; None when Slack could not say."""
    try:
        return runtime.directory.channel_members(channel)
    except DirectoryError as exc:
        log.warning("champions' channel %s: could not read its members: %s", channel, exc.error)
        return None


@dataclass(frozen=True)
class ActionScope:
    """What taking an action on from `channel`'s digest needs: why not ("" when it is a digest channel), the pulse
    reporting groups of its scope, and its members (None for an admin, whom membership does not bind)."""

    refusal: str
    groups: tuple[str, ...] = ()
    members: list[str] | None = None


def action_scope(runtime: Runtime, actor: Actor, channel: str) -> ActionScope:
    with runtime.session() as session:
        config = channel_config(runtime, session, channel)
    if config is None:
        return ActionScope("Actions are taken on from a champions' channel's weekly digest; this is not one.")
    members = None if actor.holds(Role.ADMIN) else _members(runtime, channel)
    return ActionScope("", pulse_groups(config), members)


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
