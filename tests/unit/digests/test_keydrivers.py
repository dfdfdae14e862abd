"""Key-driver analysis: Pearson's r from running sums, shown only over enough respondents."""

from __future__ import annotations

import random
import statistics

import pytest

from bot.digests.keydrivers import MIN_RESPONDENTS, PairSums, key_drivers, pair_sums, pearson


def answers_for(n: int, seed: int = 7) -> list[tuple[int, str, float]]:
    """`n` respondents: `strong` tracks the outcome, `weak` barely does, `flat` never varies."""
    rng = random.Random(seed)
    rows: list[tuple[int, str, float]] = []
    for person in range(n):
        outcome = rng.randint(0, 10)
        rows += [
            (person, "outcome", outcome),
            (person, "strong", min(5, max(1, round(outcome / 2.5) + 1))),
            (person, "weak", rng.randint(1, 5)),
            (person, "flat", 3),
        ]
    return rows


def test_pearson_from_sums_matches_the_textbook_correlation() -> None:
    rows = answers_for(40)
    sums = {s.question_id: s for s in pair_sums(rows, "outcome")}
    xs = [score for _, q, score in rows if q == "strong"]
    ys = [score for _, q, score in rows if q == "outcome"]

    assert pearson(sums["strong"]) == pytest.approx(statistics.correlation(xs, ys))


def test_an_item_that_never_varies_has_no_correlation() -> None:
    assert pearson(PairSums("flat", 3, 9, 15, 45, 27, 77)) is None


def test_drivers_are_ranked_strongest_first_and_exclude_undefined_ones() -> None:
    found = key_drivers(pair_sums(answers_for(MIN_RESPONDENTS), "outcome"), min_group_size=5)

    assert [a.question_id for a in found] == ["strong", "weak"]
    assert found[0].correlation > 0.8
    assert found[0].respondents == MIN_RESPONDENTS


def test_no_driver_is_shown_below_the_minimum_number_of_respondents() -> None:
    assert key_drivers(pair_sums(answers_for(MIN_RESPONDENTS - 1), "outcome"), min_group_size=5) == []


def test_a_minimum_reporting_size_above_the_module_minimum_wins() -> None:
    sums = pair_sums(answers_for(40), "outcome")

    assert key_drivers(sums, min_group_size=41) == []
    assert key_drivers(sums, min_group_size=40) != []


def test_answers_are_paired_only_within_one_respondent() -> None:
    rows = [(("r1", "a"), "outcome", 10), (("r1", "b"), "item", 1), (("r1", "a"), "item", 5)]

    [sums] = pair_sums(rows, "outcome")

    assert (sums.n, sums.sx, sums.sy) == (1, 5, 10)
