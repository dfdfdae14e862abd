"""Pulses asked at a humane hour: a round can open at the chosen time of each recipient's own day (from their Slack
time zone), and the one reminder reaches each non-responder at a waking hour of theirs, never after the round closes.

The team spans London, Madrid, New York, Singapore and Sydney (see `tests.e2e.conftest.PEOPLE`). Time moves an hour
at a time with a scheduler tick each hour, as the clock process would run it; each message's timestamp is the
moment the emulator received it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER
from tests.e2e.pulse_steps import answer, rounds, submit_new_pulse
from tests.e2e.working_hours_support import hour_by_hour, local_time
from tests.support.bot import BotUnderTest

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]


def test_the_pulse_form_offers_each_recipients_local_time_beside_the_organisations_zone(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    bot.command(LEADER, "/pulse", "new")
    view = slack.opened_views(LEADER)[-1]

    zone_field = next(b for b in view["blocks"] if b.get("block_id") == "zone")
    options = [o["text"]["text"] for o in zone_field["element"]["options"]]
    assert options == ["The organisation's time zone (Europe/London)", "Each recipient's local time"]


def test_a_pulse_in_local_time_reaches_each_person_at_nine_on_their_own_clock(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    reply = submit_new_pulse(bot, slack, zone="local")  # Monday 09:00, it is Monday 08:00 in London
    assert "goes out on Monday 30 November at 09:00 in each person's time zone" in json.dumps(reply.json["view"])

    hour_by_hour(bot, clock, 24 * 8)

    for person in TEAM:
        dms = slack.dms_to(person)
        assert len(dms) == 1, person
        received = local_time(person, dms[0].ts)
        assert (received.strftime("%A %d %B"), received.hour, received.minute) == ("Monday 30 November", 9, 0)


def test_a_round_in_local_time_closes_when_the_last_persons_window_has_passed(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    submit_new_pulse(bot, slack, zone="local", window="24")
    hour_by_hour(bot, clock, 24 * 7)
    with runtime.session() as session:
        (pulse_round,) = rounds(session)

    new_york_nine = datetime(2026, 11, 30, 14, tzinfo=UTC)  # the last of the team to reach Monday 09:00
    assert pulse_round.closes_at == new_york_nine + timedelta(hours=24)
    assert "Tue 01 Dec 14:00 UTC" in json.dumps(slack.dms_to(ERIN)[0].blocks)  # what the DM says, fallback text


def test_each_non_responder_is_reminded_once_at_a_waking_hour_of_their_own_zone(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    submit_new_pulse(bot, slack)  # Monday 09:00 London, open 72 hours: halfway is Tuesday 21:00 in London
    hour_by_hour(bot, clock, 1)
    answer(bot, slack, ALICE, 1, 4)
    halfway = clock.now() + timedelta(hours=36)

    hour_by_hour(bot, clock, 80)

    assert len(slack.dms_to(ALICE)) == 1
    for person in (BOB, CAROL, DAN, ERIN, CHAMPION):
        _invitation, reminder = slack.dms_to(person)
        assert "*Reminder:*" in json.dumps(reminder.blocks)
        at = local_time(person, reminder.ts)
        assert 9 <= at.hour < 17 or (at.hour, at.minute) == (17, 0), (person, at)
        assert halfway <= at < halfway + timedelta(hours=36)
    assert local_time(DAN, slack.dms_to(DAN)[1].ts).strftime("%a %H:%M") == "Wed 09:00"  # not Tuesday 22:00
    assert local_time(BOB, slack.dms_to(BOB)[1].ts).strftime("%a %H:%M") == "Tue 16:00"  # halfway, in his afternoon
