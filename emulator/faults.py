"""Faults the emulator injects in place of (or before) a method's normal answer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

ArgsFilter = Callable[[dict[str, Any]], bool]


class FaultKind(Enum):
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    ERROR = "error"
    SLOW = "slow"
    DROPPED = "dropped"
    """The connection closes before the call is applied: nothing happened, but the client cannot know."""
    ANSWER_LOST = "answer_lost"
    """The call is applied, then its answer never arrives: Slack has the message, the client does not know."""


@dataclass
class Fault:
    """One injected fault for `method` ("*" for every method).

    `times` is how many matching calls it affects (None: every one); `when` narrows it to calls whose
    decoded arguments it accepts.
    """

    kind: FaultKind
    method: str
    times: int | None = 1
    when: ArgsFilter | None = None
    retry_after: int = 1
    status: int = 500
    error_code: str = ""
    seconds: float = 0.0

    @classmethod
    def rate_limited(
        cls, method: str, retry_after: int = 1, times: int | None = 1, when: ArgsFilter | None = None
    ) -> Fault:
        return cls(FaultKind.RATE_LIMITED, method, times, when, retry_after=max(1, int(retry_after)))

    @classmethod
    def server_error(
        cls, method: str, status: int = 500, times: int | None = 1, when: ArgsFilter | None = None
    ) -> Fault:
        if not 500 <= status <= 599:
            raise ValueError(f"server_error needs a 5xx status, got {status}")
        return cls(FaultKind.SERVER_ERROR, method, times, when, status=status)

    @classmethod
    def error(cls, method: str, error: str, times: int | None = 1, when: ArgsFilter | None = None) -> Fault:
        return cls(FaultKind.ERROR, method, times, when, error_code=error)

    @classmethod
    def slow(cls, method: str, seconds: float, times: int | None = 1, when: ArgsFilter | None = None) -> Fault:
        return cls(FaultKind.SLOW, method, times, when, seconds=seconds)

    @classmethod
    def dropped(cls, method: str, times: int | None = 1, when: ArgsFilter | None = None) -> Fault:
        """Close the connection without applying the call or answering it."""
        return cls(FaultKind.DROPPED, method, times, when)

    @classmethod
    def answer_lost(
        cls, method: str, seconds: float = 0.0, times: int | None = 1, when: ArgsFilter | None = None
    ) -> Fault:
        """Apply the call, then lose its answer: close the connection at once, or with `seconds`, hold the answer
        that long (past the client's timeout) before sending it into a connection nobody reads any more."""
        return cls(FaultKind.ANSWER_LOST, method, times, when, seconds=seconds)

    def matches(self, method: str, args: dict[str, Any]) -> bool:
        if self.method not in ("*", method):
            return False
        return self.when is None or bool(self.when(args))


class FaultSet:
    """The active faults, consulted in the order they were added; the first match fires."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)

    def take(self, method: str, args: dict[str, Any]) -> Fault | None:
        """Return the fault that fires for this call, using up one of its `times`."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, args):
                    continue
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                return fault
        return None
