"""Gathers one digest: a scope's pulses, recognition and key messages over a week, the health warnings they raise,
and a discussion for the weakest item. Read-only; one session; every figure comes from an SQL aggregate."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.actions import digest_actions
from bot.digests import health as digest_health
from bot.digests.pulse_section import TREND_WEEKS, pulse_section
from bot.digests.views import (
    ClosedCheck,
    Digest,
    Highlight,
    MessageReach,
    Period,
    PulseSection,
    RecognitionSection,
    Suggestion,
)
from bot.keymessages import check_of, closed_between, occurrence_cascade, occurrence_reach, stopped_lines
from bot.recognition import recognition_summary
from content.pack import ContentPack
from storage import digests as store
from storage import recognition as recognition_store
from storage.models import KeySchedule, OccurrenceState

MAX_MESSAGES = 8
ORG_LABEL = "the whole organisation"
TWO_WEEKS = timedelta(days=14)


@dataclass(frozen=True)
class Scope:
    """Whose digest: `people` (None for everyone) for recognition, and the pulse reporting `groups` (None for
    all); `label` is mrkdwn naming them."""

    label: str
    people: frozenset[str] | None = None
    groups: tuple[str, ...] | None = None
    team: bool = False
    pulse_label: str = ""


@dataclass(frozen=True)
class ChartData:
    weeks: tuple[str, ...]
    series: dict[str, tuple[float | None, ...]]

    @property
    def has_points(self) -> bool:
        return any(v is not None for values in self.series.values() for v in values)


def gather(
    session: Session, *, pack: ContentPack, channel: str, scope: Scope, period: Period, min_size: int
) -> tuple[Digest, ChartData]:
    pulses = pulse_section(session, pack=pack, period=period, groups=scope.groups, min_size=min_size)
    if scope.pulse_label:
        pulses = PulseSection(**{**pulses.__dict__, "label": scope.pulse_label})
    recognition = _recognition(session, pack, period, scope.people)
    messages, failed, missed = _messages(session, period, min_size)
    actions = digest_actions(
        session, pack=pack, channel=channel, until=period.end, on=period.end.date(), min_size=min_size
    )
    part = pulses.participation
    facts = digest_health.HealthFacts(
        participation_rate=part.rate if part else None,
        previous_participation_rate=part.previous_rate if part else None,
        participation_change_is_clear=bool(part and part.change_is_clear),
        team_scope=scope.team,
        shoutouts_last_two_weeks=_recent_shoutouts(session, period, scope),
        failed_messages=failed,
        missed_messages=missed,
        days_since_key_message=_days_since_key_message(session, period.end),
        overdue_actions=actions.overdue,
        stopped_lines=tuple(stopped_lines(session, until=period.end)),
    )
    digest = Digest(
        channel=channel,
        scope_label=scope.label,
        period=period,
        pulses=pulses,
        recognition=recognition,
        messages=messages,
        closed_checks=_closed_checks(session, period, min_size),
        warnings=tuple(digest_health.warnings(facts)),
        suggestion=_suggestion(pack, pulses),
        actions=actions.open,
        action_results=actions.results,
        min_group_size=min_size,
    )
    return digest, _chart_data(pulses, period)


def _recognition(
    session: Session, pack: ContentPack, period: Period, people: Collection[str] | None
) -> RecognitionSection:
    """The recognition service's summary of the period, with behaviours named as the content pack names them."""
    summary = recognition_summary(
        session, since=period.start, until=period.end, people=None if people is None else set(people)
    )

    def label(key: str | None) -> str:
        behaviour = pack.behaviour(key) if key else None
        return f":{behaviour.emoji}: {behaviour.label}" if behaviour else ""

    return RecognitionSection(
        count=summary.count,
        top_behaviours=tuple((label(key) or key, n) for key, n in summary.top_behaviours),
        highlights=tuple(
            Highlight(h.giver, h.recipients, label(h.behaviour_key), h.message) for h in summary.highlights
        ),
        first_timers=tuple(summary.first_time),
    )


def _recent_shoutouts(session: Session, period: Period, scope: Scope) -> int:
    if not scope.team:
        return 0
    people = list(scope.people) if scope.people is not None else None
    return recognition_store.count_in_period(session, since=period.end - TWO_WEEKS, until=period.end, people=people)


def _messages(
    session: Session, period: Period, min_size: int
) -> tuple[tuple[MessageReach, ...], tuple[str, ...], tuple[str, ...]]:
    reach: list[MessageReach] = []
    failed: list[str] = []
    missed: list[str] = []
    for schedule, occurrence in store.occurrences(session, since=period.start, until=period.end):
        title = _title(schedule)
        if occurrence.state == OccurrenceState.MISSED:
            missed.append(title)
            continue
        if occurrence.state == OccurrenceState.FAILED:
            failed.append(title)
            continue
        got = occurrence_reach(session, schedule.id or 0, occurrence.occurs_at)
        if got.failed:
            failed.append(title)
        cascade = occurrence_cascade(session, schedule, occurrence)
        understood = check_of(session, schedule, occurrence.occurs_at, now=period.end, min_size=min_size)
        reach.append(
            MessageReach(
                title,
                got.delivered,
                got.failed,
                got.acknowledged,
                got.discussed,
                cascade=cascade,
                understood=understood,
            )
        )
    return tuple(reach[:MAX_MESSAGES]), tuple(dict.fromkeys(failed)), tuple(dict.fromkeys(missed))


def _closed_checks(session: Session, period: Period, min_size: int) -> tuple[ClosedCheck, ...]:
    """ "Understood" for messages sent before the period whose check closed during it (those sent in it show
    their own on their line)."""
    found = closed_between(session, since=period.start, until=period.end, min_size=min_size)
    return tuple(ClosedCheck(_title(schedule), understood) for schedule, understood in found[-MAX_MESSAGES:])


def _title(schedule: KeySchedule) -> str:
    return schedule.title or schedule.library_key or f"schedule {schedule.id}"


def _days_since_key_message(session: Session, end: datetime) -> int | None:
    last = store.last_key_message_at(session, before=end)
    return None if last is None else (end - last).days


def _suggestion(pack: ContentPack, pulses: PulseSection) -> Suggestion | None:
    if pulses.lowest is None:
        return None
    prompt = next(iter(pack.prompts_for_question(pulses.lowest.question_id)), None)
    if prompt is None:
        return None
    return Suggestion(prompt.title, prompt.question, prompt.activity, pulses.lowest.question_id)


def _chart_data(pulses: PulseSection, period: Period) -> ChartData:
    weeks = tuple(f"{period.shifted(-back).start:%-d %b}" for back in range(TREND_WEEKS - 1, -1, -1))
    return ChartData(weeks, {d.dimension: d.trend for d in pulses.dimensions})
