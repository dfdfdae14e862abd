"""The pulse part of a digest: each dimension's score and its weekly trend, participation, the lowest item, key
drivers, the recommend item's eNPS and a few comments, for one scope's reporting groups.

A change (a dimension's, or participation's) is called up or down only when the 95% interval of the difference
excludes 0 (Welch, from the answers' distributions on the 0–100 scale, or from who answered and who did not).

Every figure passes the pulses' disclosure gate: dimension scores, trend points and the lowest item come from
`bot.pulses` (shown only when every cell they draw on may be shown; normalised to 0–100 there), a key driver only
when the gate passes every cell of the item and the outcome in scope (and over enough respondents), the eNPS and
a change's interval only over cells the gate passes, and comments
are the gate's fresh random sample of at most `MAX_COMMENTS`, without token or group.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from sqlmodel import Session

from bot.digests import keydrivers
from bot.digests.views import OUTCOME, DimensionResult, Driver, Enps, ItemResult, Participation, Period, PulseSection
from bot.pulses import (
    Cell,
    DimensionScore,
    RoundDisclosure,
    Sample,
    closed_in,
    comments,
    dimension_scores,
    excludes_zero,
    item_scores,
    normalised,
    passes,
    period_disclosures,
    welch_interval,
)
from content.pack import DIMENSIONS, FOLLOWUP_PREFIX, ContentPack
from storage import digests as store
from storage import pulse_aggregates as aggregates
from storage import pulses as pulse_store

TREND_WEEKS = 8
MAX_COMMENTS = 3
RECOMMEND = "outcome-recommend"
"""The 0–10 recommend item, reported as eNPS."""
PROMOTER, DETRACTOR = 9, 6
"""eNPS counts 9–10 as promoters and 0–6 as detractors."""
LIKERT = (1, 5)
LOWEST_FROM = tuple(d for d in DIMENSIONS if d != OUTCOME)
"""The lowest item is one of these dimensions': never the outcome, nor a follow-up question."""


def pulse_section(
    session: Session, *, pack: ContentPack, period: Period, groups: Collection[str] | None, min_size: int
) -> PulseSection:
    people_groups = set(groups) if groups is not None else None
    weeks = [period.shifted(-back) for back in range(TREND_WEEKS - 1, -1, -1)]
    window = period_disclosures(session, since=weeks[0].start, until=period.end, min_size=min_size, spreads=True)
    rounds = [closed_in(window, week.start, week.end) for week in weeks]
    by_week = [{s.dimension: s for s in dimension_scores(week, people_groups)} for week in rounds]
    dimensions = list(dict.fromkeys(d for scores in by_week for d in scores))
    results = tuple(_dimension(d, by_week, rounds[-2:], people_groups) for d in dimensions)
    current = rounds[-1]
    outcome_shown = any(r.dimension == OUTCOME and r.score is not None for r in results)
    return PulseSection(
        dimensions=results,
        participation=_participation(session, period, groups),
        lowest=_lowest_item(pack, current, people_groups),
        drivers=_drivers(session, pack, current, groups, min_size) if outcome_shown else (),
        enps=_enps(current, people_groups) if outcome_shown else None,
        drivers_needed=keydrivers.needed_respondents(min_size),
        comments=comments(current, groups, limit=MAX_COMMENTS),
        answered_but_hidden=bool(by_week[-1]) and all(s.score is None for s in by_week[-1].values()),
    )


def _dimension(
    dimension: str,
    by_week: list[dict[str, DimensionScore]],
    last_two: list[list[RoundDisclosure]],
    people_groups: set[str] | None,
) -> DimensionResult:
    trend = tuple(scores[dimension].score if dimension in scores else None for scores in by_week)
    latest = by_week[-1].get(dimension)
    before, now = (_sample(week, lambda c: c.dimension == dimension, people_groups) for week in last_two)
    return DimensionResult(
        dimension=dimension,
        score=trend[-1],
        previous=trend[-2],
        respondents=latest.respondents if latest else 0,
        trend=trend,
        change_is_clear=_clear(before, now),
    )


def _clear(before: Sample | None, now: Sample | None) -> bool:
    """The change between two samples is beyond its uncertainty; never when either spread is unknown."""
    return before is not None and now is not None and excludes_zero(welch_interval(before, now))


