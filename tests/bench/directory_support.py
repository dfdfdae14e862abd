"""Walking `users.list` to the end before a benchmark fans out, as a running Cadence has done long before."""

from __future__ import annotations

from datetime import datetime

from bot.platform.directory_sync import PAGE_SPACING, sync_step
from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime


def walk_users_list(runtime: Runtime, start: datetime) -> int:
    """Run the directory's sync until one pass is complete; the pages it took. The sync's own pacing is read on a
    clock moved one spacing per page, so the walk pays only what Slack (the emulator's tiers) makes it pay."""
    clock = ManualTime(start)
    pages = 0
    for _ in range(10_000):
        step = sync_step(runtime.engine, runtime.client, clock)
        pages += step.called and step.error is None
        if step.completed:
            return pages
        clock.advance(PAGE_SPACING)
    raise AssertionError("the directory sync never completed a pass")
