"""When pulse rounds open and remind: once, or every N weeks on a weekday at a wall-clock time, in the organisation's
zone or at that time in each recipient's own zone; the one reminder at a waking hour of the recipient's zone.

Pure date arithmetic. Occurrences are counted in local calendar weeks, so a round keeps its local time across a
daylight-saving change. A campaign in recipients' local time (`timezone` is `LOCAL`) keeps its occurrences
floating (the wall-clock time labelled UTC, see `bot.platform.local_time`): its round opens when the first zone on
Earth reaches that time and stays open until the window of the last one has passed.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.platform.local_time import EARLIEST_OFFSET, LATEST_OFFSET, local_instant
from storage.models import PulseCampaign, PulseRound

LOCAL = "local"
WAKING_FROM, WAKING_UNTIL = time(9), time(17)


def parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_local_time(campaign: PulseCampaign) -> bool:
    return campaign.timezone == LOCAL


def first_opening(now: datetime, *, weekday: int, local_time: str, zone: ZoneInfo | None) -> datetime:
    """The first `weekday` at `local_time` in `zone` that is not before `now`, in UTC. For recipients' local time
    (`zone` None), the first floating one that nobody anywhere would get before `now`."""
    if zone is None:
        return first_opening(now + EARLIEST_OFFSET, weekday=weekday, local_time=local_time, zone=ZoneInfo("UTC"))
    local_now = now.astimezone(zone)
    day = local_now.date() + timedelta(days=(weekday - local_now.weekday()) % 7)
    at = parse_time(local_time)
    opening = datetime.combine(day, at, tzinfo=zone)
    if opening < local_now:
        opening = datetime.combine(day + timedelta(days=7), at, tzinfo=zone)
    return opening.astimezone(UTC)


def occurrence(campaign: PulseCampaign, k: int) -> datetime:
    """The campaign's `k`-th occurrence (0 is the first): an instant, or floating for recipients' local time."""
    zone = ZoneInfo("UTC" if in_local_time(campaign) else campaign.timezone)
    first = campaign.starts_at.astimezone(zone)
    day = first.date() + timedelta(weeks=campaign.every_weeks * k)
    return datetime.combine(day, parse_time(campaign.local_time), tzinfo=zone).astimezone(UTC)


def round_window(campaign: PulseCampaign, occurs_at: datetime) -> tuple[datetime, datetime]:
    """When the round of an occurrence opens and closes. In recipients' local time that spans every zone's window;
    once the audience is known, `closes_by` narrows it to the last recipient's."""
    window = timedelta(hours=campaign.window_hours)
    if not in_local_time(campaign):
        return occurs_at, occurs_at + window
    return occurs_at - EARLIEST_OFFSET, occurs_at + LATEST_OFFSET + window


def due_occurrence(campaign: PulseCampaign, now: datetime) -> datetime | None:
    """The occurrence whose round should be open at `now`: the latest one opening at or before `now` whose window
    has not yet passed. None before the first round, between rounds, and for a round missed entirely while Cadence
    was down (it would open already closed)."""

    def opens(k: int) -> datetime:
        return round_window(campaign, occurrence(campaign, k))[0]

    if now < opens(0):
        return None
    k = 0
    if campaign.every_weeks:
        k = int((now - opens(0)) / timedelta(weeks=campaign.every_weeks))
        k = k + 1 if opens(k + 1) <= now else k
        k = k - 1 if k > 0 and opens(k) > now else k
    occurs_at = occurrence(campaign, k)
    opens_at, closes_at = round_window(campaign, occurs_at)
    return occurs_at if opens_at <= now < closes_at else None


def is_finished(campaign: PulseCampaign, now: datetime) -> bool:
    """A one-off campaign is finished once its only round has opened."""
    return not campaign.every_weeks and now >= round_window(campaign, occurrence(campaign, 0))[0]


def asked_at(campaign: PulseCampaign, pulse_round: PulseRound, zone: ZoneInfo) -> datetime:
    """When someone in `zone` is asked in the round: when it opens, or at the chosen time in their own zone."""
    if not in_local_time(campaign):
        return pulse_round.opens_at
    return local_instant(pulse_round.opens_at + EARLIEST_OFFSET, zone)


def closes_by(campaign: PulseCampaign, asked: list[datetime], closes_at: datetime) -> datetime | None:
    """The round's close once everyone's `asked` moment is known: the end of the last one's window. In recipients'
    local time that narrows the provisional `closes_at`; in the organisation's zone it only moves it later, when
    working hours held someone's invitation back. None when `closes_at` stands or nobody was asked."""
    if not asked:
        return None
    last = max(asked) + timedelta(hours=campaign.window_hours)
    return last if in_local_time(campaign) or last > closes_at else None


def _waking_at_or_after(moment: datetime, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    if WAKING_FROM <= local.time() <= WAKING_UNTIL:
        return moment
    day = local.date() if local.time() < WAKING_FROM else local.date() + timedelta(days=1)
    return datetime.combine(day, WAKING_FROM, tzinfo=zone).astimezone(UTC)


def _waking_at_or_before(moment: datetime, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    if WAKING_FROM <= local.time() <= WAKING_UNTIL:
        return moment
    day = local.date() if local.time() > WAKING_UNTIL else local.date() - timedelta(days=1)
    return datetime.combine(day, WAKING_UNTIL, tzinfo=zone).astimezone(UTC)


def reminder_time(asked: datetime, window_hours: int, zone: ZoneInfo) -> datetime | None:
    """The one reminder for someone in `zone` asked at `asked`: the first waking hour of theirs (09:00 to 17:00) at
    or after the middle of their window, late enough to catch the busy and early enough to leave time to answer.
    When the window ends first, the last waking moment before its middle (still after they were asked); None when
    their window holds no waking hour at all, since no reminder beats one at night."""
    closes_at = asked + timedelta(hours=window_hours)
    middle = asked + (closes_at - asked) / 2
    after = _waking_at_or_after(middle, zone)
    if after < closes_at:
        return after
    before = _waking_at_or_before(middle, zone)
    return before if before > asked else None
