"""The scheduled work of every feature, in the order one tick runs it: the features' planners handed to the
platform's tick, so `bot.platform` never imports a feature."""

from __future__ import annotations

from apscheduler.schedulers.base import BaseScheduler

from bot.actions import followups_for_round, plan_action_nudges
from bot.digests.planner import plan_digests
from bot.keymessages.planner import plan_key_messages
from bot.platform import scheduler
from bot.platform.directory_sync import sync_directory
from bot.platform.outbox.report import DrainReport
from bot.platform.runtime import Runtime
from bot.pulses.planner import plan_pulses
from bot.recognition.reactions import clean_up_retracted


def plan_pulse_rounds(runtime: Runtime) -> None:
    """The pulse planner, its rounds carrying the follow-up of each team action done since."""
    plan_pulses(runtime, followups=followups_for_round)


# The directory's sync goes first: one users.list page at most per tick, so it holds up nothing for long, and on a
# fresh install the people it keeps spare the planners after it one users.info call each.
PLANNERS: list[scheduler.Planner] = [
    sync_directory,
    clean_up_retracted,
    plan_pulse_rounds,
    plan_key_messages,
    plan_digests,
    plan_action_nudges,
]


def tick(runtime: Runtime) -> DrainReport:
    """One pass of every feature's planner, then the outbox: what the `clock` process does every few seconds."""
    return scheduler.tick(runtime, PLANNERS)


def create_scheduler(runtime: Runtime, *, blocking: bool) -> BaseScheduler:
    return scheduler.create_scheduler(runtime, PLANNERS, blocking=blocking)
