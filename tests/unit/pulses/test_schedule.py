"""When pulse rounds open and remind: the next chosen weekday and time, every N weeks, across daylight saving, in
each recipient's local time; the reminder at a waking hour of the recipient's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.pulses.schedule import (
    LOCAL,
    asked_at,
    closes_by,
    due_occurrence,
    first_opening,
    is_finished,
    reminder_time,
    round_window,
)
from storage.models import PulseCampaign, PulseRound

LONDON = ZoneInfo("Europe/London")
MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def campaign(
    starts_at: datetime, every_weeks: int = 1, window_hours: int = 72, zone: str = "Europe/London"
) -> PulseCampaign:
    shown_in = ZoneInfo("UTC") if zone == LOCAL else LONDON
    return PulseCampaign(
        creator="U1",
        question_ids=[],
        audience=[],
        every_weeks=every_weeks,
        weekday=starts_at.weekday(),
        local_time=starts_at.astimezone(shown_in).strftime("%H:%M"),
        timezone=zone,
        window_hours=window_hours,
        starts_at=starts_at,
        created_at=starts_at,
    )


def test_the_first_round_opens_at_the_next_chosen_weekday_and_time() -> None:
    assert first_opening(MONDAY_8, weekday=0, local_time="09:00", zone=LONDON) == datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert first_opening(MONDAY_8, weekday=2, local_time="09:00", zone=LONDON) == datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_a_time_already_past_today_means_next_week() -> None:
    assert first_opening(MONDAY_8, weekday=0, local_time="07:30", zone=LONDON) == datetime(
        2026, 11, 30, 7, 30, tzinfo=UTC
    )


def test_a_round_is_due_only_during_its_window() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    pulse = campaign(start, every_weeks=2, window_hours=48)

    assert due_occurrence(pulse, start - timedelta(minutes=1)) is None
    assert due_occurrence(pulse, start + timedelta(hours=47)) == start
    assert due_occurrence(pulse, start + timedelta(hours=48)) is None
    assert due_occurrence(pulse, start + timedelta(weeks=2, minutes=5)) == start + timedelta(weeks=2)


def test_a_weekly_round_keeps_its_local_time_across_daylight_saving() -> None:
    start = datetime(2027, 3, 22, 9, tzinfo=UTC)  # 09:00 GMT; British Summer Time starts on 28 March
    pulse = campaign(start)

    after = datetime(2027, 3, 29, 8, 30, tzinfo=UTC)
    assert due_occurrence(pulse, after) == datetime(2027, 3, 29, 8, tzinfo=UTC)  # 09:00 BST


def test_a_one_off_campaign_finishes_once_its_round_has_opened() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    once = campaign(start, every_weeks=0)

    assert not is_finished(once, start - timedelta(seconds=1))
    assert is_finished(once, start)
    assert due_occurrence(once, start + timedelta(weeks=1)) is None


def test_in_local_time_the_first_round_is_the_first_nobody_anywhere_would_get_early() -> None:
    # Monday 08:00 UTC: it is already past 09:00 on Monday in Kiribati (UTC+14), so Monday 09:00 is next week's.
    assert first_opening(MONDAY_8, weekday=0, local_time="09:00", zone=None) == datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert first_opening(MONDAY_8, weekday=2, local_time="09:00", zone=None) == datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_a_local_time_round_spans_every_zone_and_closes_after_the_last_recipients_window() -> None:
    nine = datetime(2026, 11, 30, 9, tzinfo=UTC)  # floating: 09:00 wherever each person is
    pulse = campaign(nine, every_weeks=0, window_hours=72, zone=LOCAL)

    opens_at, closes_at = round_window(pulse, nine)
    assert (opens_at, closes_at) == (nine - timedelta(hours=14), nine + timedelta(hours=12 + 72))
    assert due_occurrence(pulse, opens_at - timedelta(minutes=1)) is None
    assert due_occurrence(pulse, opens_at) == nine

    pulse_round = PulseRound(campaign_id=1, opens_at=opens_at, closes_at=closes_at)
    sydney = asked_at(pulse, pulse_round, ZoneInfo("Australia/Sydney"))
    new_york = asked_at(pulse, pulse_round, ZoneInfo("America/New_York"))
    assert sydney == datetime(2026, 11, 29, 22, tzinfo=UTC)  # 09:00 AEDT
    assert new_york == datetime(2026, 11, 30, 14, tzinfo=UTC)  # 09:00 EST
    assert closes_by(pulse, [sydney, new_york], pulse_round.closes_at) == new_york + timedelta(hours=72)


def test_a_round_in_the_organisations_zone_asks_everyone_when_it_opens() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    pulse = campaign(start)
    pulse_round = PulseRound(campaign_id=1, opens_at=start, closes_at=start + timedelta(hours=72))

    assert asked_at(pulse, pulse_round, ZoneInfo("Asia/Singapore")) == start
    assert closes_by(pulse, [start], pulse_round.closes_at) is None


def test_the_reminder_goes_at_the_first_waking_hour_from_halfway_through_the_window() -> None:
    ten = datetime(2026, 11, 23, 10, tzinfo=UTC)  # Monday 10:00 in London, 72 hours
    assert reminder_time(ten, 72, LONDON) == datetime(2026, 11, 25, 9, tzinfo=UTC)  # not Tuesday 22:00
    assert reminder_time(ten, 72, ZoneInfo("America/New_York")) == ten + timedelta(hours=36)  # 17:00 in New York
    assert reminder_time(ten, 48, LONDON) == ten + timedelta(hours=24)  # halfway is already a waking hour


def test_the_reminder_never_comes_after_the_window_nor_at_night() -> None:
    five = datetime(2026, 11, 23, 5, tzinfo=UTC)  # 05:00 in London, 24 hours: halfway 17:00, next 09:00 too late
    assert reminder_time(five, 24, LONDON) == datetime(2026, 11, 23, 17, tzinfo=UTC)
    late = datetime(2026, 11, 23, 18, tzinfo=UTC)  # 18:00 to 02:00: no waking hour in the window at all
    assert reminder_time(late, 8, LONDON) is None
