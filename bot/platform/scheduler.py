"""The scheduler tick: APScheduler fires one short tick; what is due, and who sends it, lives in Cadence's tables.

APScheduler's job stores must never be shared between schedulers, so it keeps nothing but the tick in memory.
Each tick asks every planner to turn what has fallen due into deliveries (idempotently, under unique keys),
then drains the outbox. Two clocks started by mistake find nothing left to claim. The features' planners are
handed in by `bot.jobs`; the platform knows none of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from bot.platform.outbox.report import DrainReport
from bot.platform.runtime import Runtime

log = logging.getLogger(__name__)

Planner = Callable[[Runtime], None]
"""Turns what is due at `runtime.clock.now()` into deliveries. Must be safe to run twice or in two processes."""

TICK_JOB_ID = "cadence-tick"


def tick(runtime: Runtime, planners: Sequence[Planner]) -> DrainReport:
    """One pass: plan what is due, then send it. Safe to call from several processes at once."""
    for planner in planners:
        try:
            planner(runtime)
        except Exception:
            # One feature's bad day must not stop the others' deliveries; the next tick tries again.
            log.exception("planner %s failed", getattr(planner, "__name__", planner))
    report = runtime.delivery_worker().drain()
    if report.sent or report.failed or report.retried or report.rate_limited or report.ambiguous:
        log.info(
            "tick: sent=%d failed=%d retried=%d rate_limited=%d recovered=%d ambiguous=%d put_back=%d",
            report.sent,
            report.failed,
            report.retried,
            report.rate_limited,
            report.recovered,
            report.ambiguous,
            report.put_back,
        )
    return report


def create_scheduler(runtime: Runtime, planners: Sequence[Planner], *, blocking: bool) -> BaseScheduler:
    scheduler: BaseScheduler = BlockingScheduler() if blocking else BackgroundScheduler(daemon=True)
    scheduler.add_job(
        tick,
        "interval",
        args=[runtime, list(planners)],
        seconds=runtime.settings.tick_seconds,
        id=TICK_JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=runtime.settings.tick_seconds,
    )
    return scheduler
