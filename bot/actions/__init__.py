"""Team actions ("you said, we did"): taking one on from a digest's focus item, the owner's weekly DM and status,
overdue ones in programme health, and the item's score before and after. Other features read actions only through
these names."""

from bot.actions.actions import ActionForm, is_nudge, listed, take_on, today, update_status
from bot.actions.followups import followup_labels, followups_for_round
from bot.actions.planner import plan_action_nudges
from bot.actions.policy import may_list_actions, may_take_on, may_update_status
from bot.actions.results import DigestActions, digest_actions
from bot.actions.views import ActionView, BeforeAfter

__all__ = [
    "ActionForm",
    "ActionView",
    "BeforeAfter",
    "DigestActions",
    "digest_actions",
    "followup_labels",
    "followups_for_round",
    "is_nudge",
    "listed",
    "may_list_actions",
    "may_take_on",
    "may_update_status",
    "plan_action_nudges",
    "take_on",
    "today",
    "update_status",
]
