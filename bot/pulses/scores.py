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
from storage import pulses as store


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    score: float | None
    """Mean answer normalised to 0–100; None when a cell it draws on may not be shown."""
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


def round_disclosures(session: Session, closed: Mapping[int, bool], *, min_size: int) -> list[RoundDisclosure]:
    """The gate's answer for each round of `closed` (round id → whether it is closed), in that order."""
    round_ids = list(closed)
    if not round_ids:
        return []
    cells = _cells(session, round_ids)
    respondents: dict[int, dict[str, int]] = defaultdict(dict)
    for (round_id, group), n in aggregates.respondents_by_group(session, round_ids).items():
        respondents[round_id][group] = n
    people: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for count in aggregates.people_counts(session, round_ids):
        people[count.round_id][(count.group, count.dimension)] = count.people
    texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for comment in aggregates.comments(session, round_ids):
        texts[comment.round_id].append((comment.group, comment.text))
    return [
        disclose(
            RoundAggregates(r, closed[r], tuple(cells[r]), respondents[r], people[r], tuple(texts[r])),
            min_size=min_size,
        )
        for r in round_ids
    ]


def _cells(session: Session, round_ids: list[int]) -> dict[int, list[Cell]]:
    """Per round, one cell per question and reporting group, with its distribution of scores."""
    spreads: dict[tuple[int, str, str], list[aggregates.ScoreCount]] = defaultdict(list)
    for row in aggregates.score_counts(session, round_ids):
        spreads[(row.round_id, row.group, row.question_id)].append(row)
    cells: dict[int, list[Cell]] = defaultdict(list)
    for (round_id, group, question_id), rows in spreads.items():
        distribution = tuple(sorted((r.score, r.count) for r in rows))
        cells[round_id].append(Cell(question_id, rows[0].dimension, rows[0].scale, group, distribution))
    return cells


def period_disclosures(session: Session, *, since: datetime, until: datetime, min_size: int) -> list[RoundDisclosure]:
    """The rounds that closed in [since, until), through the gate."""
    round_ids = aggregates.closed_rounds_between(session, since=since, until=until)
    return round_disclosures(session, dict.fromkeys(round_ids, True), min_size=min_size)


def _answered(rounds: Collection[RoundDisclosure], groups: Collection[str] | None) -> list[Cell]:
    return [cell for r in rounds for cell in r.drawn(lambda _: True, groups)[0]]


def dimension_scores(
    session: Session, *, since: datetime, until: datetime, people_groups: set[str] | None, min_group_size: int
) -> list[DimensionScore]:
    """One entry per dimension answered in rounds that closed in [since, until), in the bank's dimension order."""
    rounds = period_disclosures(session, since=since, until=until, min_size=min_group_size)
    if not rounds:
        return []
    turnout = store.turnout(session, [r.round_id for r in rounds], people_groups)
    rate = turnout.answered / turnout.invited if turnout.invited else None
    answered = {cell.dimension for cell in _answered(rounds, people_groups)}
    results = []
    for dimension in (d for d in DIMENSIONS if d in answered):
        figure = dimension_figure(rounds, dimension, people_groups)
        score, respondents = (figure.score, figure.respondents) if figure else (None, 0)
        results.append(DimensionScore(dimension, score, respondents, rate))
    return results


def item_scores(
    session: Session, *, since: datetime, until: datetime, people_groups: set[str] | None, min_group_size: int
) -> list[ItemScore]:
    """One entry per question answered in rounds that closed in [since, until), lowest score first."""
    rounds = period_disclosures(session, since=since, until=until, min_size=min_group_size)
    dimensions = {cell.question_id: cell.dimension for cell in _answered(rounds, people_groups)}
    results = []
    for question_id in sorted(dimensions):
        figure = item_figure(rounds, question_id, people_groups)
        mean, score = (figure.mean, figure.score) if figure else (None, None)
        respondents = figure.respondents if figure else 0
        results.append(ItemScore(question_id, dimensions[question_id], mean, score, respondents))
    return sorted(results, key=lambda item: (item.score is None, item.score or 0.0, item.question_id))
