"""Whether a figure moved beyond its uncertainty: 95% intervals for a difference of means (Welch) and for a
correlation (Fisher's z), from plain counts. A digest calls a change or an association only when its interval
excludes 0, so a champion is never told that noise is news."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95% interval."""

Interval = tuple[float, float]


@dataclass(frozen=True)
class Sample:
    """A sample's size, mean and unbiased variance."""

    n: int
    mean: float
    variance: float

    @classmethod
    def of_counts(cls, counts: Iterable[tuple[float, int]]) -> Sample | None:
        """From (value, how many gave it); None for fewer than two values, whose variance is unknown."""
        pairs = [(value, n) for value, n in counts if n > 0]
        size = sum(n for _, n in pairs)
        if size < 2:
            return None
        mean = sum(value * n for value, n in pairs) / size
        squares = sum(n * (value - mean) ** 2 for value, n in pairs)
        return cls(size, mean, squares / (size - 1))


def t_quantile(df: float) -> float:
    """The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion, so no statistics
    library is needed at run time): within 0.003 of the exact value from 5 degrees of freedom up, exact in the
    limit, and a little narrow below 5."""
    z = Z95
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


def welch_interval(before: Sample, after: Sample) -> Interval:
    """The 95% interval of `after.mean - before.mean`, with Welch–Satterthwaite degrees of freedom."""
    a, b = before.variance / before.n, after.variance / after.n
    difference = after.mean - before.mean
    if a + b == 0:
        return difference, difference
    df = (a + b) ** 2 / (a**2 / (before.n - 1) + b**2 / (after.n - 1))
    half = t_quantile(max(df, 1.0)) * math.sqrt(a + b)
    return difference - half, difference + half


def correlation_interval(r: float, n: int) -> Interval | None:
    """The 95% interval of a Pearson correlation over `n` pairs (Fisher's z); None for fewer than four pairs."""
    if n < 4:
        return None
    z = math.atanh(max(-0.999999, min(0.999999, r)))
    half = Z95 / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def excludes_zero(interval: Interval | None) -> bool:
    return interval is not None and (interval[0] > 0 or interval[1] < 0)
