"""What a weekly digest says, as plain values: the builder, the health rules and the chart read these, and the
figures are gathered into them from the other features' services (`bot.digests.week`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.actions.views import ActionView, BeforeAfter
from bot.keymessages.views import CascadeReach, Understood

WEEK = timedelta(days=7)
OUTCOME = "outcome"
"""The dimension of the items whose drivers a digest looks for; its recommend item is shown as eNPS."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Period:
    """A half-open span of time [start, end) in UTC."""

    start: datetime
    end: datetime

    @classmethod
    def week_ending(cls, end: datetime) -> Period:
        return cls(end - WEEK, end)

    def shifted(self, weeks: int) -> Period:
        """The period `weeks` weeks earlier (negative) or later (positive)."""
        return Period(self.start + WEEK * weeks, self.end + WEEK * weeks)

    @property
    def previous(self) -> Period:
        return self.shifted(-1)


@dataclass(frozen=True)
class DimensionResult:
    """One pulse dimension, scored 0–100. `score` is None when nothing can be shown: no answers, or too few
    respondents."""

    dimension: str
    score: float | None
    previous: float | None
    respondents: int
    trend: tuple[float | None, ...] = ()
    """Weekly scores, oldest first, ending with this period (None for a week with nothing to show)."""
    change_is_clear: bool = False
    """The 95% interval of the change from the previous week excludes 0; otherwise it is "about the same"."""

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass(frozen=True)
class ItemResult:
    """One question; `score` is the mean on the question's own `scale`."""

    question_id: str
    text: str
    score: float
    respondents: int
    scale: tuple[int, int] = (1, 5)


@dataclass(frozen=True)
class Driver:
    """An item clearly associated with the outcome item across respondents: Pearson's r with its 95% interval
    (which excludes 0) and the item's relative weight, its share (0–1) of what the items together explain."""

    question_id: str
    text: str
    correlation: float
    respondents: int
    interval: tuple[float, float] = (0.0, 0.0)
    weight: float = 0.0


@dataclass(frozen=True)
class Focus:
    """The one item a digest asks champions to work on: this week's lowest item, named once with every role it has
    (it may also be a clear driver of the outcome). What the team does next attaches to its `question_id`."""

    item: ItemResult
    driver: Driver | None = None

    @property
    def question_id(self) -> str:
        return self.item.question_id

    @property
    def text(self) -> str:
        return self.item.text


@dataclass(frozen=True)
class Enps:
    """The recommend item as eNPS: % promoters (9–10) minus % detractors (0–6), from -100 to 100."""

    score: float
    respondents: int


@dataclass(frozen=True)
class Participation:
    invited: int
    answered: int
    previous_rate: float | None = None
    change_is_clear: bool = False
    """The rate moved beyond its uncertainty since the previous week."""

    @property
    def rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


@dataclass(frozen=True)
class PulseSection:
    dimensions: tuple[DimensionResult, ...] = ()
    participation: Participation | None = None
    lowest: ItemResult | None = None
    drivers: tuple[Driver, ...] = ()
    enps: Enps | None = None
    """Shown instead of the outcome's 0–100 score, when the gate passes the recommend item."""
    drivers_needed: int = 0
    """Respondents the key-driver analysis needs; shown when `drivers` is empty so champions know why."""
    comments: tuple[str, ...] = ()
    label: str = ""
    """Whose answers these are, when not the digest's own scope (pulses are grouped by channel or user group)."""
    answered_but_hidden: bool = False
    """Some people answered, but fewer than the minimum reporting size: nothing is shown, and the digest says so."""

    @property
    def has_scores(self) -> bool:
        return any(d.score is not None for d in self.dimensions)

    @property
    def focus(self) -> Focus | None:
        """The lowest item, with its driver figures when it is also a driver."""
        if self.lowest is None:
            return None
        driver = next((d for d in self.drivers if d.question_id == self.lowest.question_id), None)
        return Focus(self.lowest, driver)


@dataclass(frozen=True)
class Highlight:
    giver: str
    recipients: tuple[str, ...]
    behaviour: str
    words: str


@dataclass(frozen=True)
class RecognitionSection:
    count: int = 0
    top_behaviours: tuple[tuple[str, int], ...] = ()
    highlights: tuple[Highlight, ...] = ()
    first_timers: tuple[str, ...] = ()


@dataclass(frozen=True)
class MessageReach:
    title: str
    delivered: int
    failed: int = 0
    acknowledged: int = 0
    discussed: int = 0
    cascade: CascadeReach | None = None
    """Sent through managers: how far it travelled down the lines."""
    understood: Understood | None = None
    """How clear the message was, for one that carried the clarity check."""


@dataclass(frozen=True)
class ClosedCheck:
    """The clarity check of a message sent before the period that closed during it: its "understood" is reported
    in this digest, once."""

    title: str
    understood: Understood


@dataclass(frozen=True)
class Suggestion:
    title: str
    question: str
    activity: str
    question_id: str
    """The focus item the discussion is chosen to improve."""


@dataclass(frozen=True)
class Digest:
    channel: str
    scope_label: str
    """Who the digest is about, in mrkdwn built by Cadence (a channel link, a user group, the organisation)."""
    period: Period
    pulses: PulseSection = field(default_factory=PulseSection)
    recognition: RecognitionSection = field(default_factory=RecognitionSection)
    messages: tuple[MessageReach, ...] = ()
    closed_checks: tuple[ClosedCheck, ...] = ()
    warnings: tuple[str, ...] = ()
    suggestion: Suggestion | None = None
    actions: tuple[ActionView, ...] = ()
    """The scope's actions not done yet, soonest due first."""
    action_results: tuple[BeforeAfter, ...] = ()
    """Recently done actions, with their focus item before and after."""
    min_group_size: int = 5

    @property
    def focus(self) -> Focus | None:
        return self.pulses.focus

    @property
    def is_empty(self) -> bool:
        """Nothing happened in the period: no pulse answers, no shout-outs, no key messages, no check closed."""
        pulses = self.pulses
        return (
            not pulses.has_scores
            and not pulses.answered_but_hidden
            and not (pulses.participation and pulses.participation.invited)
            and not self.recognition.count
            and not self.messages
            and not self.closed_checks
        )


class NowResult(StrEnum):
    """What became of a digest asked for now."""

    POSTED = "posted"
    QUEUED = "queued"
    """Slack failed for a moment: the outbox keeps trying."""
    FAILED = "failed"
    NOT_A_DIGEST_CHANNEL = "not_a_digest_channel"
    DIRECTORY_UNAVAILABLE = "directory_unavailable"


@dataclass(frozen=True)
class NowOutcome:
    result: NowResult
    channel: str
    error: str = ""
