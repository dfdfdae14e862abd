"""Key-driver analysis: Pearson's r from running sums, shown only over enough respondents and when its interval
excludes 0, ranked by Johnson's relative weights."""

from __future__ import annotations

import random
import statistics

import numpy as np
import pytest

from bot.digests.keydrivers import (
    MIN_RESPONDENTS,
    Association,
    PairSums,
    key_drivers,
    pair_sums,
    pearson,
    relative_weights,
)


def answers_for(n: int, seed: int = 7) -> list[tuple[int, str, float]]:
    """`n` respondents: `strong` tracks the outcome, `weak` is independent noise, `flat` never varies."""
    rng, noise = random.Random(seed), random.Random(seed + 1)
    rows: list[tuple[int, str, float]] = []
    for person in range(n):
        outcome = rng.randint(0, 10)
        rows += [
            (person, "outcome", outcome),
            (person, "strong", min(5, max(1, round(outcome / 2.5) + 1))),
            (person, "weak", noise.randint(1, 5)),
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


def drivers_of(rows: list[tuple[int, str, float]], min_group_size: int = 5) -> list[str]:
    return [a.question_id for a in drivers_from(rows, min_group_size)]


def drivers_from(rows: list[tuple[int, str, float]], min_group_size: int = 5) -> list[Association]:
    return key_drivers(pair_sums(rows, "outcome"), lambda item, _: pair_sums(rows, item), min_group_size=min_group_size)


def test_only_a_clear_association_is_a_driver_and_undefined_ones_are_left_out() -> None:
    [found] = drivers_from(answers_for(MIN_RESPONDENTS))

    assert found.question_id == "strong"  # "weak" is noise: its interval includes 0
    assert found.correlation > 0.8 and found.respondents == MIN_RESPONDENTS
    z, half = np.arctanh(found.correlation), 1.959963984540054 / np.sqrt(MIN_RESPONDENTS - 3)
    assert found.interval == pytest.approx((np.tanh(z - half), np.tanh(z + half)))
    assert found.interval[0] > 0


def test_a_clear_negative_association_is_kept_with_its_sign() -> None:
    rows = [(p, q, 6 - s if q == "strong" else s) for p, q, s in answers_for(40)]

    [found] = drivers_from(rows)

    assert found.question_id == "strong" and found.correlation < -0.8 and found.interval[1] < 0


def test_no_driver_is_shown_below_the_minimum_number_of_respondents() -> None:
    assert drivers_of(answers_for(MIN_RESPONDENTS - 1)) == []


def test_a_minimum_reporting_size_above_the_module_minimum_wins() -> None:
    rows = answers_for(40)

    assert drivers_of(rows, min_group_size=41) == []
    assert drivers_of(rows, min_group_size=40) == ["strong"]


def test_relative_weights_of_uncorrelated_items_are_their_squared_correlations() -> None:
    weights = relative_weights(np.identity(3), np.array([0.5, -0.3, 0.1]))

    assert weights == pytest.approx([0.25, 0.09, 0.01])


def test_relative_weights_sum_to_r_squared_and_split_overlapping_items_fairly() -> None:
    between = np.array([[1.0, 0.6, 0.2], [0.6, 1.0, 0.3], [0.2, 0.3, 1.0]])
    with_outcome = np.array([0.5, 0.4, 0.3])

    weights = relative_weights(between, with_outcome)

    r_squared = with_outcome @ np.linalg.solve(between, with_outcome)
    assert weights.sum() == pytest.approx(r_squared)
    twins = relative_weights(np.array([[1.0, 0.9], [0.9, 1.0]]), np.array([0.5, 0.5]))
    assert twins[0] == pytest.approx(twins[1])


def test_drivers_are_ranked_by_relative_weight_not_by_r() -> None:
    """`copy` correlates with the outcome a little more than `own` does, but only through `base`, which it
    copies; the relative weights give `own`, which adds what `base` does not, the larger share."""
    rng = random.Random(3)
    rows: list[tuple[int, str, float]] = []
    for person in range(400):
        base, own = rng.gauss(0, 1), rng.gauss(0, 1)
        copy = base + rng.gauss(0, 0.3)
        outcome = base + 0.9 * own + rng.gauss(0, 0.5)
        rows += [(person, "outcome", outcome), (person, "base", base), (person, "copy", copy), (person, "own", own)]
    sums = {s.question_id: pearson(s) or 0.0 for s in pair_sums(rows, "outcome")}

    found = drivers_from(rows)

    assert sums["copy"] > sums["own"]
    assert [a.question_id for a in found][-1] == "copy"
    assert sum(a.weight for a in found) == pytest.approx(1.0)


def test_answers_are_paired_only_within_one_respondent() -> None:
    rows = [(("r1", "a"), "outcome", 10), (("r1", "b"), "item", 1), (("r1", "a"), "item", 5)]

    [sums] = pair_sums(rows, "outcome")

    assert (sums.n, sums.sx, sums.sy) == (1, 5, 10)
