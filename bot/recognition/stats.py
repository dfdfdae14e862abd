"""`/shoutout stats`: what one person gave and received, this month and in all."""

from __future__ import annotations

from datetime import datetime

from bot.platform.runtime import Runtime
from bot.recognition.shoutouts import day_start
from content.blocks.recognition import StatsView
from storage import recognition as store

TOP = 3


def month_start(now: datetime, runtime: Runtime) -> datetime:
    """The first moment of the current month in the organisation's time zone."""
    return day_start(now, runtime.settings.timezone).replace(day=1)


def shoutout_stats(runtime: Runtime, user_id: str) -> StatsView:
    since = month_start(runtime.clock.now(), runtime)
    with runtime.session() as session:
        return StatsView(
            given_month=store.count_given(session, giver=user_id, since=since),
            given_total=store.count_given(session, giver=user_id),
            received_month=store.count_received(session, recipient=user_id, since=since),
            received_total=store.count_received(session, recipient=user_id),
            top_month=store.top_behaviours(session, since=since, recipient=user_id, limit=TOP),
            top_total=store.top_behaviours(session, recipient=user_id, limit=TOP),
        )
