"""Read-only pulse scores over a period, for the weekly digest and any other report.

Only closed rounds count (their answers can no longer change). The unit of suppression is one round's reporting
group: organisation-wide, a round counts only when at least `min_group_size` people answered it; for a scope of
groups, a round's group counts only when `bot.pulses.disclosure.publishable` would show it beside that round's total.
So no two reports (two scopes, or two periods) differ by fewer than `min_group_size` people's answers.

`score` is normalised to 0–100 so dimensions mixing scales compare: Likert 1–5 maps 1→0, 3→50, 5→100, and a
0–10 item is multiplied by 10. `respondents` counts people per round (someone answering two rounds counts twice).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.pulses.disclosure import cell_visible, publishable
from content.pack import DIMENSIONS
from storage import pulse_aggregates as aggregates
from storage import pulses as store


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    score: float | None
    """Mean answer normalised to 0–100; None when too few people answered to show it."""
    respondents: int
    participation_rate: float | None
    """Share of the people asked (in scope) who answered; None when nobody was asked."""


@dataclass(frozen=True)
class ItemScore:
    question_id: str
    dimension: str
    mean: float | None
    """Mean on the question's own scale (1–5 or 0–10); None when suppressed."""
    score: float | None
    respondents: int


@dataclass(frozen=True)
class Totals:
    respondents: int
    answers: int
    raw_total: float
    score_total: float


def _shown_cells(
    cells: Iterable[aggregates.Cell], people_groups: set[str] | None, min_size: int
) -> list[aggregates.Cell]:
    partitions: dict[tuple[int, str], list[aggregates.Cell]] = defaultdict(list)
    for cell in cells:
        partitions[(cell.round_id, cell.key)].append(cell)
    shown: list[aggregates.Cell] = []
    for part in partitions.values():
        if people_groups is None:
            if cell_visible(sum(c.respondents for c in part), min_size):
                shown.extend(part)
            continue
        allowed = publishable({c.group: c.respondents for c in part}, min_size) & people_groups
        shown.extend(c for c in part if c.group in allowed)
    return shown


def visible_totals(
    cells: Iterable[aggregates.Cell], people_groups: set[str] | None, min_size: int
) -> dict[str, Totals]:
    """Per key, the sums over the cells that may be shown (everyone's when `people_groups` is None)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for cell in _shown_cells(cells, people_groups, min_size):
        totals = sums[cell.key]
        totals[0] += cell.respondents
        totals[1] += cell.answers
        totals[2] += cell.raw_total
        totals[3] += cell.score_total
    return {key: Totals(int(t[0]), int(t[1]), t[2], t[3]) for key, t in sums.items()}


def dimension_scores(
    session: Session, *, since: datetime, until: datetime, people_groups: set[str] | None, min_group_size: int
) -> list[DimensionScore]:
    """One entry per dimension answered in rounds that closed in [since, until), in the bank's dimension order."""
    round_ids = aggregates.closed_rounds_between(session, since=since, until=until)
    if not round_ids:
        return []
    cells = aggregates.cells(session, round_ids, by="dimension")
    totals = visible_totals(cells, people_groups, min_group_size)
    turnout = store.turnout(session, round_ids, people_groups)
    rate = turnout.answered / turnout.invited if turnout.invited else None
    answered = {cell.key for cell in cells}
    results = []
    for dimension in (d for d in DIMENSIONS if d in answered):
        t = totals.get(dimension)
        visible = t is not None and cell_visible(t.respondents, min_group_size)
        score = t.score_total / t.answers if t is not None and visible else None
        results.append(DimensionScore(dimension, score, t.respondents if t else 0, rate))
    return results


def item_scores(
    session: Session, *, since: datetime, until: datetime, people_groups: set[str] | None, min_group_size: int
) -> list[ItemScore]:
    """One entry per question answered in rounds that closed in [since, until), lowest score first."""
    round_ids = aggregates.closed_rounds_between(session, since=since, until=until)
    cells = aggregates.cells(session, round_ids, by="question") if round_ids else []
    dimensions = aggregates.question_dimensions(session, round_ids) if round_ids else {}
    totals = visible_totals(cells, people_groups, min_group_size)
    results = []
    for question_id in sorted({cell.key for cell in cells}):
        t = totals.get(question_id)
        visible = t is not None and cell_visible(t.respondents, min_group_size)
        mean = t.raw_total / t.answers if t is not None and visible else None
        score = t.score_total / t.answers if t is not None and visible else None
        results.append(ItemScore(question_id, dimensions.get(question_id, ""), mean, score, t.respondents if t else 0))
    return sorted(results, key=lambda item: (item.score is None, item.score or 0.0, item.question_id))
