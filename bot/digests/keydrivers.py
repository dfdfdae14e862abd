"""Key-driver analysis: which pulse items move with the outcome item, across the people who answered both.

Each respondent is known only by the pseudonymous token of one round, so an item's answer and the outcome answer
are paired within a round through that token; nobody is identified. The association is Pearson's correlation,
computed from six running sums so the database can do the heavy lifting (`PairSums` come from one SQL query, or
from rows in memory via `pair_sums`). It is reported only when enough respondents back it: `MIN_RESPONDENTS`, and
never fewer than the minimum reporting size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

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


def key_drivers(sums: Iterable[PairSums], *, min_group_size: int, limit: int = MAX_DRIVERS) -> list[Association]:
    """The items most positively associated with the outcome, strongest first, among those with enough
    respondents; empty when none qualifies."""
    needed = needed_respondents(min_group_size)
    found = []
    for item in sums:
        r = pearson(item) if item.n >= needed else None
        if r is not None:
            found.append(Association(item.question_id, r, item.n))
    found.sort(key=lambda a: (-a.correlation, a.question_id))
    return found[:limit]
