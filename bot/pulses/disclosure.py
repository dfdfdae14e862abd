"""The disclosure gate: for one round's raw aggregates, which figures any surface may publish. Pure functions.

Every surface that shows pulse figures (`/pulse results`, the digest and its chart, App Home, the CSV export, the
command line) builds them from a `RoundDisclosure` and nothing else, so one set of rules decides for all of them:

- **Nothing from an open round.** While a round is open, answers still arrive and change, so two looks a minute
  apart would differ by exactly one person's answer. An open round shows who took part (a count), never a score.
- **Nothing below the minimum.** A closed round shows figures only when at least `min_size` people answered it; a
  question only when at least `min_size` people answered it; a group's mean for a question only when at least
  `min_size` people of the group answered it.
- **No subtraction.** A question's groups partition its answers, so the whole minus the groups shown gives the
  groups hidden. When that remainder is neither zero nor at least `min_size`, the smallest shown group is hidden
  too, until it is (complementary suppression).
- **A derived figure only over publishable cells.** A cell is one question's answers in one round, either the whole
  round's or one reporting group's. A figure drawn from several cells (a dimension score, an overall score, a
  trend point, a key driver, an item's mean over a week) is shown only when *every* cell it draws on is itself
  publishable. Why this rule rather than a proof per figure: a sum of publishable cells is a function of figures
  already published, so it adds no equation an attacker could solve; a sum that includes a hidden cell adds one
  (a dimension score over a shown and a hidden question gives the hidden question's total by subtraction). The
  rule is checkable cell by cell and holds for every combination of surfaces, scopes and weeks.
- **No unanimous distribution.** When every respondent of a shown cell gave the same answer, the distribution
  ("4: 5") would tell each of them what the others answered, so it is left out. Beside a group breakdown the same
  holds for each group shown and for the people the shown groups leave out (the distribution and the groups'
  means can sort answers into them). The mean stays, even at an end of the scale, where it says the same thing:
  that is the price of showing a mean at all (and the people a breakdown leaves out, at least `min_size` of them,
  have a mean anyone can work out by subtraction).
- **Comments without order.** Comments are shown only beside figures that may be shown (the round's, or a scope's
  whose groups are all publishable), without names or groups, in a fresh random order on every look, so the order
  never hints at who wrote last.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from bot.pulses.views import Visibility

K = TypeVar("K")
WHOLE = "*"
"""The group key of a question's whole-round cell: every reporting group together."""
SCALES = {"likert5": (1, 25.0), "nps11": (0, 10.0)}
"""Per scale, the answer that maps to 0 and the factor to 0–100: Likert 1–5 maps 1→0, 3→50, 5→100; 0–10 ×10."""
SYSTEM_RANDOM = random.SystemRandom()


def round_visibility(*, closed: bool, respondents: int, min_size: int) -> Visibility:
    if not closed:
        return Visibility.OPEN
    return Visibility.SHOWN if respondents >= min_size else Visibility.TOO_FEW


def cell_visible(count: int, min_size: int) -> bool:
    """A figure over `count` people may be shown."""
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


def normalised(scale: str, score: float) -> float:
    zero, factor = SCALES.get(scale, SCALES["likert5"])
    return (score - zero) * factor


@dataclass(frozen=True)
class Cell:
    """One question's answers in one round, from one reporting group (or `WHOLE`): how many, their sum, the
    lowest and highest score, and how many gave each score where a surface shows spreads (else empty)."""

    question_id: str
    dimension: str
    scale: str
    group: str
    answers: int
    total: float
    lowest: int
    highest: int
    distribution: tuple[tuple[int, int], ...] = ()

    @property
    def score_total(self) -> float:
        return normalised(self.scale, self.total / self.answers) * self.answers if self.answers else 0.0


