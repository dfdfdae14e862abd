"""Whether any HTTP request, or a second write transaction, starts in a thread that holds a write transaction.

On SQLite every Cadence transaction but a read-only one takes the database's write lock at its start (`BEGIN
IMMEDIATE`, see `storage/db.py`). One held across a call to Slack makes every other writer in the process wait for
as long as Slack takes to answer; a second one begun in the same thread waits for the first, which never finishes
while it waits, until the busy timeout: "database is locked" everywhere meanwhile. The watch counts open write
transactions per thread from the engines' events and looks at every outgoing HTTP request (Web API calls,
response URLs, file uploads and downloads) from the thread that makes it.
"""

from __future__ import annotations

import http.client
import os
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from storage.db import READ_ONLY

PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@dataclass
class TransactionWatch:
    """What happened inside a write transaction that must not: one line per event, with the Cadence frames."""

    violations: list[str] = field(default_factory=list)
    _depth: threading.local = field(default_factory=threading.local)

    def open_here(self) -> int:
        return int(getattr(self._depth, "value", 0))

    def _begin(self, connection: Connection) -> None:
        if _writes(connection):
            if self.open_here():
                self._record("BEGIN of a second write transaction")
            self._depth.value = self.open_here() + 1

    def _end(self, connection: Connection) -> None:
        if _writes(connection):
            self._depth.value = max(self.open_here() - 1, 0)

    def _request(self, method: str, url: str) -> None:
        if self.open_here():
            self._record(f"{method} {url.split('?')[0]}")

    def _record(self, what: str) -> None:
        frames = [f for f in traceback.extract_stack() if f"{os.sep}site-packages{os.sep}" not in f.filename]
        ours = [f"{f.filename.rsplit(os.sep, 2)[-2]}/{f.name}:{f.lineno}" for f in frames if PROJECT in f.filename]
        self.violations.append(f"{what} inside a write transaction, from {' > '.join(ours[:-3])}")


def _writes(connection: Connection) -> bool:
    return connection.engine.dialect.name == "sqlite" and not connection.get_execution_options().get(READ_ONLY)


@contextmanager
def watch_transactions() -> Iterator[TransactionWatch]:
    """Watch every engine and every HTTP request of this process while the block runs."""
    watch = TransactionWatch()
    original = http.client.HTTPConnection.request

    def request(conn: http.client.HTTPConnection, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        watch._request(method, url)
        return original(conn, method, url, *args, **kwargs)

    listeners = (("begin", watch._begin), ("commit", watch._end), ("rollback", watch._end))
    for name, fn in listeners:
        event.listen(Engine, name, fn)
    http.client.HTTPConnection.request = request  # type: ignore[method-assign]
    try:
        yield watch
    finally:
        http.client.HTTPConnection.request = original  # type: ignore[method-assign]
        for name, fn in listeners:
            event.remove(Engine, name, fn)
