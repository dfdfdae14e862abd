"""How fast Cadence calls each Slack Web API method: learned from Slack's answers, never told.

Slack publishes tiers, not numbers an app can rely on (`chat.postMessage` has its own limits per channel and per
workspace), so a pacer starts with no known limit and only a bound on calls in flight. A `429` says two things: wait
`Retry-After` before the next call of that method (every caller in the process waits: the pacer is shared), and the
rate was too high. The new rate is a fraction of what actually got through in the last busy seconds (or of the rate
in force, when that is lower): a multiplicative decrease seeded by measurement, so the first `429` already lands
near the limit instead of halving blindly from nowhere. Each call that had to wait its turn then adds a little to
the rate (an additive increase of a few per cent of the learned rate per second), probing for more until the next
`429`. The calls in flight when a `429` arrives were sent at the old rate: their `429`s extend the wait but do not
cut the rate again.

`chat.postMessage` to a channel meets two limits, the channel's and the workspace's, and Slack's `429` does not say
which one refused. A post to a channel therefore takes a turn from that channel's own pacer and then from the
workspace's (`Pacers.post`); its `429` teaches the channel's pacer only, so one busy channel neither pauses nor
slows the DMs going out beside it. The workspace's pacer still learns from every `429` a DM meets, and from a
channel post's `429` that no channel limit can explain (see `Ticket.fresh`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.platform.slack_calls import CallOutcome, call
from bot.platform.timesource import TimeSource

DEFAULT_MAX_IN_FLIGHT = 16
DECREASE = 0.9
"""The share of the measured rate kept after a `429`."""
INCREASE = 0.02
"""How much of the learned rate is added per second of calls waiting their turn."""
WINDOW = timedelta(seconds=10)
"""How far back the rate that got through is measured."""
IDLE_GAP = timedelta(seconds=2)
"""Quiet this long, the pacer is idle: the next measurement starts afresh."""
MIN_SAMPLE = 5
"""Fewer successes than this in the window say nothing about the limit; the rate is then only cut, not measured."""
MIN_RATE = 1 / 60

POST_MESSAGE = "chat.postMessage"
CHANNEL_PREFIXES = ("C", "G")
"""How the ids of public and private channels start; a DM goes to a user (`U…`, `W…`) or a `D…` channel."""
CHANNEL_RATE = 1.0
"""Where a channel's pacer starts: one post a second, the figure Slack publishes for `chat.postMessage` in one
channel ("1 message per second to a channel, with short bursts over that limit allowed"). Slack publishes no figure
for the workspace, so that pacer starts with none and learns it; a channel's pacer still learns from its `429`s
(and probes above this start while posts wait their turn), the figure only spares each channel's first burst a
`429`."""


@dataclass(frozen=True)
class Ticket:
    started: datetime
    waited: bool
    """Whether the call waited for its turn, i.e. callers wanted more than the rate in force."""
    fresh: bool = False
    """Whether the call started a busy spell after a quiet one (`IDLE_GAP`): a limit that allows bursts, as a
    channel's does, has room for it then."""


@dataclass(frozen=True)
class Later:
    """A turn further off than the caller would wait: nothing was called; the turn is expected `at`."""

    at: datetime


