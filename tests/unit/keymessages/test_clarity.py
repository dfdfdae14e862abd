"""The clarity check's rules: how long an occurrence's check stays open, and whose token an answer carries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.keymessages.clarity import closes_at, is_closed, token_of
from bot.pulses import PulsesOff, answer_token
from storage.models import KeySchedule

NINE = datetime(2026, 11, 24, 9, tzinfo=UTC)  # a Tuesday


def schedule(kind: str, weekdays: list[int], zone: str = "Europe/London", interval: int = 1) -> KeySchedule:
    return KeySchedule(
        owner="U0LEADER",
        text="hello",
        audience=["C0TEAMA"],
        mode="dm",
        kind=kind,
        start_date=date(2026, 11, 24),
        at_time=time(9),
        weekdays=weekdays,
        interval_weeks=interval,
        zone=zone,
        clarity=True,
        plan_from=NINE,
        created_at=NINE,
        updated_at=NINE,
    )


def test_a_check_closes_at_the_next_occurrence() -> None:
    assert closes_at(schedule("weekly", [1, 3]), NINE) == NINE + timedelta(days=2)  # Thursday's
    assert closes_at(schedule("weekly", [1]), NINE) == NINE + timedelta(days=7)


def test_a_check_closes_after_seven_days_at_most() -> None:
    assert closes_at(schedule("once", []), NINE) == NINE + timedelta(days=7)
    assert closes_at(schedule("monthly", []), NINE) == NINE + timedelta(days=7)
    assert closes_at(schedule("every_n_weeks", [1], interval=2), NINE) == NINE + timedelta(days=7)


def test_in_local_time_a_check_closes_once_the_last_time_zone_has_reached_it() -> None:
    local = schedule("weekly", [1], zone="local")
    end = NINE + timedelta(days=7)

    assert closes_at(local, NINE) == end
    assert not is_closed(local, NINE, end + timedelta(hours=11))
    assert is_closed(local, NINE, end + timedelta(hours=14))
    assert is_closed(schedule("weekly", [1]), NINE, end) and not is_closed(
        schedule("weekly", [1]), NINE, end - timedelta(seconds=1)
    )


def test_a_token_is_the_pulses_hmac_and_differs_for_every_occurrence_and_person() -> None:
    first = token_of("s3cret", 7, "20261124T0900", "U0ALICE")

    assert first == answer_token("s3cret", "keymsg:7:20261124T0900", "U0ALICE")
    assert (
        len({first, token_of("s3cret", 7, "20261201T0900", "U0ALICE"), token_of("s3cret", 7, "20261124T0900", "U0BOB")})
        == 3
    )
    assert "U0ALICE" not in first
    with pytest.raises(PulsesOff):
        token_of("", 7, "20261124T0900", "U0ALICE")
