"""Key-driver analysis: which pulse items move with the outcome item, across the people who answered both.

Each respondent is known only by the pseudonymous token of one round, so an item's answer and the outcome answer
are paired within a round through that token; nobody is identified. The association is Pearson's correlation,
computed from six running sums so the database can do the heavy lifting (`PairSums` come from one SQL query, or
from rows in memory via `pair_sums`). It is reported only when enough respondents back it: `MIN_RESPONDENTS`, and
never fewer than the minimum reporting size, and only when its 95% interval excludes 0 (a clear association, which
may be negative: the item moves against the outcome). Drivers are ranked by Johnson's relative weights, which share
the outcome's explained variance among items that overlap, rather than by r alone. These are associations, not
causes, and the digest says so.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import numpy as np

from bot.pulses import Interval, correlation_interval, excludes_zero

MIN_RESPONDENTS = 30
"""Below this many paired answers a correlation is mostly noise, so it is not shown."""
MAX_DRIVERS = 3


@dataclass(frozen=True)
class PairSums:
    """Sums over the respondents who answered both `question_id` (x) and the outcome item (y)."""

    question_id: str
    n: int
    sx: float
    sy: float
    sxy: float
    sxx: float
    syy: float


@dataclass(frozen=True)
class Association:
    question_id: str
    correlation: float
    respondents: int
    interval: Interval
    """The 95% interval of the correlation; it excludes 0, or the item would not be a driver."""
    weight: float
    """The item's relative weight as a share of what all the items together explain (0–1)."""


def pearson(sums: PairSums) -> float | None:
    """Pearson's r from the sums; None when either side does not vary (r is undefined)."""
    n = sums.n
    spread_x = n * sums.sxx - sums.sx**2
    spread_y = n * sums.syy - sums.sy**2
    if n < 2 or spread_x <= 1e-9 or spread_y <= 1e-9:
        return None
    return (n * sums.sxy - sums.sx * sums.sy) / math.sqrt(spread_x * spread_y)


def pair_sums(answers: Iterable[tuple[Hashable, str, float]], outcome_id: str) -> list[PairSums]:
    """The sums from raw answers `(respondent, question_id, score)`, where a respondent is e.g. (round, token)."""
    by_respondent: dict[Hashable, dict[str, float]] = defaultdict(dict)
    for respondent, question_id, score in answers:
        by_respondent[respondent][question_id] = score
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0, 0.0])
    for scores in by_respondent.values():
        y = scores.get(outcome_id)
        if y is None:
            continue
        for question_id, x in scores.items():
            if question_id != outcome_id:
                t = totals[question_id]
                t[0] += 1
                t[1] += x
                t[2] += y
                t[3] += x * y
                t[4] += x * x
                t[5] += y * y
    return [PairSums(q, int(t[0]), t[1], t[2], t[3], t[4], t[5]) for q, t in sorted(totals.items())]


def needed_respondents(min_group_size: int) -> int:
    return max(MIN_RESPONDENTS, min_group_size)


def relative_weights(between: np.ndarray, with_outcome: np.ndarray) -> np.ndarray:
    """Johnson's relative weights: each item's share of the outcome's explained variance (R²), fairly split among
    items that correlate with each other. `between` is the items' correlation matrix, `with_outcome` their
    correlations with the outcome; the weights sum to R². A matrix built from pairwise answers may be slightly
    indefinite, so negative eigenvalues count as 0."""
    values, vectors = np.linalg.eigh(between)
    root = vectors @ np.diag(np.sqrt(np.clip(values, 0.0, None))) @ vectors.T
    beta = np.linalg.pinv(root) @ with_outcome
    return np.asarray((root**2) @ (beta**2))


def key_drivers(
    sums: Iterable[PairSums],
    between: Callable[[str, list[str]], Iterable[PairSums]],
    *,
    min_group_size: int,
    limit: int = MAX_DRIVERS,
) -> list[Association]:
    """The items clearly associated with the outcome (the 95% interval of r excludes 0, over enough respondents),
    ranked by relative weight; empty when none is. `between(item, others)` gives the sums of each of `others`
    against `item`, from which the items' correlations with one another are taken (0 where unknown); each pair is
    asked for once."""
    needed = needed_respondents(min_group_size)
    candidates = {s.question_id: (s.n, r) for s in sums if s.n >= needed and (r := pearson(s)) is not None}
    if not candidates:
        return []
    ids = sorted(candidates)
    weights = relative_weights(_correlations(ids, between), np.array([candidates[q][1] for q in ids]))
    explained = float(weights.sum()) or 1.0
    found = []
    for question_id, weight in zip(ids, weights, strict=True):
        n, r = candidates[question_id]
        interval = correlation_interval(r, n)
        if interval is not None and excludes_zero(interval):
            found.append(Association(question_id, r, n, interval, float(weight) / explained))
    found.sort(key=lambda a: (-a.weight, a.question_id))
    return found[:limit]


def _correlations(ids: list[str], between: Callable[[str, list[str]], Iterable[PairSums]]) -> np.ndarray:
    index = {q: i for i, q in enumerate(ids)}
    matrix = np.identity(len(ids))
    for position, question_id in enumerate(ids[:-1]):
        for other in between(question_id, ids[position + 1 :]):
            r = pearson(other) if other.question_id in index else None
            if r is not None:
                matrix[index[question_id], index[other.question_id]] = r
                matrix[index[other.question_id], index[question_id]] = r
    return matrix