class MethodPacer:
    """The pace of one Web API method in this process, shared by every thread that calls it."""

    def __init__(
        self, clock: TimeSource, *, max_in_flight: int = DEFAULT_MAX_IN_FLIGHT, rate: float | None = None
    ) -> None:
        self._clock = clock
        self._slots = threading.BoundedSemaphore(max_in_flight)
        self._turn = threading.Lock()
        """Held by the one caller waiting for its turn to start; the others queue behind it."""
        self._state = threading.Lock()
        self.rate: float | None = rate
        """Calls a second this pacer allows now; None (unless started at a known pace) until Slack first said to
        slow down."""
        self._base = rate or 0.0
        self._queued = 0
        """Callers waiting for their turn, the one that holds `_turn` included."""
        self._promised: datetime | None = None
        """The latest turn promised to a caller sent away to come back then (`Later`)."""
        self._fresh = False
        """Whether the next turn taken is the first of a busy spell (whoever takes it)."""
        self._resume_at: datetime | None = None
        self._next_start: datetime | None = None
        self._cut_at: datetime | None = None
        self._successes: deque[datetime] = deque()
        self._active = 0
        self._busy_since: datetime | None = None
        self._last_end: datetime | None = None

    @property
    def resume_at(self) -> datetime | None:
        """Until when Slack asked this method's callers to wait (None: they need not wait now)."""
        with self._state:
            if self._resume_at is None or self._resume_at <= self._clock.now():
                return None
            return self._resume_at

    def call(self, method: Callable[..., Any], **kwargs: Any) -> CallOutcome:
        """Call `method` when its turn comes, and learn from the answer."""
        return self.run(lambda: call(method, **kwargs))

    def run(self, attempt: Callable[[], CallOutcome], *, limits: bool = True) -> CallOutcome:
        """Run `attempt` (calls already classified into an outcome, e.g. a file's upload steps) when its turn
        comes, and learn from the outcome; with `limits` False a `429` teaches this pacer nothing (another
        pacer's limit refused it)."""
        with self.turn() as ticket:
            assert isinstance(ticket, Ticket)  # no `within`: the turn is always waited for
            outcome = attempt()
            self.learn(outcome, ticket, limits=limits)
        return outcome

    @contextmanager
    def turn(self, within: timedelta | None = None) -> Iterator[Ticket | Later]:
        """Wait for this pacer's turn and hold a call slot while the caller makes its call; or, when the turn is
        more than `within` away, take none and yield when to come back (each caller sent away is promised its own
        turn, one after another, so they do not all come back at once)."""
        later = self._enter(within)
        if later is not None:
            yield later
            return
        try:
            with self._slots:
                yield self._wait_for_turn()
        finally:
            with self._state:
                self._active -= 1
                self._last_end = self._clock.now()

    def _enter(self, within: timedelta | None) -> Later | None:
        """Join the callers waiting for a turn, unless it is more than `within` away (then when to come back)."""
        with self._state:
            now = self._clock.now()
            expected = self._expected_turn(now)
            if within is not None and expected - now > within:
                return self._promise(expected)
            if self._active == 0 and (self._last_end is None or now - self._last_end > IDLE_GAP):
                self._fresh = True
                self._busy_since = now
                self._successes.clear()
            self._active += 1
            self._queued += 1
            return None

    def _expected_turn(self, now: datetime) -> datetime:
        begin = max(now, self._resume_at or now, self._next_start or now)
        if self.rate is None:
            return begin
        return begin + self._queued * timedelta(seconds=1 / self.rate)

    def _promise(self, expected: datetime) -> Later:
        if self._promised is not None and self.rate is not None:
            expected = max(expected, self._promised + timedelta(seconds=1 / self.rate))
        self._promised = expected
        return Later(expected)

    def _wait_for_turn(self) -> Ticket:
        waited = False
        with self._turn:
            while True:
                with self._state:
                    now = self._clock.now()
                    begin = max(now, self._resume_at or now, self._next_start or now)
                    if begin <= now:
                        if self.rate is not None:
                            self._next_start = now + timedelta(seconds=1 / self.rate)
                        self._queued -= 1
                        fresh, self._fresh = self._fresh, False
                        return Ticket(now, waited, fresh)
                waited = True
                self._clock.sleep((begin - now).total_seconds())

    def learn(self, outcome: CallOutcome, ticket: Ticket, *, limits: bool = True) -> None:
        """Learn from the outcome of the call made on `ticket`; with `limits` False, not from a `429`."""
        with self._state:
            now = self._clock.now()
            if outcome.rate_limited and not limits:
                return
            if outcome.rate_limited:
                until = now + timedelta(seconds=outcome.retry_after or 1.0)
                self._resume_at = max(self._resume_at or until, until)
                if self._cut_at is None or ticket.started > self._cut_at:
                    self._cut(now)
            elif outcome.ok:
                self._successes.append(now)
                while self._successes[0] < now - WINDOW:
                    self._successes.popleft()
                if ticket.waited and self.rate is not None:
                    self.rate += INCREASE * self._base / self.rate

    def _cut(self, now: datetime) -> None:
        """Multiplicative decrease, from what got through lately when that says more than the rate in force."""
        since = max(now - WINDOW, self._busy_since or now)
        recent = sum(1 for at in self._successes if at >= since)
        span = (now - since).total_seconds()
        measured = recent / span if span > 0 and recent >= MIN_SAMPLE else None
        known = [r for r in (self.rate, measured) if r is not None]
        if known:
            self.rate = self._base = max(MIN_RATE, DECREASE * min(known))
        self._cut_at = now


