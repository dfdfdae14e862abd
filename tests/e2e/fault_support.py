"""Faults on every write the outbox makes, and a count of what Slack ends up holding, for the lost-answer tests.

Each fault class hits the first try of every outbox write — each post (by the key in its metadata), each upload URL
and each file share (by file name and channel) — once; the next try of the same write goes through.
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator, Workspace
from emulator.faults import ArgsFilter
from storage.db import session_scope
from storage.models import Delivery
from tests.e2e.conftest import assert_valid_blocks_everywhere

OUTBOX_WRITES = ("chat.postMessage", "files.getUploadURLExternal", "files.completeUploadExternal")
CLIENT_TIMEOUT = 0.25
"""The bot's WebClient timeout in these tests (seconds): the slow faults outlast it."""

FaultMaker = Callable[[str, ArgsFilter], Fault]
FAULT_CLASSES: dict[str, FaultMaker] = {
    "429-retry-after": lambda method, when: Fault.rate_limited(method, retry_after=2, times=None, when=when),
    "5xx": lambda method, when: Fault.server_error(method, status=500, times=None, when=when),
    "ok-false": lambda method, when: Fault.error(method, "internal_error", times=None, when=when),
    "slow-past-timeout": lambda method, when: Fault.slow(method, seconds=0.5, times=None, when=when),
    "dropped-before-apply": lambda method, when: Fault.dropped(method, times=None, when=when),
    "posted-answer-dropped": lambda method, when: Fault.answer_lost(method, times=None, when=when),
    "posted-answer-too-late": lambda method, when: Fault.answer_lost(method, seconds=0.5, times=None, when=when),
    "posted-answer-dropped+history-5xx": lambda method, when: Fault.answer_lost(method, times=None, when=when),
}
CANNOT_SAY = "posted-answer-dropped+history-5xx"
"""The class whose settling first meets a `503` from `conversations.history` in each conversation: Slack cannot
say, so the delivery waits and is looked for again."""


def write_identity(method: str, args: dict[str, Any]) -> str | None:
    """What names one outbox write across its tries; None for calls the outbox does not make."""
    if method == "chat.postMessage":
        metadata = args.get("metadata")
        key = (metadata.get("event_payload") or {}).get("key") if isinstance(metadata, dict) else None
        return str(key) if key else None
    if method == "files.getUploadURLExternal":
        return str(args.get("filename"))
    if method == "conversations.history":
        return str(args.get("channel"))
    return str(args.get("channel_id"))


class FirstTries:
    """Accepts each outbox write's first try only, and counts them: how many faults fired."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.hit: Counter[str] = Counter()
        self._seen: set[tuple[str, str]] = set()

    def of(self, method: str) -> ArgsFilter:
        def first_try(args: dict[str, Any]) -> bool:
            identity = write_identity(method, args)
            with self._lock:
                if identity is None or (method, identity) in self._seen:
                    return False
                self._seen.add((method, identity))
                self.hit[method] += 1
                return True

        return first_try


def inject(slack: SlackEmulator, fault_class: str) -> FirstTries:
    """Put `fault_class` on the first try of every outbox write; the returned counter says how often it fired."""
    tries = FirstTries()
    for method in OUTBOX_WRITES:
        slack.faults.add(FAULT_CLASSES[fault_class](method, tries.of(method)))
    if fault_class == CANNOT_SAY:
        history = "conversations.history"
        slack.faults.add(Fault.server_error(history, status=503, times=None, when=tries.of(history)))
    return tries


def impatient_and_patient(client: WebClient, slack: SlackEmulator) -> WebClient:
    """Give up on an answer after `CLIENT_TIMEOUT`, and read history only once Slack has finished the calls it is
    still working on. A real sender settles a lost answer a backoff (30 s or more) later, by when Slack has long
    applied a slow call; on a manual clock that backoff takes no time, so without this a slow call could land
    after the look and be sent twice."""
    read = client.conversations_history

    def history_once_slack_is_idle(**kwargs: Any) -> Any:
        slack.wait_idle()
        return read(**kwargs)

    client.conversations_history = history_once_slack_is_idle  # type: ignore[method-assign]
    client.timeout = CLIENT_TIMEOUT  # type: ignore[assignment]
    return client


@dataclass(frozen=True)
class Holdings:
    """What the database says was sent, against what Slack holds."""

    states: Counter[str]
    kinds: Counter[str]
    lost: list[str]
    """Deliveries not recorded as sent, or recorded but not in Slack."""
    duplicated: list[str]
    """Deliveries Slack holds more than once."""


def holdings(engine: Engine, slack: SlackEmulator, channels: list[str], users: list[str]) -> Holdings:
    with session_scope(engine) as session:
        rows = list(session.exec(select(Delivery)))
    posted = Counter(_key_of(m.metadata) for c in channels for m in slack.messages(c))
    for user in users:
        posted.update(_key_of(m.metadata) for m in slack.dms_to(user))
    shared = Counter(f.id for f in slack.uploaded_files)
    held = {d.key: shared[d.upload_file_id or ""] if d.payload.get("file") else posted[d.key] for d in rows}
    file_ids = {d.upload_file_id for d in rows if d.payload.get("file")}
    return Holdings(
        states=Counter(d.state for d in rows),
        kinds=Counter(d.kind for d in rows),
        lost=sorted(d.key for d in rows if d.state != "sent" or held[d.key] == 0),
        duplicated=sorted(
            [key for key, count in held.items() if count > 1]
            + [f.id for f in slack.uploaded_files if f.id not in file_ids]
        ),
    )


def _key_of(metadata: dict[str, Any] | None) -> str:
    return str(((metadata or {}).get("event_payload") or {}).get("key", ""))


class Killed(BaseException):
    """The sending process died here (a `kill -9`): nothing after it runs, nothing catches it."""


def dies_at_write(client: WebClient, write: int) -> WebClient:
    """From its `write`-th outbox write on, `client`'s process is dead: that write reaches Slack, then the process
    dies before hearing the answer, and every call after it dies before leaving."""
    real = client.api_call
    writes = itertools.count(1)
    dead = threading.Event()

    def api_call(api_method: str, **kwargs: Any) -> Any:
        if dead.is_set():
            raise Killed(api_method)
        if api_method in OUTBOX_WRITES and next(writes) >= write:
            dead.set()
            real(api_method, **kwargs)
            raise Killed(api_method)
        return real(api_method, **kwargs)

    client.api_call = api_call  # type: ignore[method-assign]
    return client


@contextmanager
def emulator_on_the_test_clock(workspace: Workspace, clock: ManualTime, people: list[str]) -> Iterator[SlackEmulator]:
    """The emulator with `people` added, its rate limits timed by the test's clock (so a pacer's wait, or waiting out
    a `Retry-After`, refills its buckets); every block it was sent checked valid on leaving."""
    for user_id in people:
        workspace.add_user(user_id, name=user_id.lower(), tz="UTC")
    now = lambda: clock.now().timestamp()  # noqa: E731
    with SlackEmulator(workspace, clock=now, wall_clock=now) as emulator:
        yield emulator
        assert_valid_blocks_everywhere(emulator)
