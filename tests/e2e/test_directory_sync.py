"""The periodic walk of `users.list`: one page a tick, paced to its tier, resuming from the stored cursor after
Slack fails, a restart, or a `429`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.platform import directory_sync
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from storage import directory as store
from storage.db import session_scope
from tests.support.bot import BotUnderTest

PAGE = 4  # the test workspace's 11 people (the bot included) take three pages


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(directory_sync, "PAGE_SIZE", PAGE)


def cursors_asked(slack: SlackEmulator) -> list[str]:
    return [str(c.args.get("cursor") or "") for c in slack.calls_to("users.list", include_failed=True)]


def next_cursors(slack: SlackEmulator) -> list[str]:
    return [c.response["response_metadata"]["next_cursor"] for c in slack.calls_to("users.list")]


def kept_people(engine: Engine, slack: SlackEmulator) -> set[str]:
    with session_scope(engine) as session:
        return set(store.people(session, slack.workspace.users))


def test_the_walk_resumes_from_its_cursor_after_slack_fails_and_the_process_restarts(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, engine: Engine, make_bot: Callable[..., Any]
) -> None:
    bot.tick()
    bot.tick()  # the same instant: Tier 2 pacing allows no second page yet
    slack.faults.add(Fault.server_error("users.list"))
    clock.advance(directory_sync.PAGE_SPACING)
    bot.tick()  # fails
    clock.advance(directory_sync.PAGE_SPACING)
    bot.tick()  # still backing off
    bot.stop()
    restarted = make_bot()
    clock.advance(directory_sync.FAILURE_BACKOFF)
    restarted.tick()
    clock.advance(directory_sync.PAGE_SPACING)
    restarted.tick()

    first, second, _ = next_cursors(slack)
    assert cursors_asked(slack) == ["", first, first, second]
    assert kept_people(engine, slack) == set(slack.workspace.users)


def test_a_walk_told_to_wait_by_slack_waits_as_long_as_it_was_told(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.rate_limited("users.list", retry_after=30))
    bot.tick()
    clock.advance(timedelta(seconds=29))
    bot.tick()
    asked_before = len(cursors_asked(slack))
    clock.advance(timedelta(seconds=1))
    bot.tick()

    assert asked_before == 1
    assert cursors_asked(slack) == ["", ""]


def test_a_finished_walk_waits_a_day_for_the_next(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    for _ in range(3):
        bot.tick()
        clock.advance(directory_sync.PAGE_SPACING)
    clock.advance(directory_sync.SYNC_EVERY - timedelta(minutes=1))
    bot.tick()
    walked = len(cursors_asked(slack))
    clock.advance(timedelta(minutes=1))
    bot.tick()

    assert walked == 3
    assert cursors_asked(slack)[3:] == [""]
