"""The sandbox's clock jumps to the next moment of Cadence's week, in the organisation's time zone, never backwards."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sandbox.moments import MOMENTS, moment_after

WEDNESDAY = datetime(2026, 11, 11, 10, 30, tzinfo=UTC)  # London is on UTC in November


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("hour", datetime(2026, 11, 11, 11, 30, tzinfo=UTC)),
        ("tomorrow", datetime(2026, 11, 12, 9, 0, tzinfo=UTC)),
        ("tuesday", datetime(2026, 11, 17, 11, 0, tzinfo=UTC)),
        ("monday", datetime(2026, 11, 16, 9, 0, tzinfo=UTC)),
        ("wednesday", datetime(2026, 11, 18, 10, 30, tzinfo=UTC)),
    ],
)
def test_each_moment_is_the_next_one_strictly_after_now(moment: str, expected: datetime) -> None:
    assert moment in MOMENTS
    assert moment_after(WEDNESDAY, moment) == expected


def test_monday_nine_is_london_time_across_the_clock_change() -> None:
    before_change = datetime(2026, 3, 24, 12, 0, tzinfo=UTC)  # London moves to BST on Sunday 29 March

    assert moment_after(before_change, "monday") == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_on_monday_morning_itself_the_next_monday_is_a_week_on() -> None:
    monday_nine = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)

    assert moment_after(monday_nine, "monday") == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
