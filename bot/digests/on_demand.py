"""A digest on demand: `/cadence digest now` and `python -m bot digest` compose the digest for the week ending
now, and either post it at once through the outbox or hand back its Block Kit for a dry run."""

from __future__ import annotations

import logging
from typing import Any

from bot.digests.channels import channel_config, compose, enqueue
from bot.digests.views import NowOutcome, NowResult, Period
from bot.platform.directory import DirectoryError
from bot.platform.runtime import Runtime
from storage import deliveries
from storage.models import DeliveryState

log = logging.getLogger(__name__)


def post_now(runtime: Runtime, channel: str) -> NowOutcome:
    """Compose `channel`'s digest for the week ending now, queue it under a key of its own and send it."""
    now = runtime.clock.now()
    key = f"digest-now:{channel}:{now.timestamp():.0f}"
    try:
        with runtime.session() as session:
            config = channel_config(runtime, session, channel)
            if config is None:
                return NowOutcome(NowResult.NOT_A_DIGEST_CHANNEL, channel)
            composed = compose(runtime, session, config, Period.week_ending(now))
            enqueue(runtime, session, composed, key=key, suffix=f"{now:%Y%m%dT%H%M%S}", now=now)
    except DirectoryError as exc:
        return NowOutcome(NowResult.DIRECTORY_UNAVAILABLE, channel, exc.error)
    runtime.delivery_worker().drain()
    with runtime.session() as session:
        delivery = deliveries.get_by_key(session, key)
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
        composed = compose(runtime, session, config, Period.week_ending(now))
    return {"channel": channel, **composed.payload}
