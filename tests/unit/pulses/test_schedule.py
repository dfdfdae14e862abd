"""When pulse rounds open: the next chosen weekday and time, every N weeks, across daylight saving."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.pulses.schedule import due_opening, first_opening, is_finished, reminder_time
from storage.models import PulseCampaign

LONDON = ZoneInfo("Europe/London")
MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def campaign(starts_at: datetime, every_weeks: int = 1, window_hours: int = 72) -> PulseCampaign:
    return PulseCampaign(
        creator="U1",
        question_ids=[],
        audience=[],
        every_weeks=every_weeks,
        weekday=starts_at.weekday(),
        local_time=starts_at.astimezone(LONDON).strftime("%H:%M"),
        timezone="Europe/London",
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

    assert due_opening(pulse, start - timedelta(minutes=1)) is None
    assert due_opening(pulse, start + timedelta(hours=47)) == start
    assert due_opening(pulse, start + timedelta(hours=48)) is None
    assert due_opening(pulse, start + timedelta(weeks=2, minutes=5)) == start + timedelta(weeks=2)


def test_a_weekly_round_keeps_its_local_time_across_daylight_saving() -> None:
    start = datetime(2027, 3, 22, 9, tzinfo=UTC)  # 09:00 GMT; British Summer Time starts on 28 March
    pulse = campaign(start)

    after = datetime(2027, 3, 29, 8, 30, tzinfo=UTC)
    assert due_opening(pulse, after) == datetime(2027, 3, 29, 8, tzinfo=UTC)  # 09:00 BST


def test_a_one_off_campaign_finishes_once_its_round_has_opened() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    once = campaign(start, every_weeks=0)

    assert not is_finished(once, start - timedelta(seconds=1))
    assert is_finished(once, start)
    assert due_opening(once, start + timedelta(weeks=1)) is None


def test_the_reminder_goes_halfway_through_the_window() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert reminder_time(start, 72) == start + timedelta(hours=36)
