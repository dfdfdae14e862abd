"""A digest on demand: `/cadence digest now` and `python -m bot digest` compose the digest for the week ending
now, and either post it at once through the outbox or hand back its Block Kit for a dry run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.digests.channels import channel_config, compose, enqueue
from bot.digests.views import Period
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.runtime import Runtime
from storage import deliveries
from storage.models import DeliveryState

log = logging.getLogger(__name__)


class NowResult(StrEnum):
    POSTED = "posted"
    QUEUED = "queued"
    """Slack failed for a moment: the outbox keeps trying."""
    FAILED = "failed"
    NOT_A_DIGEST_CHANNEL = "not_a_digest_channel"
    DIRECTORY_UNAVAILABLE = "directory_unavailable"


@dataclass(frozen=True)
class NowOutcome:
    result: NowResult
    channel: str
    error: str = ""


def post_now(runtime: Runtime, channel: str) -> NowOutcome:
    """Compose `channel`'s digest for the week ending now, queue it under a key of its own and send it (that
    digest alone: whatever else is due is the scheduler's to send)."""
    now = runtime.clock.now()
    key = keys.digest_now(channel, now)
    try:
        with runtime.session() as session:
            config = channel_config(runtime, session, channel)
            if config is None:
                return NowOutcome(NowResult.NOT_A_DIGEST_CHANNEL, channel)
            composed = compose(runtime, session, config, Period.week_ending(now))
            queued = enqueue(runtime, session, composed, key=key, now=now)
    except DirectoryError as exc:
        return NowOutcome(NowResult.DIRECTORY_UNAVAILABLE, channel, exc.error)
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
        composed = compose(runtime, session, config, Period.week_ending(now))
    return {"channel": channel, **composed.payload}
