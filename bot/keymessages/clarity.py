"""The clarity check a key message can carry: answering it, and "understood" as reach shows it.

An answer is stored under the pulses' token (HMAC of the occurrence and the person, keyed with
`CADENCE_PULSE_SECRET`), apart from who was sent the message, and shown only through the pulses' disclosure gate:
each occurrence is a round whose one question is the check and whose reporting groups are the audience's channels
and user groups. So the same rules hold as for pulses: nothing while answers can still change, nothing below the
minimum group size, no group whose figure could be had by subtraction, no unanimous distribution.

An answer can be changed while its occurrence is current: until the schedule's next occurrence, and for seven days
at most (for a schedule in each recipient's local time, until the last time zone has reached that moment).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.keymessages import recurrence
from bot.keymessages.cascade import clicked_delivery
from bot.keymessages.draft import zone_of
from bot.keymessages.schedules import KeyMessageError, recurrence_of
from bot.keymessages.views import CASCADE_MODE, CHANNEL_MODE, LOCAL, MEMBER, Understood
from bot.platform.directory import DirectoryError
from bot.platform.ids import parse_id
from bot.platform.runtime import Runtime
from bot.pulses import PULSES_OFF, WHOLE, Cell, RoundAggregates, answer_token, disclose
from bot.teams import lines
from content.blocks.clarity import parse_clarity_value
from content.pack import CLARITY_ID
from storage import clarity as store
from storage import keymessages as schedules
from storage.models import KeySchedule

log = logging.getLogger(__name__)

LONGEST = timedelta(days=7)
NOT_A_RECIPIENT = "This check is for the people the message was sent to; nothing was recorded."
OUT_OF_DATE = "That button is out of date; nothing was recorded."


@dataclass(frozen=True)
class Clarified:
    schedule_id: int
    ack_value: str
    score: int
    closes_at: datetime
    zone: str


def token_of(secret: str, schedule_id: int, stamp: str, user_id: str) -> str:
    """The pseudonym of a person's answer to one occurrence's check; different for every occurrence."""
    return answer_token(secret, f"keymsg:{schedule_id}:{stamp}", user_id)


def closes_at(schedule: KeySchedule, occurs_at: datetime) -> datetime:
    """When an occurrence's check stops taking (and changing) answers: an instant, or for a schedule in each
    recipient's local time a wall-clock time (as its occurrences are)."""
    floating = schedule.zone == LOCAL
    after = recurrence.opens_at(occurs_at, floating=floating)
    upcoming = recurrence.next_occurrence(recurrence_of(schedule), zone_of(schedule.zone), after=after)
    return min(upcoming, occurs_at + LONGEST) if upcoming else occurs_at + LONGEST


def is_closed(schedule: KeySchedule, occurs_at: datetime, now: datetime) -> bool:
    """Whether the check is closed for everyone (for a local-time schedule, in the last time zone too)."""
    late = recurrence.LATEST_OFFSET if schedule.zone == LOCAL else timedelta(0)
    return now >= closes_at(schedule, occurs_at) + late


def answer(runtime: Runtime, user_id: str, value: str, channel_id: str, message_ts: str) -> Clarified:
    """Record (or change) `user_id`'s answer from a check button clicked on the message `message_ts` in
    `channel_id`."""
    secret = runtime.settings.pulse_secret
    if not secret:
        raise KeyMessageError(PULSES_OFF.replace("Pulses are", "The clarity check is"))
    schedule_id, occurs_at, stamp, score = _parse(value)
    now = runtime.clock.now()
    with runtime.session() as session:
        schedule = schedules.get_schedule(session, schedule_id)
        if schedule is None:
            raise KeyMessageError("That key message no longer exists.")
        if not schedule.clarity:
            raise KeyMessageError("Its sender has turned this message's clarity check off; nothing was recorded.")
        sent_to = user_id if schedule.mode != CHANNEL_MODE else channel_id
        if not clicked_delivery(session, schedule, stamp, sent_to, MEMBER, channel=channel_id, ts=message_ts):
            raise KeyMessageError(NOT_A_RECIPIENT)
        ends, closed = closes_at(schedule, occurs_at), is_closed(schedule, occurs_at, now)
    if closed:
        raise KeyMessageError("This check has closed: answers can change only until the next message goes out.")
    group = _group(runtime, schedule, user_id, channel_id)
    with runtime.session() as session:
        token = token_of(secret, schedule_id, stamp, user_id)
        store.upsert_answer(
            session, schedule_id=schedule_id, occurs_at=occurs_at, token=token, group=group, score=score
        )
    log.info("clarity answer recorded: schedule=%s occurrence=%s", schedule_id, stamp)
    return Clarified(schedule_id, f"{schedule_id}:{stamp}", score, ends, schedule.zone)


