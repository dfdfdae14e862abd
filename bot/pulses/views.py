"""What the pulse builders render, as plain values: a round's results as the disclosure gate passed them, and a
person's open pulses. `content.blocks` reads pulses through these and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Visibility(StrEnum):
    OPEN = "open"
    """The round is still open: participation only."""
    TOO_FEW = "too_few"
    """Closed, but fewer than the minimum answered: participation only."""
    SHOWN = "shown"


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
    """Empty when hidden: every respondent gave the same answer."""
    change: float | None
    groups: tuple[GroupMean, ...]
    change_is_clear: bool = False
    """The change is beyond its uncertainty (the interval of the difference excludes 0)."""
    followup_of: str | None = None
    """For a follow-up question, what it follows up (an action's text; "" when no longer known); None for the
    campaign's own questions."""


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


@dataclass(frozen=True)
class OpenPulse:
    round_id: int
    questions: int
    closes_at: datetime
    answered: bool
