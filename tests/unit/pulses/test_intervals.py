"""The 95% intervals a digest trusts before it calls a change or an association, against textbook values."""

from __future__ import annotations

import pytest

from bot.pulses.intervals import (
    Sample,
    correlation_interval,
    excludes_zero,
    t_quantile,
    welch_interval,
)


def test_a_sample_from_counts_has_its_mean_and_unbiased_variance() -> None:
    sample = Sample.of_counts([(2, 1), (4, 3), (5, 2), (7, 1), (9, 1)])

    assert sample == Sample(8, 5.0, pytest.approx(32 / 7))


def test_fewer_than_two_values_have_no_sample() -> None:
    assert Sample.of_counts([(4, 1), (5, 0)]) is None


@pytest.mark.parametrize(("df", "exact"), [(5, 2.570582), (10, 2.228139), (30, 2.042272), (38, 2.024394)])
def test_the_t_quantile_matches_the_table(df: int, exact: float) -> None:
    assert t_quantile(df) == pytest.approx(exact, abs=0.003)


def test_welch_interval_of_two_equal_spreads_uses_their_pooled_degrees_of_freedom() -> None:
    before = Sample.of_counts([(1, 10), (5, 10)])
    after = Sample.of_counts([(2, 10), (6, 10)])
    assert before and after

    low, high = welch_interval(before, after)

    # difference 1, standard error sqrt(8/19), df 38, t = 2.024394
    assert (low, high) == (pytest.approx(1 - 1.3136, abs=1e-3), pytest.approx(1 + 1.3136, abs=1e-3))
    assert not excludes_zero((low, high))


def test_a_large_shift_in_a_large_sample_is_clear() -> None:
    before = Sample.of_counts([(50, 60), (75, 40)])
    after = Sample.of_counts([(75, 60), (100, 40)])
    assert before and after

    assert excludes_zero(welch_interval(before, after))


def test_fisher_interval_of_a_correlation_matches_the_hand_computed_one() -> None:
    assert correlation_interval(0.5, 28) == (pytest.approx(0.156028, abs=1e-6), pytest.approx(0.735818, abs=1e-6))
    assert correlation_interval(0.9, 3) is None


def test_a_change_of_participation_is_weighed_by_how_many_were_invited() -> None:
    def turnout(answered: int, invited: int) -> Sample:
        sample = Sample.of_counts([(1, answered), (0, invited - answered)])
        assert sample is not None
        return sample

    assert excludes_zero(welch_interval(turnout(90, 100), turnout(50, 100)))
    assert not excludes_zero(welch_interval(turnout(9, 10), turnout(7, 10)))
