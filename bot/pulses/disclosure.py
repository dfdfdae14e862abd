"""The rules that keep one person's pulse answer from being deduced, as pure functions.

Every surface that shows pulse figures (results, digests, exports) decides what to show through this module:

- **Nothing from an open round.** While a round is open, answers still arrive and change, so two looks a minute
  apart would differ by exactly one person's answer. An open round shows who took part (a count), never a score.
  Once closed, its answers are frozen and every later look shows the same figures.
- **Nothing below the minimum.** A closed round shows scores only when at least `min_size` people answered; a group
  only when at least `min_size` of its people answered that question; a distribution only beside a mean that is
  shown (a group breakdown carries means, never distributions); comments only when the round has `min_size`
  respondents, without names or groups, shuffled.
- **No subtraction.** Groups partition a round's respondents, so the total minus the groups shown gives the groups
  hidden. When that remainder is neither zero nor at least `min_size`, the smallest shown group is hidden too,
  until it is (complementary suppression).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

K = TypeVar("K")


class Visibility(StrEnum):
    OPEN = "open"
    """The round is still open: participation only."""
    TOO_FEW = "too_few"
    """Closed, but fewer than the minimum answered: participation only."""
    SHOWN = "shown"


def round_visibility(*, closed: bool, respondents: int, min_size: int) -> Visibility:
    if not closed:
        return Visibility.OPEN
    return Visibility.SHOWN if respondents >= min_size else Visibility.TOO_FEW


def cell_visible(count: int, min_size: int) -> bool:
    """A mean, a distribution or a set of comments over `count` people may be shown."""
    return count >= min_size


def publishable(counts: Mapping[K, int], min_size: int) -> set[K]:
    """The cells (groups of one partition) whose figures may be shown beside the partition's total.

    Cells under `min_size` are hidden; then, while the hidden remainder is between 1 and `min_size - 1`
    people, the smallest shown cell is hidden as well, so subtracting the shown cells from the total never
    isolates fewer than `min_size` people."""
    shown = {key for key, n in counts.items() if n >= min_size}
    remainder = sum(n for key, n in counts.items() if key not in shown)
    while shown and 0 < remainder < min_size:
        smallest = min(shown, key=lambda key: (counts[key], str(key)))
        shown.discard(smallest)
        remainder += counts[smallest]
    return shown
