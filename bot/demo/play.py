"""Weeks of a Cadence programme, played on a manual clock: people act through Slack requests, and the scheduler's
tick does the clock's work (key messages, pulse rounds and reminders, digests) exactly as the `clock` process does.

Each week: the key message reaches every front-line person on Tuesday at 09:30 their time and some click "Got it"
or "Discussed with my team"; the pulse opens on Wednesday at 10:00 (London), people answer at lunchtime their time,
the reminder brings in some of the rest, and the round closes on Saturday; shout-outs arrive by command, by
"Recognise this" and by reaction; on Monday at 09:00 the champions' digest covers the week before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.demo import actions
from bot.demo.actions import DemoSlack
from bot.demo.model import WORDED, PeopleModel
from bot.demo.organisation import ORG_TIMEZONE, Organisation
from bot.jobs import tick
from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from storage import deliveries

START = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
"""A Monday, just after the week's digest slot: the first digest covers the programme's first full week."""
PULSE_WEEKDAY, KEY_MESSAGE_WEEKDAY = 2, 1
PULSE_OPENS, PULSE_WINDOW = time(10, 0), timedelta(hours=72)
KEY_MESSAGE_AT = time(9, 30)
DIGEST_AT = time(9, 0)
TICK_EVERY = timedelta(hours=24)

Step = tuple[datetime, Callable[[], None]]


@dataclass(frozen=True)
class Played:
    weeks: int
    employee: str
    """A front-line person whose messages and Home the page shows."""
    composer: dict[str, Any]
    """The leader's key-message composer as they filled it in, just before scheduling."""


