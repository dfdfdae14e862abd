"""A listener executor one can wait on. Bolt acks first and finishes the listener in a thread; the tests and the
demo wait for that work to finish (not for time to pass) before looking at what Slack received."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class TrackingExecutor(ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(max_workers=8, thread_name_prefix="bolt-listener")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()
        self.errors: list[BaseException] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(future)
        if future.exception() is not None:
            self.errors.append(future.exception())  # type: ignore[arg-type]

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until every listener started so far has finished (including ones they started)."""
        while True:
            with self._lock:
                pending = list(self._pending)
            if not pending:
                return
            for future in pending:
                future.result(timeout=timeout)
