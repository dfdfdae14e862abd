"""The privacy rules, attacked the way someone curious would try to work out one colleague's answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.pulses.disclosure import Visibility, cell_visible, publishable, round_visibility

MIN = 5


def test_a_group_under_the_minimum_is_hidden() -> None:
    assert publishable({"support": 4, "it": 3, "sales": 9, "ops": 8}, MIN) == {"sales", "ops"}


def test_a_single_hidden_group_takes_the_next_smallest_group_with_it() -> None:
    # Hiding only "support" (4) would let total − sales − ops reveal support's four answers.
    assert publishable({"support": 4, "sales": 9, "ops": 8}, MIN) == {"sales"}


def test_subtracting_the_shown_groups_from_the_total_never_isolates_a_small_group() -> None:
    # Total 17; hiding only "support" (2) would let total − sales − ops reveal support's two answers.
    shown = publishable({"support": 2, "sales": 7, "ops": 8}, MIN)

    hidden = 17 - sum({"support": 2, "sales": 7, "ops": 8}[g] for g in shown)
    assert shown == {"ops"}
    assert hidden >= MIN


def test_one_group_under_the_minimum_beside_one_shown_group_hides_the_breakdown() -> None:
    assert publishable({"support": 1, "sales": 12}, MIN) == set()


def test_small_groups_that_together_reach_the_minimum_need_no_further_suppression() -> None:
    assert publishable({"a": 2, "b": 3, "sales": 6}, MIN) == {"sales"}


def test_groups_all_at_the_minimum_are_all_shown() -> None:
    assert publishable({"a": 5, "b": 5}, MIN) == {"a", "b"}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=30), max_size=8))
def test_beside_shown_groups_the_hidden_remainder_is_zero_or_at_least_the_minimum(counts: dict[str, int]) -> None:
    shown = publishable(counts, MIN)

    remainder = sum(n for group, n in counts.items() if group not in shown)
    assert not shown or remainder == 0 or remainder >= MIN
    assert all(counts[group] >= MIN for group in shown)


def test_an_open_round_shows_no_scores_however_many_answered() -> None:
    # Two looks at an open round a minute apart would differ by exactly one person's answer.
    assert round_visibility(closed=False, respondents=4, min_size=MIN) is Visibility.OPEN
    assert round_visibility(closed=False, respondents=500, min_size=MIN) is Visibility.OPEN


def test_a_closed_round_shows_scores_only_from_the_minimum() -> None:
    assert round_visibility(closed=True, respondents=4, min_size=MIN) is Visibility.TOO_FEW
    assert round_visibility(closed=True, respondents=5, min_size=MIN) is Visibility.SHOWN


def test_a_cell_is_visible_from_the_minimum() -> None:
    assert not cell_visible(4, MIN)
    assert cell_visible(5, MIN)