class Play:
    def __init__(self, client: DemoSlack, runtime: Runtime, clock: ManualTime, org: Organisation, seed: int):
        self.client = client
        self.runtime = runtime
        self.clock = clock
        self.org = org
        self.model = PeopleModel(org, seed)
        self.london = ZoneInfo(ORG_TIMEZONE)

    def run(self, weeks: int) -> Played:
        tick(self.runtime)  # the clock starts watching the champions' channel
        first_tuesday = START.date() + timedelta(days=KEY_MESSAGE_WEEKDAY)
        composer = actions.schedule_key_message(self.client, self.org, first_tuesday, KEY_MESSAGE_AT)
        actions.start_weekly_pulse(self.client, self.org, PULSE_WEEKDAY, PULSE_OPENS, PULSE_WINDOW)
        for week in range(weeks):
            self._play(self._week(week, START.date() + timedelta(weeks=week)))
        self.advance_to(START + timedelta(weeks=weeks))  # the last week's digest
        employee = self.org.teams[0].members[1]
        for person in (employee, self.org.champions[0], self.org.leader, self.org.owner):
            actions.open_home(self.client, person)
        actions.see_latest_results(self.client, self.org.owner)
        return Played(weeks, employee, composer)

    def carry_on(self, until: datetime, guard: Callable[[Callable[[], None]], None]) -> None:
        """Play what the organisation's people do from now until `until`, then move the clock there. Each step runs
        through `guard`, which decides what a refused step means (the sandbox carries on without it)."""
        start = self.clock.now()
        first, last = ((moment.date() - START.date()).days // 7 for moment in (start, until))
        for week in range(first, last + 1):
            steps = self._week(week, START.date() + timedelta(weeks=week))
            self._play([(when, _bind(guard, step)) for when, step in steps if start < when <= until])
        self.advance_to(until)

    def _play(self, steps: list[Step]) -> None:
        for when, step in sorted(steps, key=lambda s: s[0]):
            self.advance_to(when)
            step()

    def advance_to(self, when: datetime) -> None:
        """Move the clock to `when` and tick there, ticking at least every `TICK_EVERY` on the way.

        The clock process ticks every few seconds; ticking only when something falls due (the week's `_due`
        moments, the outbox's retries) and at each person's action gives the same deliveries in a fraction of the
        ticks."""
        while self.clock.now() < when:
            self.clock.set(min(when, self.clock.now() + TICK_EVERY, self._next_retry() or when))
            tick(self.runtime)

    def _next_retry(self) -> datetime | None:
        """When the outbox next has something due (a retry after Slack failed): the clock process would be there."""
        with self.runtime.session() as session:
            return deliveries.next_attempt_after(session, now=self.clock.now())

    def _week(self, week: int, monday: date) -> list[Step]:
        due = [(when, _nothing) for when in self._due(monday)]
        people = [*self._key_message_clicks(monday), *self._pulse_answers(week, monday), *self._shoutouts(monday)]
        return due + people

    def _due(self, monday: date) -> list[datetime]:
        """When the clock has work this week: the key message in each team's zone, the pulse's opening, reminder
        and close, and next Monday's digest."""
        tuesday = monday + timedelta(days=KEY_MESSAGE_WEEKDAY)
        opens = self._pulse_opens(monday)
        digest = datetime.combine(monday + timedelta(weeks=1), DIGEST_AT, tzinfo=self.london)
        key_messages = [_local(tuesday, KEY_MESSAGE_AT, team.zone) for team in self.org.teams]
        return [*key_messages, opens, opens + PULSE_WINDOW / 2, opens + PULSE_WINDOW, digest]

    def _pulse_opens(self, monday: date) -> datetime:
        return datetime.combine(monday + timedelta(days=PULSE_WEEKDAY), PULSE_OPENS, tzinfo=self.london)

    def _key_message_clicks(self, monday: date) -> list[Step]:
        tuesday = monday + timedelta(days=KEY_MESSAGE_WEEKDAY)
        steps: list[Step] = []
        for team in self.org.teams:
            when = _local(tuesday, time(11, 0), team.zone)
            for person in team.members:
                got_it, discussed = self.model.acknowledges(person)
                if got_it or discussed:
                    steps.append((when, _bind(actions.acknowledge_key_message, self.client, person, got_it, discussed)))
        return steps

    def _pulse_answers(self, week: int, monday: date) -> list[Step]:
        opens = self._pulse_opens(monday)
        reminded = opens + PULSE_WINDOW / 2
        steps: list[Step] = []
        for reply in self.model.pulse_replies(week):
            zone = self.org.team_of(reply.user_id).zone
            when = _next_local(reminded if reply.after_reminder else opens, time(12, 0), zone)
            steps.append((when, _bind(actions.answer_pulse, self.client, reply)))
        return steps

    def _shoutouts(self, monday: date) -> list[Step]:
        given = self.model.shoutouts(7)
        steps: list[Step] = []
        for day, shoutout in enumerate(given[:WORDED]):
            when = _local(monday + timedelta(days=day), time(15, 0), self.org.team_of(shoutout.giver).zone)
            steps.append((when, _bind(actions.shoutout_by_command, self.client, self.org, shoutout)))
        for day, shoutout in enumerate(given[WORDED:6], start=1):
            author, giver = shoutout.recipients[0], shoutout.giver
            when = _local(monday + timedelta(days=day * 2), time(16, 0), self.org.team_of(giver).zone)
            win = self.model.customer_win()
            steps.append((when, _bind(actions.shoutout_by_shortcut, self.client, author, giver, win)))
        for shoutout in given[6:]:
            when = _local(monday + timedelta(days=3), time(11, 0), self.org.team_of(shoutout.giver).zone)
            win = self.model.customer_win()
            steps.append(
                (
                    when,
                    _bind(actions.shoutout_by_reaction, self.client, shoutout.recipients[0], shoutout.giver, win.text),
                )
            )
        return steps


def _local(day: date, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def _next_local(after: datetime, at: time, zone: str) -> datetime:
    """The first `at` o'clock in `zone` after `after`."""
    day = after.astimezone(ZoneInfo(zone)).date()
    candidate = _local(day, at, zone)
    return candidate if candidate > after else _local(day + timedelta(days=1), at, zone)


def _nothing() -> None:
    """A moment the clock has work: `_advance_to` ticks there."""


def _bind(function: Callable[..., None], *args: object) -> Callable[[], None]:
    return lambda: function(*args)
