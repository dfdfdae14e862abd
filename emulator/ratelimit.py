"""Per-method token buckets, answering 429 the way Slack does when an app calls too fast."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float

    def take(self, now: float) -> int | None:
        """Take one token, or return the whole seconds to wait (at least 1) before one is free."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        return max(1, math.ceil((1 - self.tokens) / self.per_second))


class RateLimiter:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}
        self.hits = 0

    def set_limit(self, method: str, per_minute: float, burst: int) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        with self._lock:
            self._buckets[method] = _Bucket(burst, per_minute / 60, burst, self._clock())

    def remove(self, method: str) -> None:
        with self._lock:
            self._buckets.pop(method, None)

    def check(self, method: str) -> int | None:
        """None when the call may proceed, else the Retry-After seconds for its 429."""
        with self._lock:
            bucket = self._buckets.get(method)
            if bucket is None:
                return None
            retry_after = bucket.take(self._clock())
            if retry_after is not None:
                self.hits += 1
            return retry_after
