"""Open-loop load over HTTP: every request has its own moment to leave, as people clicking do, and a fixed number of
keep-alive connections carries them.

A request's time to answer is counted from the moment it was due, not from when a connection was free to send it,
so a slow server cannot hide its queue behind busy clients (no coordinated omission). The clients run in a process
of their own: the emulator, which answers the bot's Web API calls in the benchmark's process, must not hold up the
clock that times the bot's answers, as Slack's own work does not delay the clock Slack times an app by.
"""

from __future__ import annotations

import http.client
import math
import multiprocessing
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Request:
    due: float  # seconds after the burst starts
    path: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class Answered:
    due: float
    sent: float
    answered: float
    status: int
    request: Request

    @property
    def seconds(self) -> float:
        return self.answered - self.due


@dataclass(frozen=True)
class Percentiles:
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Percentiles:
        ordered = sorted(seconds)

        def rank(q: float) -> float:
            return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000

        return cls(rank(0.50), rank(0.95), rank(0.99), ordered[-1] * 1000)

    def __str__(self) -> str:
        return f"p50 {self.p50:.0f} ms, p95 {self.p95:.0f} ms, p99 {self.p99:.0f} ms, max {self.max:.0f} ms"


def fire(base_url: str, requests: Sequence[Request], *, connections: int) -> list[Answered]:
    """Send every request at its due moment (relative to when the client process is ready) over `connections`
    connections, from a process of their own; wait for all."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as process:
        return process.submit(_fire_here, base_url, list(requests), connections).result()


def _fire_here(base_url: str, requests: Sequence[Request], connections: int) -> list[Answered]:
    address = urlsplit(base_url)
    pending = sorted(requests, key=lambda r: r.due)
    lock = threading.Lock()
    start = time.perf_counter()

    def next_request() -> Request | None:
        with lock:
            return pending.pop(0) if pending else None

    def client() -> list[Answered]:
        done: list[Answered] = []
        connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
        while (request := next_request()) is not None:
            time.sleep(max(0.0, start + request.due - time.perf_counter()))
            sent = time.perf_counter()
            connection.request("POST", request.path, body=request.body, headers=request.headers)
            response = connection.getresponse()
            response.read()
            done.append(Answered(start + request.due, sent, time.perf_counter(), response.status, request))
        connection.close()
        return done

    with ThreadPoolExecutor(max_workers=connections) as pool:
        futures = [pool.submit(client) for _ in range(connections)]
        return [answered for future in futures for answered in future.result()]
