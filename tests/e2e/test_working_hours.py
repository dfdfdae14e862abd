"""Working hours and public holidays end to end: admins give channels and user groups a holiday calendar with
`/cadence holidays`, and a key message that would reach someone outside their working hours (Monday to Friday,
08:00 to 18:00 in their own Slack time zone) or on one of their holidays arrives on their next working morning,
once. Time moves an hour at a time with a scheduler tick each hour; a message's timestamp is when Slack got it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from emulator.faults import Fault
from storage import calendars
from storage.models import AuditEntry
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, DAN, LEADER, SUPPORT_GROUP, TEAM_A
from tests.e2e.keymessage_support import key_of, schedule
from tests.e2e.working_hours_support import (
    MANILA,
    MARIA,
    WORKING_WEEK,
    hour_by_hour,
    local_time,
    workspace_with_manila,
)
from tests.support.bot import BotUnderTest


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_manila()


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return WORKING_WEEK


def key_dms(slack: SlackEmulator, user: str) -> list:
    return [m for m in slack.dms_to(user) if key_of({"metadata": m.metadata}).startswith("keymsg:")]


def arrival(slack: SlackEmulator, user: str) -> str:
    """When the one key message reached `user`, on their own clock."""
    [dm] = key_dms(slack, user)
    return local_time(user, dm.ts).strftime("%a %d %b %H:%M")


def holidays(bot: BotUnderTest, text: str, user: str = ADMIN) -> str:
    return bot.command(user, "/cadence", f"holidays {text}").text


def test_a_message_due_at_five_local_time_arrives_at_eight_and_one_due_on_a_holiday_the_next_morning(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    assert "follows the public holidays of PH" in holidays(bot, f"<#{MANILA}|manila> PH")

    reply = schedule(bot, slack, channels=[MANILA], groups=SUPPORT_GROUP, date="2026-11-30", time="05:00", zone="local")

    preview = json.dumps(reply.json["view"])
    assert "Manila (1 person): 08:00 Tue 1 Dec, after the holiday" in preview  # Bonifacio Day, first
    assert "London (1 person): 08:00 Mon 30 Nov, before working hours" in preview
    clock.set(datetime(2026, 11, 29, 0, 0, tzinfo=UTC))
    hour_by_hour(bot, clock, 24 * 4)

    assert arrival(slack, MARIA) == "Tue 01 Dec 08:00"
    assert arrival(slack, ALICE) == "Mon 30 Nov 08:00"
    assert arrival(slack, BOB) == "Mon 30 Nov 08:00"
    assert arrival(slack, CAROL) == "Mon 30 Nov 08:00"


def test_a_person_follows_the_calendar_assigned_first_to_a_group_of_theirs_else_the_default(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    holidays(bot, f"<!subteam^{SUPPORT_GROUP}|@support> US")  # Alice, Bob, Carol
    holidays(bot, f"<#{TEAM_A}|team-a> GB")  # everyone in the team; made second
    holidays(bot, "default PH")
    listed = holidays(bot, "")
    assert listed.index(f"<!subteam^{SUPPORT_GROUP}>: US") < listed.index(f"<#{TEAM_A}>: GB")
    assert "The organisation's default: PH" in listed and "Mon-Fri 08:00-18:00" in listed

    schedule(bot, slack, channels=[TEAM_A, MANILA], date="2026-12-25", time="10:00", zone="Europe/London")
    clock.set(datetime(2026, 12, 24, 0, 0, tzinfo=UTC))
    hour_by_hour(bot, clock, 24 * 6)

    assert arrival(slack, ALICE) == "Mon 28 Dec 08:00"  # US: only Christmas Day
    assert arrival(slack, DAN) == "Tue 29 Dec 08:00"  # GB: Boxing Day is observed on Monday
    assert arrival(slack, MARIA) == "Mon 28 Dec 08:00"  # the default, PH: Christmas Eve and Day


def test_only_admins_may_assign_holidays_and_a_bad_calendar_is_refused_naming_what_to_change(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime
) -> None:
    assert "/cadence holidays" in bot.command(ADMIN, "/cadence", "help").text
    assert "/cadence holidays" not in bot.command(LEADER, "/cadence", "help").text
    assert "Only programme admins" in holidays(bot, f"<#{MANILA}|manila> PH", user=LEADER)
    assert "`XX` is not a country code" in holidays(bot, f"<#{MANILA}|manila> XX")
    assert "`ZZ` is not a subdivision of US" in holidays(bot, "default US ZZ")
    assert "`#manila` is not a channel or user group" in holidays(bot, "#manila PH")
    slack.faults.add(Fault.error("usergroups.list", "missing_scope"))
    assert "Slack could not list user groups (missing_scope)" in holidays(bot, "@nobody PH")
    assert "I can't find the user group @nobody: use its @handle or its ID (S…)." in holidays(bot, "@nobody PH")
    assert "Use `/cadence holidays #channel COUNTRY" in holidays(bot, "default")
    assert "has no holiday calendar to remove" in holidays(bot, "default off")
    with runtime.session() as session:
        assert list(calendars.assignments(session)) == []

    assert "I can't find the user group S0NOSUCH" in holidays(bot, "S0NOSUCH PH")
    assert "I can't find the user group S0GONE" in holidays(bot, "<!subteam^S0GONE|@gone> off")
    with runtime.session() as session:
        assert list(calendars.assignments(session)) == []

    assert "follows the public holidays of US CA" in holidays(bot, f"{SUPPORT_GROUP} us ca")
    assert "has no holiday calendar of its own now" in holidays(bot, f"<!subteam^{SUPPORT_GROUP}|@support> off")
    with runtime.session() as session:
        assert list(calendars.assignments(session)) == []
        actions = [e.action for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
    assert actions == ["holidays.assigned", "holidays.removed"]


def test_admins_change_the_working_hours_in_slack(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    assert "is changed" in bot.command(ADMIN, "/cadence", "set working-hours Mon-Fri 10:00-16:00").text
    assert "working days and hours such as Mon-Fri" in bot.command(ADMIN, "/cadence", "set working-hours 9-5").text
    assert "Mon-Fri 10:00-16:00" in holidays(bot, "")

    schedule(bot, slack, channels=[MANILA], date="2026-11-24", time="09:00", zone="local")
    hour_by_hour(bot, clock, 24 * 3)

    assert arrival(slack, MARIA) == "Tue 24 Nov 10:00"


def test_a_channel_post_follows_the_channels_own_calendar_in_the_schedules_zone(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    holidays(bot, f"<#{MANILA}|manila> PH")

    schedule(
        bot, slack, channels=[MANILA, TEAM_A], mode="channel", date="2026-11-30", time="10:00", zone="Asia/Singapore"
    )
    clock.set(datetime(2026, 11, 29, 0, 0, tzinfo=UTC))
    hour_by_hour(bot, clock, 24 * 4)

    def posted(channel: str) -> list[str]:
        return [local_time(MARIA, m.ts).strftime("%a %d %b %H:%M") for m in slack.messages(channel)]

    assert posted(MANILA) == ["Tue 01 Dec 08:00"]  # Bonifacio Day in the Philippines
    assert posted(TEAM_A) == ["Mon 30 Nov 10:00"]  # no calendar of its own, and no default
