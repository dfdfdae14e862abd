"""Read-only pulse figures over rounds, for `/pulse results`, the weekly digest, App Home and the export.

Each round's raw aggregates are read from `storage.pulse_aggregates` and passed through the disclosure gate
(`bot.pulses.disclosure.disclose`); every figure below comes from the gate's answer. Only closed rounds count for a
period (their answers can no longer change). A dimension's or item's figure over a period is shown only when every
cell it draws on, in every round of the period, is publishable.

`score` is normalised to 0–100 so dimensions mixing scales compare: Likert 1–5 maps 1→0, 3→50, 5→100, and a
0–10 item is multiplied by 10. `respondents` counts people per round (someone answering two rounds counts twice).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.pulses.disclosure import Cell, RoundAggregates, RoundDisclosure, dimension_figure, disclose, item_figure
from content.pack import DIMENSIONS
from storage import pulse_aggregates as aggregates


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    score: float | None
    """Mean answer normalised to 0–100; None when a cell it draws on may not be shown."""
    respondents: int


@dataclass(frozen=True)
class ItemScore:
    question_id: str
    dimension: str
    mean: float | None
    """Mean on the question's own scale (1–5 or 0–10); None when suppressed."""
    score: float | None
    respondents: int


def round_disclosures(
    session: Session,
    closed: Mapping[int, bool],
    *,
    min_size: int,
    spreads: bool = False,
    closes_at: Mapping[int, datetime] | None = None,
) -> list[RoundDisclosure]:
    """The gate's answer for each round of `closed` (round id → whether it is closed), in that order; with the
    distribution of scores in each cell when `spreads` (the surfaces that show distributions ask for them)."""
    round_ids = list(closed)
    if not round_ids:
        return []
    cells = _cells(session, round_ids, spreads=spreads)
    respondents: dict[int, dict[str, int]] = defaultdict(dict)
    for (round_id, group), n in aggregates.respondents_by_group(session, round_ids).items():
        respondents[round_id][group] = n
    people: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for count in aggregates.people_counts(session, round_ids):
        people[count.round_id][(count.group, count.dimension)] = count.people
    texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for comment in aggregates.comments(session, round_ids):
        texts[comment.round_id].append((comment.group, comment.text))
    closing = closes_at or {}
    return [
        disclose(
            RoundAggregates(r, closed[r], tuple(cells[r]), respondents[r], people[r], tuple(texts[r]), closing.get(r)),
            min_size=min_size,
        )
        for r in round_ids
    ]


def _cells(session: Session, round_ids: list[int], *, spreads: bool) -> dict[int, list[Cell]]:
    """Per round, one cell per question and reporting group."""
    distributions: dict[tuple[int, str, str], list[tuple[int, int]]] = defaultdict(list)
    counts = aggregates.score_counts(session, round_ids) if spreads else []
    for row in counts:
        distributions[(row.round_id, row.group, row.question_id)].append((row.score, row.count))
    sums = aggregates.sums_of(counts) if spreads else aggregates.question_sums(session, round_ids)
    pairs = sorted({(s.round_id, s.question_id) for s in sums})
    dimension = aggregates.question_dimensions(session, pairs)
    cells: dict[int, list[Cell]] = defaultdict(list)
    for s in sums:
        spread = tuple(sorted(distributions.get((s.round_id, s.group, s.question_id), [])))
        where = dimension[(s.round_id, s.question_id)]
        cells[s.round_id].append(
            Cell(s.question_id, where, s.scale, s.group, s.answers, s.total, s.lowest, s.highest, spread)
        )
    return cells


def period_disclosures(
    session: Session, *, since: datetime, until: datetime, min_size: int, spreads: bool = False
) -> list[RoundDisclosure]:
    """The rounds that closed in [since, until), through the gate, each knowing when it closed."""
    closing = aggregates.closing_times(session, since=since, until=until)
    return round_disclosures(
        session, dict.fromkeys(closing, True), min_size=min_size, spreads=spreads, closes_at=closing
    )


def closed_in(rounds: Collection[RoundDisclosure], since: datetime, until: datetime) -> list[RoundDisclosure]:
    return [r for r in rounds if r.closes_at is not None and since <= r.closes_at < until]


def _answered(rounds: Collection[RoundDisclosure], groups: Collection[str] | None) -> list[Cell]:
    return [cell for r in rounds for cell in r.drawn(lambda _: True, groups)[0]]


def dimension_scores(
    rounds: Collection[RoundDisclosure], people_groups: Collection[str] | None
) -> list[DimensionScore]:
    """One entry per dimension answered in these rounds (in scope), in the bank's dimension order."""
    answered = {cell.dimension for cell in _answered(rounds, people_groups)}
    results = []
    for dimension in (d for d in DIMENSIONS if d in answered):
        figure = dimension_figure(rounds, dimension, people_groups)
        results.append(DimensionScore(dimension, figure.score if figure else None, figure.respondents if figure else 0))
    return results


def item_scores(rounds: Collection[RoundDisclosure], people_groups: Collection[str] | None) -> list[ItemScore]:
    """One entry per question answered in these rounds (in scope), lowest score first."""
    dimensions = {cell.question_id: cell.dimension for cell in _answered(rounds, people_groups)}
    results = []
    for question_id in sorted(dimensions):
        figure = item_figure(rounds, question_id, people_groups)
        mean, score = (figure.mean, figure.score) if figure else (None, None)
        respondents = figure.respondents if figure else 0
        results.append(ItemScore(question_id, dimensions[question_id], mean, score, respondents))
    return sorted(results, key=lambda item: (item.score is None, item.score or 0.0, item.question_id))
