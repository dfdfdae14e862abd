"""Pulse results for `/pulse results`: one round's figures, as the disclosure gate passed them.

Nothing here computes a figure of its own: means, distributions, groups, the change from the previous round and
the comments all come from `RoundDisclosure`, so hidden means are None, hidden groups absent, unanimous
distributions empty, and an open round carries participation only. The round's follow-up questions come after the
campaign's, read from the same gate, each labelled with what it follows up.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlmodel import Session

from bot.platform.ids import parse_id
from bot.pulses.disclosure import SYSTEM_RANDOM, WHOLE, RoundDisclosure, comments
from bot.pulses.followups import FollowupLabels, round_followups
from bot.pulses.intervals import Sample, excludes_zero, welch_interval
from bot.pulses.scores import round_disclosures
from bot.pulses.views import GroupMean, QuestionResult, RoundReport, Visibility
from content.pack import ContentPack
from storage import pulses as store
from storage.models import PulseRound


def find_round(session: Session, which: str) -> PulseRound | None:
    """`latest` (or nothing) for the most recent round, else a round id."""
    which = which.strip().lstrip("#").lower()
    if which in ("", "latest"):
        return store.latest_round(session)
    round_id = parse_id(which)
    return store.get_round(session, round_id) if round_id is not None else None


def is_closed(pulse_round: PulseRound, now: datetime) -> bool:
    return pulse_round.state == "closed" or now >= pulse_round.closes_at


def round_report(
    session: Session,
    pulse_round: PulseRound,
    *,
    pack: ContentPack,
    min_size: int,
    now: datetime,
    rng: random.Random = SYSTEM_RANDOM,
    labels: FollowupLabels | None = None,
) -> RoundReport:
    """`labels` words what each follow-up follows up (unlabelled without it)."""
    round_id = pulse_round.id or 0
    turnout = store.turnout(session, [round_id])
    [disclosure] = round_disclosures(session, {round_id: is_closed(pulse_round, now)}, min_size=min_size, spreads=True)
    campaign = store.get_campaign(session, pulse_round.campaign_id)
    questions: tuple[QuestionResult, ...] = ()
    if disclosure.visibility is Visibility.SHOWN and campaign is not None:
        previous = _previous(session, pulse_round, min_size=min_size, now=now)
        asked = [(qid, _text(pack, qid)) for qid in campaign.question_ids]
        questions = tuple(_question_result(disclosure, qid, text, previous) for qid, text in asked)
        questions += _followup_results(session, disclosure, pack, pulse_round, labels)
    return RoundReport(
        round_id=round_id,
        campaign_id=pulse_round.campaign_id,
        opens_at=pulse_round.opens_at,
        closes_at=pulse_round.closes_at,
        visibility=disclosure.visibility,
        invited=turnout.invited,
        answered=turnout.answered,
        skipped=turnout.skipped,
        questions=questions,
        comments=comments([disclosure], None, rng=rng),
    )


def _text(pack: ContentPack, question_id: str) -> str:
    question = pack.question(question_id)
    return question.text if question else question_id


def _followup_results(
    session: Session,
    disclosure: RoundDisclosure,
    pack: ContentPack,
    pulse_round: PulseRound,
    labels: FollowupLabels | None,
) -> tuple[QuestionResult, ...]:
    """The round's follow-ups, as fixed on it, through the same gate as its other questions. A follow-up has no
    previous round to change from: each is asked once."""
    followups = round_followups(pack, pulse_round)
    known = labels(session, [q.id for q in followups]) if labels and followups else {}
    return tuple(_question_result(disclosure, q.id, q.text, None, followup_of=known.get(q.id, "")) for q in followups)


def _question_result(
    disclosure: RoundDisclosure,
    question_id: str,
    text: str,
    previous: RoundDisclosure | None,
    *,
    followup_of: str | None = None,
) -> QuestionResult:
    cell = disclosure.cells.get((question_id, WHOLE))
    figure = disclosure.figure(question_id)
    if figure is None:
        answers = cell.answers if cell else 0
        return QuestionResult(question_id, text, answers, None, (), None, (), followup_of=followup_of)
    before = previous.figure(question_id) if previous else None
    groups = tuple(GroupMean(g, f.mean, f.answers) for g, f in disclosure.groups(question_id))
    change = figure.mean - before.mean if before else None
    clear = before is not None and previous is not None and _clear_change(previous, disclosure, question_id)
    return QuestionResult(
        question_id,
        text,
        figure.answers,
        figure.mean,
        figure.distribution,
        change,
        groups,
        change_is_clear=clear,
        followup_of=followup_of,
    )


def _clear_change(before: RoundDisclosure, now: RoundDisclosure, question_id: str) -> bool:
    """Whether the question's mean moved beyond its uncertainty (the interval of the difference excludes 0), the
    rule every surface that shows a change follows."""
    earlier, later = _sample(before, question_id), _sample(now, question_id)
    return earlier is not None and later is not None and excludes_zero(welch_interval(earlier, later))


def _sample(disclosure: RoundDisclosure, question_id: str) -> Sample | None:
    cell = disclosure.cells.get((question_id, WHOLE))
    return Sample.of_counts((float(score), n) for score, n in cell.distribution) if cell else None


def _previous(session: Session, pulse_round: PulseRound, *, min_size: int, now: datetime) -> RoundDisclosure | None:
    """The campaign's previous round through the gate, when it is closed."""
    previous = store.latest_round(session, before=pulse_round.opens_at, campaign_id=pulse_round.campaign_id)
    if previous is None or previous.id is None or not is_closed(previous, now):
        return None
    return round_disclosures(session, {previous.id: True}, min_size=min_size, spreads=True)[0]
