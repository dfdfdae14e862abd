"""What one pass of the delivery worker did, for the scheduler's log and the benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class DrainReport:
    """What one `drain` or `send` did; the scheduler logs it and the benchmarks read it."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0
    recovered: int = 0
    """Unsettled deliveries looked up in Slack and settled: found there (recorded as sent) or not (sent again)."""
    ambiguous: int = 0
    """Answers lost (and lookups Slack could not answer): those deliveries are settled on a later pass."""
    put_back: int = 0
    """Posts put back, due at their channel's next turn, rather than wait for it: the same drain sends them then."""
    due_again_by: datetime | None = None
    """The latest moment this drain made a post due again for Slack's pace (its channel's next turn, a
    `Retry-After`): the drain goes on until then, as it waits out the workspace's pauses."""
    errors: dict[str, int] = field(default_factory=dict)

    def add_error(self, error: str) -> None:
        self.errors[error] = self.errors.get(error, 0) + 1
