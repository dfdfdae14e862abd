"""Pulse results for `/pulse results`: one round's figures, with every privacy rule of `bot.pulses.disclosure` applied.

Nothing here returns a figure the privacy rules would hide: hidden means are None, hidden groups are absent, and
an open round carries participation only.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.platform.ids import parse_id
from bot.pulses.disclosure import Visibility, cell_visible, publishable, round_visibility
from bot.pulses.scores import visible_totals
from content.pack import ContentPack
from storage import pulse_aggregates as aggregates
from storage import pulses as store
from storage.models import PulseRound


@dataclass(frozen=True)
class GroupMean:
    group: str
    mean: float
    respondents: int


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    text: str
    respondents: int
    mean: float | None
    distribution: tuple[tuple[int, int], ...]
    change: float | None
    groups: tuple[GroupMean, ...]


@dataclass(frozen=True)
class RoundReport:
    round_id: int
    campaign_id: int
    opens_at: datetime
    closes_at: datetime
    visibility: Visibility
    invited: int
    answered: int
    skipped: int
    questions: tuple[QuestionResult, ...]
    comments: tuple[str, ...]


def find_round(session: Session, which: str) -> PulseRound | None:
    """`latest` (or nothing) for the most recent round, else a round id."""
    which = which.strip().lstrip("#").lower()
    if which in ("", "latest"):
        return store.latest_round(session)
    round_id = parse_id(which)
    return store.get_round(session, round_id) if round_id is not None else None


def _is_closed(pulse_round: PulseRound, now: datetime) -> bool:
    return pulse_round.state == "closed" or now >= pulse_round.closes_at


def round_report(
    session: Session, pulse_round: PulseRound, *, pack: ContentPack, min_size: int, now: datetime, rng: random.Random
) -> RoundReport:
    round_id = pulse_round.id or 0
    turnout = store.turnout(session, [round_id])
    visibility = round_visibility(
        closed=_is_closed(pulse_round, now), respondents=aggregates.respondents(session, round_id), min_size=min_size
    )
    campaign = store.get_campaign(session, pulse_round.campaign_id)
    questions: tuple[QuestionResult, ...] = ()
    comments: list[str] = []
    if visibility is Visibility.SHOWN and campaign is not None:
        previous = _previous_means(session, pulse_round, min_size=min_size, now=now)
        questions = tuple(
            _question_result(session, round_id, qid, pack, min_size, previous.get(qid)) for qid in campaign.question_ids
        )
        comments = store.comments(session, round_id)
        rng.shuffle(comments)
    return RoundReport(
        round_id=round_id,
        campaign_id=pulse_round.campaign_id,
        opens_at=pulse_round.opens_at,
        closes_at=pulse_round.closes_at,
        visibility=visibility,
        invited=turnout.invited,
        answered=turnout.answered,
        skipped=turnout.skipped,
        questions=questions,
        comments=tuple(comments),
    )


def _question_result(
    session: Session, round_id: int, question_id: str, pack: ContentPack, min_size: int, previous: float | None
) -> QuestionResult:
    counts = aggregates.score_counts(session, [round_id], [question_id])
    by_score: dict[int, int] = defaultdict(int)
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in counts:
        by_score[row.score] += row.count
        by_group[row.group][0] += row.count
        by_group[row.group][1] += row.score * row.count
    n = sum(by_score.values())
    question = pack.question(question_id)
    text = question.text if question else question_id
    if not cell_visible(n, min_size):
        return QuestionResult(question_id, text, n, None, (), None, ())
    mean = sum(score * count for score, count in by_score.items()) / n
    shown = publishable({group: totals[0] for group, totals in by_group.items()}, min_size)
    groups = tuple(
        GroupMean(group, by_group[group][1] / by_group[group][0], by_group[group][0])
        for group in sorted(shown, key=lambda g: (-by_group[g][0], g))
    )
    change = mean - previous if previous is not None else None
    return QuestionResult(question_id, text, n, mean, tuple(sorted(by_score.items())), change, groups)


def _previous_means(session: Session, pulse_round: PulseRound, *, min_size: int, now: datetime) -> dict[str, float]:
    """Per question mean of the campaign's previous round, where that round's figures may be shown."""
    previous = store.latest_round(session, before=pulse_round.opens_at, campaign_id=pulse_round.campaign_id)
    if previous is None or previous.id is None or not _is_closed(previous, now):
        return {}
    if not cell_visible(aggregates.respondents(session, previous.id), min_size):
        return {}
    totals = visible_totals(aggregates.cells(session, [previous.id], by="question"), None, min_size)
    return {question_id: t.raw_total / t.answers for question_id, t in totals.items()}
