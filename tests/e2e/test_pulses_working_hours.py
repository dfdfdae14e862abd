"""Pulses within working hours: a round's invitation that would reach someone on a public holiday of theirs (or
outside their working hours) waits for their next working morning, the round stays open for their whole window,
and their one reminder is moved the same way. Maria is in Manila, whose channel follows the Philippine calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from tests.e2e.conftest import ADMIN, ALICE, TEAM_A
from tests.e2e.pulse_steps import rounds, submit_new_pulse
from tests.e2e.working_hours_support import MANILA, MARIA, WORKING_WEEK, hour_by_hour, local_time, workspace_with_manila
from tests.support.bot import BotUnderTest


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_manila()


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return WORKING_WEEK


def received(slack: SlackEmulator, user: str) -> list[str]:
    """When each of the person's DMs reached them, on their own clock."""
    return [local_time(user, dm.ts).strftime("%a %d %b %H:%M") for dm in slack.dms_to(user)]


def test_a_round_opening_on_a_holiday_reaches_them_the_next_working_morning_and_so_does_the_reminder(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    bot.command(ADMIN, "/cadence", f"holidays <#{MANILA}|manila> PH")
    clock.set(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    submit_new_pulse(bot, slack, channels=[TEAM_A, MANILA], weekday="0", time="09:00", window="48")

    hour_by_hour(bot, clock, 24 * 11)

    # Monday 30 November is Bonifacio Day in the Philippines, and the round opens at 17:00 Manila time.
    assert received(slack, MARIA) == ["Tue 01 Dec 08:00", "Wed 02 Dec 09:00"]
    assert received(slack, ALICE)[0] == "Mon 30 Nov 09:00"  # London: an ordinary Monday
    with runtime.session() as session:
        (pulse_round,) = rounds(session)
    maria_asked = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    assert pulse_round.closes_at == maria_asked + timedelta(hours=48)  # her whole window, not Wednesday 09:00


def test_a_reminder_falling_on_a_holiday_waits_for_the_next_working_morning_before_the_window_closes(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    bot.command(ADMIN, "/cadence", f"holidays <#{MANILA}|manila> PH")
    clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    submit_new_pulse(bot, slack, channels=[MANILA], weekday="0", time="09:00", window="48")

    hour_by_hour(bot, clock, 24 * 10)

    # Asked Monday 7 December at 17:00 Manila time; halfway is Tuesday 17:00, the Immaculate Conception.
    assert received(slack, MARIA) == ["Mon 07 Dec 17:00", "Wed 09 Dec 08:00"]
