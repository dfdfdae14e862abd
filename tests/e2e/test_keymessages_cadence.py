"""Key messages over time: each recurrence kind, local time across zones, catch-up after downtime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, DAN, ERIN, LEADER
from tests.e2e.keymessage_support import schedule
from tests.e2e.test_keymessages import key_dms
from tests.support.bot import BotUnderTest


def run_until(bot: BotUnderTest, clock: ManualTime, end: datetime, step: timedelta = timedelta(hours=1)) -> None:
    """Tick every `step` until `end`, as the clock process would (only coarser)."""
    while clock.now() < end:
        clock.advance(step)
        bot.tick()


def tick_daily(bot: BotUnderTest, clock: ManualTime, first: datetime, days: int) -> None:
    """Tick once a day at `first`'s time of day, for `days` days."""
    for day in range(days):
        clock.set(first + timedelta(days=day))
        bot.tick()


def sent_days(slack: SlackEmulator, user: str) -> list[str]:
    return [datetime.fromtimestamp(float(m.ts), UTC).strftime("%a %d %H:%M") for m in key_dms(slack, user)]


def test_weekly_on_chosen_days_goes_out_on_those_days_only(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, kind="weekly", weekdays=["0", "3"], date="2026-11-24", until="2026-12-10")

    tick_daily(bot, clock, datetime(2026, 11, 24, 9, tzinfo=UTC), days=21)

    assert sent_days(slack, ALICE) == ["Thu 26 09:00", "Mon 30 09:00", "Thu 03 09:00", "Mon 07 09:00", "Thu 10 09:00"]


def test_every_two_weeks_skips_the_weeks_between(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    schedule(bot, slack, kind="every_n_weeks", weekdays=["1"], interval="2", date="2026-11-24")

    tick_daily(bot, clock, datetime(2026, 11, 24, 9, tzinfo=UTC), days=30)

    assert sent_days(slack, ALICE) == ["Tue 24 09:00", "Tue 08 09:00", "Tue 22 09:00"]


def test_monthly_falls_on_the_first_dates_day_in_the_schedules_zone(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, kind="monthly", date="2026-11-30", time="08:00", zone="America/New_York")

    tick_daily(bot, clock, datetime(2026, 11, 24, 13, tzinfo=UTC), days=70)

    # day 30 each month at 08:00 New York (UTC-5 in winter)
    assert sent_days(slack, ALICE) == ["Mon 30 13:00", "Wed 30 13:00", "Sat 30 13:00"]


def test_local_time_reaches_each_recipient_at_nine_in_their_own_zone(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, date="2026-11-25", zone="local")

    run_until(bot, clock, datetime(2026, 11, 26, 12, tzinfo=UTC), step=timedelta(minutes=30))

    assert sent_days(slack, ERIN) == ["Tue 24 22:00"]  # Sydney, UTC+11
    assert sent_days(slack, CAROL) == ["Wed 25 01:00"]  # Singapore, UTC+8
    assert sent_days(slack, DAN) == ["Wed 25 08:00"]  # Madrid, UTC+1
    assert sent_days(slack, ALICE) == ["Wed 25 09:00"]  # London
    assert sent_days(slack, BOB) == ["Wed 25 14:00"]  # New York, UTC-5


def test_an_occurrence_missed_within_the_grace_period_is_sent_late(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack)

    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))  # down from 08:00 to 10:30; grace is 2 hours
    bot.tick()

    assert len(key_dms(slack, ALICE)) == 1
    assert slack.dms_to(LEADER) == []


def test_occurrences_older_than_the_grace_are_recorded_missed_and_the_owner_told_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, kind="weekly", weekdays=["1"])

    clock.set(datetime(2026, 12, 8, 10, 0, tzinfo=UTC))  # down for two weeks: Tue 24 Nov and Tue 1 Dec passed
    bot.tick()
    bot.tick()

    assert sent_days(slack, ALICE) == ["Tue 08 10:00"]  # 8 Dec 09:00 is within grace: sent late
    [notice] = slack.dms_to(LEADER)
    assert "2 occurrence(s) could not go out on time" in notice.text
    assert "Tue 24 Nov 2026" in str(notice.blocks) and "Tue 01 Dec 2026" in str(notice.blocks)


def test_a_restarted_clock_does_not_send_an_occurrence_again(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot
) -> None:
    schedule(bot, slack)
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    bot.tick()

    restarted = make_bot()
    restarted.tick()
    clock.advance(timedelta(hours=1))
    restarted.tick()

    assert len(key_dms(slack, ALICE)) == 1
