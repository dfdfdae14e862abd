"""Pulses on alignment and empowerment: campaigns, rounds, answers under a per-round token, and the disclosure gate
every surface asks before it shows a figure. Other features read pulses only through the names below."""

from bot.pulses.campaigns import PULSES_OFF, PulsesOff, Status, answer_token, open_pulses, round_state
from bot.pulses.disclosure import (
    WHOLE,
    Cell,
    Figure,
    RoundAggregates,
    RoundDisclosure,
    comments,
    disclose,
    normalised,
    passes,
)
from bot.pulses.followups import MAX_FOLLOWUPS, FollowupLabels, FollowupSource, round_followups
from bot.pulses.intervals import Interval, Sample, correlation_interval, excludes_zero, welch_interval
from bot.pulses.policy import may_close_round, may_create_pulse, may_see_results
from bot.pulses.scores import (
    DimensionScore,
    closed_in,
    dimension_scores,
    item_scores,
    period_disclosures,
    round_disclosures,
)
from bot.pulses.views import OpenPulse

__all__ = [
    "MAX_FOLLOWUPS",
    "PULSES_OFF",
    "WHOLE",
    "Cell",
    "DimensionScore",
    "Figure",
    "FollowupLabels",
    "FollowupSource",
    "Interval",
    "OpenPulse",
    "PulsesOff",
    "RoundAggregates",
    "RoundDisclosure",
    "Sample",
    "Status",
    "answer_token",
    "closed_in",
    "comments",
    "correlation_interval",
    "dimension_scores",
    "disclose",
    "excludes_zero",
    "item_scores",
    "may_close_round",
    "may_create_pulse",
    "may_see_results",
    "normalised",
    "open_pulses",
    "passes",
    "period_disclosures",
    "round_disclosures",
    "round_followups",
    "round_state",
    "welch_interval",
]