def _shown_cells(
    rounds: list[RoundDisclosure], wanted: Callable[[Cell], bool], people_groups: set[str] | None
) -> list[Cell] | None:
    """The cells a figure draws on, with their distributions; None when any of them is hidden."""
    cells: list[Cell] = []
    for disclosure in rounds:
        found, all_shown = disclosure.drawn(wanted, people_groups)
        if not all_shown:
            return None
        cells += found
    return cells


def _sample(
    rounds: list[RoundDisclosure], wanted: Callable[[Cell], bool], people_groups: set[str] | None
) -> Sample | None:
    """The answers behind a figure, on the 0–100 scale, when it may be shown (else neither may its change)."""
    cells = _shown_cells(rounds, wanted, people_groups) or []
    return Sample.of_counts((normalised(c.scale, score), n) for c in cells for score, n in c.distribution)


def _enps(current: list[RoundDisclosure], people_groups: set[str] | None) -> Enps | None:
    """The recommend item's eNPS this period, when the gate passes every cell it draws on."""
    cells = _shown_cells(current, lambda c: c.question_id == RECOMMEND, people_groups) or []
    counts = [pair for c in cells for pair in c.distribution]
    answered = sum(n for _, n in counts)
    if not answered:
        return None
    promoters = sum(n for score, n in counts if score >= PROMOTER)
    detractors = sum(n for score, n in counts if score <= DETRACTOR)
    return Enps(100 * (promoters - detractors) / answered, answered)


def _participation(session: Session, period: Period, groups: Collection[str] | None) -> Participation | None:
    current = aggregates.closed_rounds_between(session, since=period.start, until=period.end)
    if not current:
        return None
    before = period.previous
    previous = aggregates.closed_rounds_between(session, since=before.start, until=before.end)
    now = pulse_store.turnout(session, current, groups)
    then = pulse_store.turnout(session, previous, groups) if previous else None
    if then is None or not then.invited:
        return Participation(invited=now.invited, answered=now.answered)
    clear = _clear(_turnout(then.answered, then.invited), _turnout(now.answered, now.invited))
    return Participation(now.invited, now.answered, then.answered / then.invited, clear)


def _turnout(answered: int, invited: int) -> Sample | None:
    """Who was invited, as 1 for answered and 0 for not, so a change of rate is weighed like any other."""
    return Sample.of_counts(((1.0, answered), (0.0, invited - answered)))


def _lowest_item(
    pack: ContentPack, current: list[RoundDisclosure], people_groups: set[str] | None
) -> ItemResult | None:
    items = item_scores(current, people_groups)
    shown = [i for i in items if i.dimension in LOWEST_FROM and i.score is not None and i.mean is not None]
    if not shown:
        return None
    item = shown[0]  # item_scores sorts lowest first
    question = pack.question(item.question_id)
    scale = (question.choices[0][0], question.choices[-1][0]) if question else LIKERT
    text = question.text if question else item.question_id
    return ItemResult(item.question_id, text, item.mean or 0.0, item.respondents, scale)


def _drivers(
    session: Session, pack: ContentPack, current: list[RoundDisclosure], groups: Collection[str] | None, min_size: int
) -> tuple[Driver, ...]:
    """Against the outcome item most answered this period; other outcome items are not drivers. An item is a
    driver only when the gate passes all its cells and the outcome's in scope."""
    outcomes = {q.id for q in pack.questions_in(OUTCOME)}
    round_ids = [r.round_id for r in current]
    if not round_ids or not outcomes:
        return ()
    answered = store.answer_counts(session, round_ids, groups, outcomes)
    if not answered:
        return ()
    outcome = max(answered, key=lambda q: (answered[q], q))
    rows = store.pair_sums(session, round_ids, groups, outcome)
    candidates = {row[0] for row in rows if row[0] not in outcomes and not row[0].startswith(FOLLOWUP_PREFIX)}
    items = {q for q in candidates if passes(current, {q, outcome}, groups)}

    def between(question_id: str, others: list[str]) -> list[keydrivers.PairSums]:
        return [keydrivers.PairSums(*row) for row in store.pair_sums(session, round_ids, groups, question_id, others)]

    found = keydrivers.key_drivers(
        (keydrivers.PairSums(*row) for row in rows if row[0] in items), between, min_group_size=min_size
    )
    texts = {q.id: q.text for q in pack.questions}
    return tuple(
        Driver(
            a.question_id, texts.get(a.question_id, a.question_id), a.correlation, a.respondents, a.interval, a.weight
        )
        for a in found
    )
