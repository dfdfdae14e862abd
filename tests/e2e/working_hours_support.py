"""A workspace with someone in Manila, and time moved an hour at a time, for the working-hours end-to-end tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.platform.timesource import ManualTime
from emulator import Workspace
from tests.e2e.conftest import PEOPLE, build_workspace
from tests.support.bot import BotUnderTest

MARIA, MANILA = "U0MARIA", "C0MANILA"
ZONES = {user: tz for user, (_name, _real, tz) in PEOPLE.items()} | {MARIA: "Asia/Manila"}
WORKING_WEEK = {"CADENCE_WORKING_HOURS": "Mon-Fri 08:00-18:00"}


def workspace_with_manila() -> Workspace:
    ws = build_workspace()
    ws.add_user(MARIA, name="maria", real_name="Maria Santos", tz="Asia/Manila")
    ws.add_channel(MANILA, name="manila", members=[MARIA])
    return ws


def local_time(user: str, ts: str) -> datetime:
    """When a message reached `user`, on their own clock."""
    return datetime.fromtimestamp(float(ts), tz=UTC).astimezone(ZoneInfo(ZONES[user]))


def hour_by_hour(bot: BotUnderTest, clock: ManualTime, hours: int) -> None:
    """Move time on an hour at a time, with a scheduler tick each hour, as the clock process would run it."""
    for _ in range(hours):
        clock.advance(timedelta(hours=1))
        bot.tick()