def _together(cells: list[Cell], question_id: str, group: str) -> Cell:
    """Several cells of one question as one (the whole round's, or the groups a breakdown leaves out)."""
    spread: dict[int, int] = defaultdict(int)
    for cell in cells:
        for score, n in cell.distribution:
            spread[score] += n
    first = cells[0]
    return Cell(
        question_id,
        first.dimension,
        first.scale,
        group,
        sum(c.answers for c in cells),
        sum(c.total for c in cells),
        min(c.lowest for c in cells),
        max(c.highest for c in cells),
        tuple(sorted(spread.items())),
    )


@dataclass(frozen=True)
class RoundAggregates:
    """Everything stored about one round's answers, summed, before any rule is applied."""

    round_id: int
    closed: bool
    cells: tuple[Cell, ...]
    """Per question and reporting group."""
    respondents: Mapping[str, int]
    """Per reporting group, the people who answered at least one question."""
    people: Mapping[tuple[str, str], int]
    """Per (reporting group, dimension), the people who answered at least one of its questions."""
    comments: tuple[tuple[str, str], ...] = ()
    """(reporting group, text)."""
    closes_at: datetime | None = None


@dataclass(frozen=True)
class Figure:
    """What a surface may print about one cell or a set of cells: a mean on the question's own scale (meaningful
    for one question), a 0–100 score, and a distribution only where it may be shown (else empty)."""

    answers: int
    respondents: int
    mean: float
    score: float
    distribution: tuple[tuple[int, int], ...] = ()


def _figure(cells: list[Cell], respondents: int, distribution: tuple[tuple[int, int], ...] = ()) -> Figure:
    answers = sum(c.answers for c in cells)
    total, score_total = sum(c.total for c in cells), sum(c.score_total for c in cells)
    return Figure(answers, respondents, total / answers, score_total / answers, distribution)


@dataclass(frozen=True)
class RoundDisclosure:
    """One round's figures as the gate passed them; every read goes through `shown`."""

    round_id: int
    visibility: Visibility
    respondents: int
    cells: Mapping[tuple[str, str], Cell]
    """Per (question id, group), with `WHOLE` cells beside the groups'."""
    shown: frozenset[tuple[str, str]]
    aggregates: RoundAggregates
    min_size: int

    def figure(self, question_id: str, group: str = WHOLE) -> Figure | None:
        """A question's figure for the whole round (with its distribution where it may be shown) or for one group
        (a mean, never a distribution)."""
        if (question_id, group) not in self.shown:
            return None
        cell = self.cells[(question_id, group)]
        spread = group == WHOLE and self._distribution_shown(question_id)
        return _figure([cell], cell.answers, cell.distribution if spread else ())

    def _distribution_shown(self, question_id: str) -> bool:
        """Beside the groups' means, a question's distribution lets anyone sort its answers into the groups shown
        and the rest they leave out. Within each of those, the people are interchangeable to a reader, so one
        person's answer is known only when all of them gave the same one: then the distribution is left out."""
        parts = [cell for (q, g), cell in self.cells.items() if q == question_id and g != WHOLE]
        shown = [cell for cell in parts if (question_id, cell.group) in self.shown]
        rest = [cell for cell in parts if (question_id, cell.group) not in self.shown]
        sorted_into = [*shown, *([_together(rest, question_id, "")] if rest else [])]
        return all(cell.lowest < cell.highest for cell in sorted_into)

    def groups(self, question_id: str) -> tuple[tuple[str, Figure], ...]:
        """The groups shown beside a question's whole figure, largest first; means only, never distributions."""
        found = [(g, self.figure(q, g)) for q, g in self.shown if q == question_id and g != WHOLE]
        return tuple(sorted(((g, f) for g, f in found if f), key=lambda item: (-item[1].answers, item[0])))

    def drawn(self, wanted: Callable[[Cell], bool], groups: Collection[str] | None) -> tuple[list[Cell], bool]:
        """The cells a derived figure over `wanted` questions in scope draws on, and whether all are publishable."""
        in_scope = (lambda g: g == WHOLE) if groups is None else (lambda g: g in groups)
        keys = [key for key, cell in self.cells.items() if in_scope(key[1]) and wanted(cell)]
        return [self.cells[key] for key in keys], all(key in self.shown for key in keys)

    @property
    def closes_at(self) -> datetime | None:
        return self.aggregates.closes_at

    def people(self, dimension: str, groups: Collection[str] | None) -> int:
        counts = self.aggregates.people
        return sum(n for (g, d), n in counts.items() if d == dimension and (groups is None or g in groups))

    def comments(self, groups: Collection[str] | None) -> list[str]:
        """The comments that may be shown for this scope: the round's, or a scope's whose groups all may be."""
        if self.visibility is not Visibility.SHOWN:
            return []
        texts = self.aggregates.comments
        if groups is None:
            return [text for _, text in texts]
        by_group = self.aggregates.respondents
        present = set(groups) & set(by_group)
        allowed = publishable(by_group, self.min_size) & present
        if allowed != present or sum(by_group[g] for g in allowed) < self.min_size:
            return []
        return [text for group, text in texts if group in allowed]


