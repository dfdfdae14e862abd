"""The scheduled work of every feature, in the order one tick runs it: the features' planners handed to the
platform's tick, so `bot.platform` never imports a feature."""

from __future__ import annotations

from apscheduler.schedulers.base import BaseScheduler

from bot.digests.planner import plan_digests
from bot.keymessages.planner import plan_key_messages
from bot.platform import scheduler
from bot.platform.directory_sync import sync_directory
from bot.platform.outbox.sender import DrainReport
from bot.platform.runtime import Runtime
from bot.pulses.planner import plan_pulses
from bot.recognition.reactions import clean_up_retracted

# The directory's sync runs last: it pages users.list at most once a tick and never holds up what is due.
PLANNERS: list[scheduler.Planner] = [clean_up_retracted, plan_pulses, plan_key_messages, plan_digests, sync_directory]


def tick(runtime: Runtime) -> DrainReport:
    """One pass of every feature's planner, then the outbox: what the `clock` process does every few seconds."""
    return scheduler.tick(runtime, PLANNERS)


def create_scheduler(runtime: Runtime, *, blocking: bool) -> BaseScheduler:
    return scheduler.create_scheduler(runtime, PLANNERS, blocking=blocking)
