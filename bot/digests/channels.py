"""Weekly digests for change champions: which channels get one, whose figures, and composing it for the outbox.

Channels come from `CADENCE_DIGEST_CHANNELS` (the whole organisation, Mondays 09:00 in `CADENCE_TIMEZONE`) and from
`/cadence digest setup`; a channel set up in Slack wins over the environment's default for that channel. A digest
is two outbox deliveries under keys that name the week: the message, then its trend chart as a file upload that
follows it. Both are composed and queued in one unit of work, with the digest's record for App Home.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.digests.chart import trend_chart
from bot.digests.slots import DEFAULT_TIME, DEFAULT_WEEKDAY, Slot
from bot.digests.views import Digest, Period
from bot.digests.week import ORG_LABEL, Scope, gather
from bot.platform.outbox import keys, queue
from bot.platform.outbox.queue import failure_notice
from bot.platform.runtime import Runtime
from bot.platform.timesource import find_zone
from content.blocks import digests as blocks
from storage import digests as store
from storage.models import DigestScope

log = logging.getLogger(__name__)

MAX_NAMED_PEOPLE = 5


@dataclass(frozen=True)
class DigestChannelConfig:
    channel: str
    scope_kind: str
    scope_ids: tuple[str, ...]
    slot: Slot
    source: str
    """`environment` or `setup`."""


def digest_channels(runtime: Runtime, session: Session) -> list[DigestChannelConfig]:
    settings = runtime.settings
    default = Slot(DEFAULT_WEEKDAY, DEFAULT_TIME, settings.timezone)
    found = {c: DigestChannelConfig(c, DigestScope.ORG, (), default, "environment") for c in settings.digest_channels}
    for row in store.configured_channels(session):
        slot = Slot(row.weekday, row.at_time, _zone(row.timezone, settings.timezone))
        found[row.channel] = DigestChannelConfig(row.channel, row.scope_kind, tuple(row.scope_ids), slot, "setup")
    return sorted(found.values(), key=lambda c: c.channel)


def channel_config(runtime: Runtime, session: Session, channel: str) -> DigestChannelConfig | None:
    return next((c for c in digest_channels(runtime, session) if c.channel == channel), None)


def _zone(name: str, fallback: ZoneInfo) -> ZoneInfo:
    return find_zone(name) or fallback


def resolve_scope(runtime: Runtime, config: DigestChannelConfig) -> Scope:
    """Who the digest covers. Raises `DirectoryError` when Slack cannot say who is in a channel or group now."""
    ids = config.scope_ids
    if config.scope_kind == DigestScope.CHANNEL:
        people = frozenset(runtime.directory.channel_members(ids[0]))
        return Scope(f"members of <#{ids[0]}>", people, groups=ids, team=True)
    if config.scope_kind == DigestScope.USERGROUP:
        people = frozenset(runtime.directory.usergroup_members(ids[0]))
        return Scope(f"<!subteam^{ids[0]}>", people, groups=ids, team=True)
    if config.scope_kind == DigestScope.USERS:
        named = ", ".join(f"<@{u}>" for u in ids[:MAX_NAMED_PEOPLE])
        more = f" and {len(ids) - MAX_NAMED_PEOPLE} more" if len(ids) > MAX_NAMED_PEOPLE else ""
        # Pulse answers are grouped by channel or user group, never by person: a list of people gets the org's.
        return Scope(named + more, frozenset(ids), team=True, pulse_label="whole organisation")
    return Scope(ORG_LABEL)


def pulse_groups(config: DigestChannelConfig) -> tuple[str, ...]:
    """The pulse reporting groups of the channel's scope, as `resolve_scope` reads them; empty for everyone's."""
    return config.scope_ids if config.scope_kind in (DigestScope.CHANNEL, DigestScope.USERGROUP) else ()


@dataclass(frozen=True)
class Composed:
    digest: Digest
    payload: dict[str, Any]
    chart: bytes | None


def compose(runtime: Runtime, config: DigestChannelConfig, period: Period) -> Composed:
    """The digest of `config`'s channel for `period`. It asks Slack who is in the scope and draws the chart with no
    transaction open, and reads the figures in a unit of work of its own. Raises `DirectoryError` as `resolve_scope`."""
    scope = resolve_scope(runtime, config)
    pack, min_size = runtime.pack, runtime.settings.min_group_size
    with runtime.session() as session:
        digest, chart_data = gather(
            session, pack=pack, channel=config.channel, scope=scope, period=period, min_size=min_size
        )
    chart = None
    if chart_data.has_points:
        chart = trend_chart(blocks.digest_title(digest), chart_data.weeks, chart_data.series)
    return Composed(digest, blocks.payload(digest), chart)


def enqueue(
    runtime: Runtime, session: Session, composed: Composed, *, key: keys.DeliveryKey, now: datetime
) -> list[int]:
    """Queue the digest message and, when there is a trend to draw, its chart, and record the digest for App Home.
    The ids of the deliveries queued; none when this digest was queued already."""
    channel = composed.digest.channel
    payload = dict(composed.payload)
    owner = runtime.settings.programme_owner
    if owner:
        payload |= failure_notice(owner, f"The weekly digest for <#{channel}> could not be posted")
    added = queue.enqueue(session, key, channel=channel, payload=payload, due_at=now, now=now)
    if added is None:
        return []
    store.record_post(session, channel=channel, delivery_id=added, headline=payload["text"], now=now)
    if composed.chart is None:
        return [added]
    file = {
        "filename": f"cadence-trend-{key.ref}.png",
        "title": blocks.digest_title(composed.digest),
        "content_b64": base64.b64encode(composed.chart).decode(),
    }
    chart = {"file": file, "after": key.key}
    chart_id = queue.enqueue(session, keys.digest_chart(key), channel=channel, payload=chart, due_at=now, now=now)
    return [added] if chart_id is None else [added, chart_id]
