"""Slack's rate limits, answered with `429` and `Retry-After` the way Slack answers an app that calls too fast.

Slack limits each Web API method per app per workspace by tier, each a per-minute allowance with bursts tolerated
(docs.slack.dev, "Rate limits"): Tier 1 1+ a minute, Tier 2 20+, Tier 3 50+, Tier 4 100+. `chat.postMessage` is
special: about one message a second per channel, short bursts allowed, under a workspace-wide limit as well. Each
limit here is a token bucket holding one minute's allowance (the channel bucket a few seconds'), refilled at the
tier's rate. A test may set its own limit for a method (`set_limit`), lift one (`remove`), or turn the tiers off.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}

METHOD_TIERS = {
    "auth.test": 4,  # special, and generous
    "chat.postEphemeral": 4,
    "chat.update": 3,
    "chat.delete": 3,
    "chat.getPermalink": 4,  # special, and generous
    "reactions.add": 3,
    "conversations.open": 3,
    "conversations.info": 3,
    "conversations.members": 4,
    "conversations.history": 3,  # Marketplace apps; others now get far less
    "users.info": 4,
    "users.list": 2,
    "usergroups.list": 2,
    "usergroups.users.list": 2,
    "views.open": 4,
    "views.update": 4,
    "views.push": 4,
    "views.publish": 4,
    "files.getUploadURLExternal": 4,
    "files.completeUploadExternal": 4,
}

POST_MESSAGE = "chat.postMessage"
POST_PER_CHANNEL_PER_MINUTE = 60  # one a second in each channel
POST_CHANNEL_BURST = 10
POST_WORKSPACE_PER_MINUTE = 600  # Slack publishes no figure, only that a workspace-wide limit exists


@dataclass
class _Bucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float

    def wait(self, now: float) -> int | None:
        """None when a token is free now, else the whole seconds (at least 1) until one is."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            return None
        return max(1, math.ceil((1 - self.tokens) / self.per_second))


class RateLimiter:
    def __init__(self, clock: Callable[[], float], *, tiers: bool = True) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._set: dict[str, _Bucket | None] = {}  # a test's own limits; None: that method is unlimited
        self._tiered: dict[str, _Bucket] = {}
        self.tiers = tiers
        self.hits = 0

    def set_limit(self, method: str, per_minute: float, burst: int) -> None:
        """Limit `method` workspace-wide to `per_minute` with bursts of `burst`, in place of its tier."""
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        with self._lock:
            self._set[method] = self._bucket(per_minute, burst)

    def remove(self, method: str) -> None:
        """Lift every limit on `method`, its tier's included."""
        with self._lock:
            self._set[method] = None

    def check(self, method: str, args: dict[str, Any]) -> int | None:
        """None when the call may proceed (and is counted), else the Retry-After seconds for its 429."""
        with self._lock:
            buckets = self._buckets_for(method, args)
            now = self._clock()
            waits = [w for bucket in buckets if (w := bucket.wait(now)) is not None]
            if waits:
                self.hits += 1
                return max(waits)
            for bucket in buckets:
                bucket.tokens -= 1
            return None

    def _buckets_for(self, method: str, args: dict[str, Any]) -> list[_Bucket]:
        if method in self._set:
            chosen = self._set[method]
            if chosen is None:
                return []
            buckets = [chosen]
        elif self.tiers:
            buckets = [self._tier_bucket(method)] if method in METHOD_TIERS or method == POST_MESSAGE else []
        else:
            return []
        if method == POST_MESSAGE and self.tiers:
            buckets.append(self._tiered_bucket(f"{method}:{args.get('channel', '')}", POST_PER_CHANNEL_PER_MINUTE))
        return buckets

    def _tier_bucket(self, method: str) -> _Bucket:
        per_minute = POST_WORKSPACE_PER_MINUTE if method == POST_MESSAGE else TIER_PER_MINUTE[METHOD_TIERS[method]]
        return self._tiered_bucket(method, per_minute)

    def _tiered_bucket(self, key: str, per_minute: int) -> _Bucket:
        bucket = self._tiered.get(key)
        if bucket is None:
            burst = POST_CHANNEL_BURST if key.startswith(f"{POST_MESSAGE}:") else per_minute
            bucket = self._tiered[key] = self._bucket(per_minute, burst)
        return bucket

    def _bucket(self, per_minute: float, burst: int) -> _Bucket:
        return _Bucket(burst, per_minute / 60, burst, self._clock())
