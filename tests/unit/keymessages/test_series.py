"""Which message of a series an occurrence sends."""

from __future__ import annotations

import pytest

from bot.keymessages.schedules import series_index


def test_a_series_sends_its_messages_in_order_then_ends() -> None:
    assert [series_index(n, 3, cycle=False) for n in range(5)] == [0, 1, 2, None, None]


def test_a_cycling_series_starts_again_after_its_last_message() -> None:
    assert [series_index(n, 3, cycle=True) for n in range(7)] == [0, 1, 2, 0, 1, 2, 0]


@pytest.mark.parametrize("cycle", [True, False])
def test_a_single_message_repeats_only_when_cycling(cycle: bool) -> None:
    assert series_index(0, 1, cycle=cycle) == 0
    assert series_index(4, 1, cycle=cycle) == (0 if cycle else None)


def test_an_empty_series_sends_nothing() -> None:
    assert series_index(0, 0, cycle=True) is None