def _parse(value: str) -> tuple[int, datetime, str, int]:
    parsed = parse_clarity_value(value)
    schedule_part, _, stamp = (parsed[0] if parsed else "").partition(":")
    schedule_id = parse_id(schedule_part)
    if parsed is None or schedule_id is None or not 1 <= parsed[1] <= 5:
        raise KeyMessageError(OUT_OF_DATE)
    try:
        return schedule_id, recurrence.parse_stamp(stamp), stamp, parsed[1]
    except ValueError as exc:
        raise KeyMessageError(OUT_OF_DATE) from exc


def _group(runtime: Runtime, schedule: KeySchedule, user_id: str, channel_id: str) -> str:
    """The person's reporting group: the audience source that reached them first (the channel, for a post). Asked
    of the directory outside any unit of work, for it may ask Slack."""
    sources = [channel_id] if schedule.mode == CHANNEL_MODE else list(schedule.audience)
    reached = _through(runtime, user_id) if schedule.mode == CASCADE_MODE else user_id
    try:
        found = next((s for s in sources if reached in runtime.directory.audience([s])), None)
    except DirectoryError as exc:
        raise KeyMessageError(f"Slack could not confirm who this was sent to ({exc.error}); try again.") from exc
    if found is None:
        raise KeyMessageError(NOT_A_RECIPIENT)
    return found


def _through(runtime: Runtime, user_id: str) -> str:
    """Sent through managers, a member's group is their manager's: the audience reached the manager, not them."""
    return next((manager for manager, members in lines(runtime).items() if user_id in members), user_id)


def understood(session: Any, schedule: KeySchedule, occurs_at: datetime, *, now: datetime, min_size: int) -> Understood:
    """One occurrence's "understood", as the disclosure gate lets any surface show it."""
    ends, closed = closes_at(schedule, occurs_at), is_closed(schedule, occurs_at, now)
    by_group: dict[str, list[store.Tally]] = {}
    for tally in store.tallies(session, schedule_id=schedule.id or 0, occurs_at=occurs_at):
        by_group.setdefault(tally.group, []).append(tally)
    cells = tuple(_cell(group, found) for group, found in by_group.items())
    respondents = {cell.group: cell.answers for cell in cells}
    aggregates = RoundAggregates(0, closed, cells, respondents, {}, closes_at=ends)
    gate = disclose(aggregates, min_size=min_size)
    whole = gate.figure(CLARITY_ID, WHOLE)
    shown = Understood(occurs_at, schedule.zone, gate.respondents, None if closed else ends, min_size=min_size)
    if whole is None:
        return shown
    groups = tuple((g, f.mean, f.answers) for g, f in gate.groups(CLARITY_ID))
    return replace(shown, mean=whole.mean, distribution=whole.distribution, groups=groups)


def _cell(group: str, tallies: list[store.Tally]) -> Cell:
    scores = [t.score for t in tallies]
    answers = sum(t.people for t in tallies)
    total = float(sum(t.score * t.people for t in tallies))
    spread = tuple((t.score, t.people) for t in tallies)
    return Cell(CLARITY_ID, CLARITY_ID, "likert5", group, answers, total, min(scores), max(scores), spread)


def check_of(
    session: Any, schedule: KeySchedule, occurs_at: datetime, *, now: datetime, min_size: int
) -> Understood | None:
    """An occurrence's "understood" as of `now` (open, or its figures once closed), or None without a check."""
    if not schedule.clarity or schedule.id is None:
        return None
    return understood(session, schedule, occurs_at, now=now, min_size=min_size)


def closed_between(
    session: Any, *, since: datetime, until: datetime, min_size: int
) -> list[tuple[KeySchedule, Understood]]:
    """The checks of occurrences sent before `since` that closed in the period up to `until`, oldest first. A check
    closes once, so of consecutive periods exactly one reports it: the message sent once, the last of a series or
    one sent less often than weekly, whose check is still open in the period it was sent in."""
    earliest = since - LONGEST - recurrence.LATEST_OFFSET
    return [
        (schedule, understood(session, schedule, o.occurs_at, now=until, min_size=min_size))
        for schedule, o in schedules.planned_with_check(session, since=earliest, until=since)
        if is_closed(schedule, o.occurs_at, until) and not is_closed(schedule, o.occurs_at, since)
    ]


def latest_understood(session: Any, schedule: KeySchedule, *, now: datetime, min_size: int) -> tuple[Understood, ...]:
    """The check's figures for a schedule's last two occurrences that went out, newest first."""
    if not schedule.clarity or schedule.id is None:
        return ()
    recent = schedules.recent_planned(session, schedule.id, limit=2)
    return tuple(understood(session, schedule, o.occurs_at, now=now, min_size=min_size) for o in recent)
