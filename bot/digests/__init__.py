"""Weekly digests for change champions: which channels get one and whose figures, gathering a scope's week,
composing it, the planner, and posting on demand. Other features read digests only through these names."""

from bot.digests.channels import channel_config, compose, digest_channels
from bot.digests.on_demand import ActionScope, action_scope, may_post_now, postable_channels
from bot.digests.policy import may_post_digest, may_post_digests, may_set_up_digests
from bot.digests.views import Digest, Period
from bot.digests.week import ORG_LABEL, Scope, gather

__all__ = [
    "ORG_LABEL",
    "ActionScope",
    "Digest",
    "Period",
    "Scope",
    "action_scope",
    "channel_config",
    "compose",
    "digest_channels",
    "gather",
    "may_post_digest",
    "may_post_digests",
    "may_post_now",
    "may_set_up_digests",
    "postable_channels",
]