class Pacers:
    """One pacer per Web API method, and one per channel for `chat.postMessage`, for the whole process (the
    `Runtime` holds it): a `429` seen by one sender slows every other sender calling that method (or posting to
    that channel)."""

    def __init__(self, clock: TimeSource, *, max_in_flight: int = DEFAULT_MAX_IN_FLIGHT) -> None:
        self._clock = clock
        self._max_in_flight = max_in_flight
        self._lock = threading.Lock()
        self._by_method: dict[str, MethodPacer] = {}
        self._by_channel: dict[str, MethodPacer] = {}
        """`chat.postMessage` in each channel, apart from the workspace's pacers: their pauses hold up no drain."""

    def of(self, method: str) -> MethodPacer:
        with self._lock:
            if method not in self._by_method:
                self._by_method[method] = MethodPacer(self._clock, max_in_flight=self._max_in_flight)
            return self._by_method[method]

    def call(self, name: str, method: Callable[..., Any], **kwargs: Any) -> CallOutcome:
        """Call `method` (the Web API method `name`) at that method's pace."""
        return self.of(name).call(method, **kwargs)

    def run(self, name: str, attempt: Callable[[], CallOutcome]) -> CallOutcome:
        """Run `attempt` (already classified into an outcome) at the pace of the Web API method `name`."""
        return self.of(name).run(attempt)

    def in_channel(self, channel: str) -> MethodPacer:
        """The pace of `chat.postMessage` in `channel`, starting at the one a second Slack publishes."""
        with self._lock:
            if channel not in self._by_channel:
                pacer = MethodPacer(self._clock, max_in_flight=self._max_in_flight, rate=CHANNEL_RATE)
                self._by_channel[channel] = pacer
            return self._by_channel[channel]

    def post(
        self, channel: str, attempt: Callable[[], CallOutcome], *, within: timedelta | None = None
    ) -> CallOutcome | Later:
        """Run `attempt` (a `chat.postMessage` to `channel`) at the workspace's pace, and a channel's (a `C…` or
        `G…` id; a DM, to a `U…`/`W…` user or a `D…` channel, has only the workspace's) when its turn there comes
        within `within`; `Later` when it does not: nothing was posted. The channel's pacer learns from a `429`;
        the workspace's only when it was the channel's first post after a quiet spell, which the channel's burst
        allowance would have let through."""
        if not channel.startswith(CHANNEL_PREFIXES):
            return self.of(POST_MESSAGE).run(attempt)
        lane = self.in_channel(channel)
        with lane.turn(within) as ticket:
            if isinstance(ticket, Later):
                return ticket
            outcome = self.of(POST_MESSAGE).run(attempt, limits=ticket.fresh)
            lane.learn(outcome, ticket)
        return outcome

    def paused_until(self) -> datetime | None:
        """When the last `Retry-After` any method is waiting out ends (None: none asked)."""
        with self._lock:
            pacers = list(self._by_method.values())
        pauses = [at for at in (p.resume_at for p in pacers) if at is not None]
        return max(pauses) if pauses else None

    def wait_out_pauses(self) -> None:
        """Sleep until no method is waiting out a `Retry-After`."""
        until = self.paused_until()
        if until is not None:
            self._clock.sleep((until - self._clock.now()).total_seconds())
