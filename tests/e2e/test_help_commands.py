"""Help where people type it: `/pulse help`, `/promise help` and `/shoutout help` answer privately with that
command's part of `/cadence help`, as the person's roles allow."""

from __future__ import annotations

from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, LEADER
from tests.support.bot import BotUnderTest


def test_pulse_help_lists_what_each_person_may_do_with_pulse(bot: BotUnderTest) -> None:
    employee = bot.command(ALICE, "/pulse", "help").text
    leader = bot.command(LEADER, "/pulse", "help").text

    assert "/pulse — what you can do" in employee and "`/pulse` — Your open pulses" in employee
    assert "/pulse new" not in employee and "/pulse results" not in employee
    assert "`/pulse new` — Start a pulse" in leader and "/pulse results [latest|round]" in leader
    assert "/promise" not in leader and "/shoutout" not in leader


def test_promise_help_shows_scheduling_only_to_leaders_and_admins(bot: BotUnderTest) -> None:
    employee = bot.command(ALICE, "/promise", "help").text
    leader = bot.command(LEADER, "/promise", "help").text

    assert "`/promise` — Our customer promise" in employee and "/promise schedule" not in employee
    assert "/promise schedule" in leader and "/promise list" in leader and "/pulse" not in leader


def test_shoutout_help_answers_with_help_instead_of_opening_the_form(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(ALICE, "/shoutout", "help")

    assert "/shoutout — what you can do" in reply.text and "/shoutout stats" in reply.text
    assert slack.opened_views(ALICE) == []
    assert "`/cadence help` shows everything you can do" in reply.text
