"""The pacer learns a Web API method's rate from Slack's answers: nobody tells it the limit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.slack_response import SlackResponse

from bot.platform.outbox.pacer import DECREASE, MethodPacer, Pacers
from bot.platform.timesource import ManualTime

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def answer(status: int, data: dict[str, Any], headers: dict[str, str] | None = None) -> SlackResponse:
    return SlackResponse(
        client=None, http_verb="POST", api_url="", req_args={}, data=data, headers=headers or {}, status_code=status
    )


class LimitedMethod:
    """A Web API method behind a token bucket on the test's clock, the way Slack meters one: `per_second` calls a
    second with bursts of `burst`, and a `429` with `Retry-After` once the bucket is empty."""

    def __init__(self, clock: ManualTime, per_second: float, burst: int, retry_after: int = 1) -> None:
        self.clock, self.per_second, self.burst, self.retry_after = clock, per_second, burst, retry_after
        self.tokens = float(burst)
        self.updated = clock.now()
        self.answered: list[tuple[datetime, bool]] = []
        self._lock = threading.Lock()

    def __call__(self, **_: Any) -> SlackResponse:
        with self._lock:
            now = self.clock.now()
            elapsed = (now - self.updated).total_seconds()
            self.tokens, self.updated = min(self.burst, self.tokens + elapsed * self.per_second), now
            ok = self.tokens >= 1
            self.tokens -= 1 if ok else 0
            self.answered.append((now, ok))
        if not ok:
            error = answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(self.retry_after)})
            raise SlackApiError("ratelimited", error)
        return answer(200, {"ok": True})

    def successes_per_second(self, last: int) -> float:
        """The rate of the last `last` successful calls."""
        times = [at for at, ok in self.answered if ok][-last:]
        return (len(times) - 1) / (times[-1] - times[0]).total_seconds()

    def rate_limited(self, since: int = 0) -> int:
        return sum(1 for _, ok in self.answered[since:] if not ok)


def test_it_starts_with_no_known_limit() -> None:
    clock = ManualTime(START)
    method = LimitedMethod(clock, per_second=10, burst=10)
    pacer = MethodPacer(clock)

    for _ in range(10):
        assert pacer.call(method).ok

    assert pacer.rate is None
    assert clock.now() == START  # nothing held the calls back


def test_every_caller_waits_out_retry_after_once_slack_says_slow_down() -> None:
    clock = ManualTime(START)
    method = LimitedMethod(clock, per_second=1, burst=1, retry_after=7)
    pacer = MethodPacer(clock)
    pacer.call(method)

    limited = pacer.call(method)
    after = pacer.call(method)

    assert limited.rate_limited and after.ok
    assert method.answered[-1][0] - method.answered[-2][0] >= timedelta(seconds=7)


def paced_calls(per_second: float, calls: int) -> tuple[LimitedMethod, MethodPacer]:
    """A fresh pacer after `calls` calls, one after another, to a method allowing `per_second` (bursts as many)."""
    clock = ManualTime(START)
    method = LimitedMethod(clock, per_second=per_second, burst=int(per_second))
    pacer = MethodPacer(clock)
    for _ in range(calls):
        pacer.call(method)
    return method, pacer


def test_it_learns_the_rate_and_runs_close_to_it_with_few_429s() -> None:
    method, pacer = paced_calls(10, 600)
    settled = len(method.answered)
    for _ in range(600):
        pacer.call(method)

    assert pacer.rate is not None and 8 <= pacer.rate <= 12
    assert 0.9 <= method.successes_per_second(last=500) / 10 <= 1.05
    assert method.rate_limited(since=settled) <= 15


def test_a_rate_learned_too_low_climbs_back_while_callers_wait() -> None:
    method, pacer = paced_calls(5, 300)
    learned = pacer.rate
    assert learned is not None and learned < 6

    method.per_second = method.burst = 20  # Slack allows more now
    for _ in range(1500):
        pacer.call(method)

    assert pacer.rate is not None and pacer.rate > 15
    assert method.successes_per_second(last=300) > 15


def rate_after_429s_in_flight(callers: int) -> float:
    """A pacer that learned a 10/s limit, then `callers` calls in flight together, each answered `429`."""
    _, pacer = paced_calls(10, 300)
    all_in_flight = threading.Barrier(callers, timeout=5)

    def crowded(**_: Any) -> SlackResponse:
        all_in_flight.wait()
        raise SlackApiError("ratelimited", answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}))

    threads = [threading.Thread(target=pacer.call, args=(crowded,)) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert pacer.rate is not None
    return pacer.rate


def test_429s_of_calls_already_in_flight_cut_the_rate_once() -> None:
    one = rate_after_429s_in_flight(1)

    four = rate_after_429s_in_flight(4)

    assert abs(four - one) / one < 0.05
    assert four > DECREASE * one


def test_a_pause_on_one_method_holds_back_every_caller_of_it_and_no_other() -> None:
    clock = ManualTime(START)
    pacers = Pacers(clock)
    post = LimitedMethod(clock, per_second=1, burst=1, retry_after=30)
    other = LimitedMethod(clock, per_second=100, burst=100)
    pacers.call("chat.postMessage", post)
    pacers.call("chat.postMessage", post)  # 429: wait 30 s

    pacers.call("views.publish", other)
    assert clock.now() == START
    pacers.call("chat.postMessage", post)
    assert clock.now() >= START + timedelta(seconds=30)
    assert pacers.of("chat.postMessage") is pacers.of("chat.postMessage")
