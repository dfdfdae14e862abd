"""Two clocks started by mistake, ticking at the same moment on one PostgreSQL database: each recipient of each
occurrence still gets the key message exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from tests.conftest import require_postgres
from tests.e2e.conftest import build_workspace
from tests.e2e.keymessage_support import key_posts, schedule
from tests.support.bot import BotUnderTest

CROWD = [f"U1CROWD{i:04d}" for i in range(300)]
CROWD_CHANNEL = "C0CROWD"


@pytest.fixture
def database_url() -> str:
    return require_postgres()


@pytest.fixture
def workspace() -> Workspace:
    ws = build_workspace()
    for user_id in CROWD:
        ws.add_user(user_id, name=user_id.lower(), tz="Europe/Paris")
    ws.add_channel(CROWD_CHANNEL, name="crowd", members=CROWD)
    return ws


@pytest.mark.postgres
def test_two_schedulers_ticking_at_once_deliver_every_recipient_exactly_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot
) -> None:
    schedule(bot, slack, channels=[CROWD_CHANNEL], kind="weekly", weekdays=["1", "2"])
    second = make_bot()
    for moment in (datetime(2026, 11, 24, 9, 0, tzinfo=UTC), datetime(2026, 11, 25, 9, 0, tzinfo=UTC)):
        clock.set(moment)
        ticking = [threading.Thread(target=clock_process.tick) for clock_process in (bot, second, bot, second)]
        for thread in ticking:
            thread.start()
        for thread in ticking:
            thread.join()

    posted = key_posts(slack)
    assert len(posted) == 2 * len(CROWD)
    assert sorted(set(posted)) == sorted(CROWD)
    assert all(len(slack.dms_to(user)) == 2 for user in CROWD)
