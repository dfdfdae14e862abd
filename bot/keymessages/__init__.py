"""Leaders' key messages on a cadence: drafts, schedules, the planner that turns occurrences into deliveries, reach,
sending through managers, and the handover of a departing leader's schedules. Other features read key messages only
through these names."""

from bot.keymessages.cascade import occurrence_cascade, stopped_lines
from bot.keymessages.clarity import check_of, closed_between
from bot.keymessages.clarity import understood as occurrence_understood
from bot.keymessages.handover import hand_over
from bot.keymessages.policy import may_change_schedule, may_schedule, may_see_every_schedule
from bot.keymessages.reach import occurrence_reach, summaries
from bot.keymessages.views import ScheduleSummary, Understood

__all__ = [
    "ScheduleSummary",
    "Understood",
    "check_of",
    "closed_between",
    "hand_over",
    "may_change_schedule",
    "may_schedule",
    "may_see_every_schedule",
    "occurrence_cascade",
    "occurrence_reach",
    "occurrence_understood",
    "stopped_lines",
    "summaries",
]
