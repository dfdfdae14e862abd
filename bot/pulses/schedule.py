"""When pulse rounds open: once, or every N weeks on a weekday at a wall-clock time in the organisation's zone.

Pure date arithmetic. Occurrences are counted in local calendar weeks, so a round keeps its local time across a
daylight-saving change.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.models import PulseCampaign


def parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def first_opening(now: datetime, *, weekday: int, local_time: str, zone: ZoneInfo) -> datetime:
    """The first `weekday` at `local_time` in `zone` that is not before `now`, in UTC."""
    local_now = now.astimezone(zone)
    day = local_now.date() + timedelta(days=(weekday - local_now.weekday()) % 7)
    at = parse_time(local_time)
    opening = datetime.combine(day, at, tzinfo=zone)
    if opening < local_now:
        opening = datetime.combine(day + timedelta(days=7), at, tzinfo=zone)
    return opening.astimezone(UTC)


def occurrence(campaign: PulseCampaign, k: int) -> datetime:
    """The opening of the campaign's `k`-th round (0 is the first)."""
    zone = ZoneInfo(campaign.timezone)
    first = campaign.starts_at.astimezone(zone)
    day = first.date() + timedelta(weeks=campaign.every_weeks * k)
    return datetime.combine(day, parse_time(campaign.local_time), tzinfo=zone).astimezone(UTC)


def due_opening(campaign: PulseCampaign, now: datetime) -> datetime | None:
    """The opening of the round that should be open at `now`: the latest one at or before `now` whose window has
    not yet passed. None before the first round, between rounds, and for a round missed entirely while Cadence
    was down (it would open already closed)."""
    if now < campaign.starts_at:
        return None
    k = 0
    if campaign.every_weeks:
        k = int((now - campaign.starts_at) / timedelta(weeks=campaign.every_weeks))
        k = k + 1 if occurrence(campaign, k + 1) <= now else k
        k = k - 1 if k > 0 and occurrence(campaign, k) > now else k
    opening = occurrence(campaign, k)
    return opening if opening <= now < opening + timedelta(hours=campaign.window_hours) else None


def is_finished(campaign: PulseCampaign, now: datetime) -> bool:
    """A one-off campaign is finished once its only round's opening has passed."""
    return not campaign.every_weeks and now >= campaign.starts_at


def reminder_time(opens_at: datetime, window_hours: int) -> datetime:
    """Halfway through the window: late enough to catch the busy, early enough to leave time to answer."""
    return opens_at + timedelta(hours=window_hours) / 2
