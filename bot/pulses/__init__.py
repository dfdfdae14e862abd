"""Pulses on alignment and empowerment: campaigns, rounds, answers under a per-round token, and the disclosure gate
every surface asks before it shows a figure. Other features read pulses only through the names below."""

from bot.pulses.campaigns import PULSES_OFF, OpenPulse, Status, answer_token, open_pulses, round_state
from bot.pulses.disclosure import cell_visible, publishable
from bot.pulses.policy import may_create_pulse, may_see_results
from bot.pulses.scores import DimensionScore, dimension_scores, item_scores

__all__ = [
    "PULSES_OFF",
    "DimensionScore",
    "OpenPulse",
    "Status",
    "answer_token",
    "cell_visible",
    "dimension_scores",
    "item_scores",
    "may_create_pulse",
    "may_see_results",
    "open_pulses",
    "publishable",
    "round_state",
]
