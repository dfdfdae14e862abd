"""Attacks on `/cadence holidays` and `/cadence set working-hours`, played from outside with signed slash commands:
the commands from people who are not admins, and junk in every word. Each is refused privately saying what to
change; nothing is stored and the working hours in force stay."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.platform.runtime import Runtime
from emulator import SlackEmulator
from storage import calendars
from storage.models import AuditEntry
from tests.e2e.conftest import ADMIN, ALICE, ALWAYS_WORKING, CHAMPION, LEADER, TEAM_A
from tests.support.bot import BotUnderTest

USAGE = "Use `/cadence holidays #channel COUNTRY"
HOURS_HINT = "working days and hours such as Mon-Fri"


def said(bot: BotUnderTest, user: str, text: str) -> str:
    reply = bot.command(user, "/cadence", text)
    assert reply.status == 200 and reply.json.get("response_type", "ephemeral") == "ephemeral", reply.body
    return reply.text


def nothing_stored(runtime: Runtime) -> None:
    with runtime.session() as session:
        assert list(calendars.assignments(session)) == []
        assert session.exec(select(AuditEntry)).all() == []
    assert runtime.config.settings().working_hours.describe() == ALWAYS_WORKING


@pytest.mark.parametrize("person", [LEADER, CHAMPION, ALICE])
@pytest.mark.parametrize(
    "text", [f"holidays <#{TEAM_A}|team-a> PH", "holidays default off", "set working-hours Mon-Fri 09:00-17:00"]
)
def test_someone_who_is_not_an_admin_is_refused(bot: BotUnderTest, runtime: Runtime, person: str, text: str) -> None:
    assert "Only programme admins" in said(bot, person, text)
    nothing_stored(runtime)


@pytest.mark.parametrize(
    ("words", "answer"),
    [
        (f"<#{TEAM_A}|team-a> ＧＢ", "is not a country code"),
        (f"<#{TEAM_A}|team-a> =HYPERLINK(1)", "is not a country code"),
        (f"<#{TEAM_A}|team-a> {'X' * 5000}", "is not a country code"),
        (f"<#{TEAM_A}|team-a> US {'Z' * 5000}", "is not a subdivision of US"),
        (f"<#{TEAM_A}|team-a> GB ENG extra", USAGE),
        (f"<#{TEAM_A}|team-a>", USAGE),
        ("<!channel> GB", "is not a channel or user group"),
        ("<!here> GB", "is not a channel or user group"),
        (f"<@{ALICE}|alice> GB", "is not a channel or user group"),
        ("#general GB", "is not a channel or user group"),
        ("@nosuchgroup GB", "I can't find the user group @nosuchgroup"),
        ("C0NOSUCH GB", "Slack knows no channel C0NOSUCH"),
        ("S0NOSUCH GB", "I can't find the user group S0NOSUCH"),
        ("DEFAULT off", "has no holiday calendar to remove"),
        (f"<#{TEAM_A}|team-a> off", "has no holiday calendar to remove"),
    ],
)
def test_junk_in_holidays_is_refused_saying_what_to_change(
    bot: BotUnderTest, runtime: Runtime, words: str, answer: str
) -> None:
    assert answer in said(bot, ADMIN, f"holidays {words}")
    nothing_stored(runtime)


@pytest.mark.parametrize(
    "hours",
    [
        "Mon-Fri 25:00-26:00",
        "Mon-Fri 18:00-08:00",
        "Mon-Fri 09:00-09:00",
        "Mon-Fri 09:60-17:00",
        "Xyz-Fri 09:00-17:00",
        "Mon-Fri 9-5",
        "Mon-Fri 09:00-17:00 and weekends",
        "=HYPERLINK(1)",
        "Mon-Fri ²9:00-17:00",
        "M" * 10_000,
    ],
)
def test_junk_working_hours_are_refused_and_the_hours_in_force_stay(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, hours: str
) -> None:
    answer = said(bot, ADMIN, f"set working-hours {hours}")

    assert "is changed" not in answer and ("Mon-Fri 08:00-18:00" in answer or HOURS_HINT in answer), answer
    nothing_stored(runtime)