def disclose(aggregates: RoundAggregates, *, min_size: int) -> RoundDisclosure:
    """The gate: which of one round's cells any surface may publish."""
    respondents = sum(aggregates.respondents.values())
    visibility = round_visibility(closed=aggregates.closed, respondents=respondents, min_size=min_size)
    cells = {(c.question_id, c.group): c for c in aggregates.cells}
    by_question: dict[str, list[Cell]] = defaultdict(list)
    for cell in aggregates.cells:
        by_question[cell.question_id].append(cell)
    shown: set[tuple[str, str]] = set()
    for question_id, parts in by_question.items():
        whole = cells[(question_id, WHOLE)] = _together(parts, question_id, WHOLE)
        if visibility is Visibility.SHOWN and cell_visible(whole.answers, min_size):
            shown.add((question_id, WHOLE))
            shown |= {(question_id, g) for g in publishable({c.group: c.answers for c in parts}, min_size)}
    return RoundDisclosure(aggregates.round_id, visibility, respondents, cells, frozenset(shown), aggregates, min_size)


def derived(
    rounds: Iterable[RoundDisclosure],
    wanted: Callable[[Cell], bool],
    groups: Collection[str] | None,
    respondents: Callable[[RoundDisclosure], int] | None = None,
) -> Figure | None:
    """A figure over the `wanted` questions of these rounds in scope, or None when nothing was answered or any
    cell it draws on is hidden. `respondents` counts its people per round (answers when not given)."""
    cells: list[Cell] = []
    people = 0
    for disclosure in rounds:
        found, all_shown = disclosure.drawn(wanted, groups)
        if not all_shown:
            return None
        cells += found
        people += respondents(disclosure) if respondents else sum(c.answers for c in found)
    return _figure(cells, people) if cells else None


def dimension_figure(
    rounds: Collection[RoundDisclosure], dimension: str, groups: Collection[str] | None
) -> Figure | None:
    return derived(rounds, lambda c: c.dimension == dimension, groups, lambda r: r.people(dimension, groups))


def item_figure(rounds: Collection[RoundDisclosure], question_id: str, groups: Collection[str] | None) -> Figure | None:
    return derived(rounds, lambda c: c.question_id == question_id, groups)


def comments(
    rounds: Iterable[RoundDisclosure],
    groups: Collection[str] | None,
    *,
    limit: int | None = None,
    rng: random.Random = SYSTEM_RANDOM,
) -> tuple[str, ...]:
    """The comments that may be shown (a fresh random sample of `limit`, or all), in a fresh random order."""
    texts = [text for disclosure in rounds for text in disclosure.comments(groups)]
    rng.shuffle(texts)
    return tuple(texts[:limit])


def passes(rounds: Iterable[RoundDisclosure], question_ids: Collection[str], groups: Collection[str] | None) -> bool:
    """Whether a figure over these questions in scope (a key driver, say) may be shown: all its cells may."""
    return derived(rounds, lambda c: c.question_id in question_ids, groups) is not None
