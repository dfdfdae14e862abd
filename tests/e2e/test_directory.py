"""The kept directory end to end: Slack's events change who a fan-out reaches, and a second fan-out to the same
audience asks Slack nothing about who is in it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.platform.directory import DirectoryError
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, CHAMPIONS, DAN, ERIN, LEADER, TEAM_A
from tests.e2e.keymessage_support import key_posts, schedule
from tests.support.bot import TEAM_ID, BotUnderTest

NINE, TEN = datetime(2026, 11, 24, 9, 0, tzinfo=UTC), datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
DIRECTORY_METHODS = ("users.list", "users.info", "conversations.members")
NEWCOMER = "U0NEWBIE"


def fan_out_at_nine_and_ten(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    """Two key messages to #team-a, by DM, an hour apart; the first goes out at nine."""
    schedule(bot, slack, time="09:00")
    schedule(bot, slack, time="10:00", text="The second one.")
    clock.set(NINE)
    bot.tick()


def second_fan_out(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> set[str]:
    """Who the ten o'clock message reached, counting only what Slack was asked from now on."""
    slack.reset_calls()
    clock.set(TEN)
    bot.tick()
    return set(key_posts(slack))


def directory_calls(slack: SlackEmulator) -> list[str]:
    return [c.method for c in slack.calls if c.method in DIRECTORY_METHODS]


def member_event(kind: str, user: str) -> dict[str, object]:
    return {"type": kind, "user": user, "channel": TEAM_A, "channel_type": "C", "team": TEAM_ID}


def test_a_second_fan_out_to_the_same_audience_asks_slack_nothing_about_it(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    fan_out_at_nine_and_ten(bot, slack, clock)
    first = set(key_posts(slack))

    second = second_fan_out(bot, slack, clock)

    assert first == second == {ALICE, BOB, CAROL, DAN, ERIN, CHAMPION}
    assert directory_calls(slack) == []


def test_a_member_joining_the_channel_is_reached_without_fetching_the_channel_again(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    fan_out_at_nine_and_ten(bot, slack, clock)
    newcomer = {"id": NEWCOMER, "name": "nia", "real_name": "Nia New", "tz": "Europe/Paris", "deleted": False}
    slack.workspace.add_user(NEWCOMER, name="nia", real_name="Nia New", tz="Europe/Paris")
    slack.workspace.channels[TEAM_A].members.append(NEWCOMER)

    bot.event({"type": "team_join", "user": newcomer})
    bot.event(member_event("member_joined_channel", NEWCOMER))
    second = second_fan_out(bot, slack, clock)

    assert NEWCOMER in second
    assert directory_calls(slack) == []


def test_a_member_leaving_the_channel_is_not_reached(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    fan_out_at_nine_and_ten(bot, slack, clock)
    slack.workspace.channels[TEAM_A].members.remove(BOB)

    bot.event(member_event("member_left_channel", BOB))
    second = second_fan_out(bot, slack, clock)

    assert BOB not in second and ALICE in second
    assert directory_calls(slack) == []


def test_a_deactivated_person_is_unreachable_from_the_event_on(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    fan_out_at_nine_and_ten(bot, slack, clock)
    slack.workspace.users[CAROL].deleted = True
    deactivated = {"id": CAROL, "name": "carol", "real_name": "Carol Chen", "tz": "Asia/Singapore", "deleted": True}

    bot.event({"type": "user_change", "user": deactivated})
    second = second_fan_out(bot, slack, clock)

    assert CAROL not in second and ALICE in second
    assert directory_calls(slack) == []


def test_a_join_in_a_channel_cadence_does_not_keep_stores_nothing_and_the_channel_is_fetched_when_needed(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    bot.event(member_event("member_joined_channel", ALICE))

    members = bot.runtime.directory.channel_members(TEAM_A)

    assert set(members) == {ALICE, BOB, CAROL, DAN, ERIN, CHAMPION, slack.workspace.bot_user_id}
    assert [c.method for c in slack.calls_to("conversations.members")] == ["conversations.members"]


def test_people_fetched_before_slack_failed_are_not_fetched_again(bot: BotUnderTest, slack: SlackEmulator) -> None:
    slack.faults.add(Fault.server_error("users.info", when=lambda args: args.get("user") == DAN))

    with pytest.raises(DirectoryError):
        bot.runtime.directory.audience([TEAM_A])
    slack.reset_calls()
    again = bot.runtime.directory.audience([TEAM_A])

    assert set(again) == {ALICE, BOB, CAROL, DAN, ERIN, CHAMPION}
    asked = [c.args["user"] for c in slack.calls_to("users.info")]
    assert DAN in asked and not {ALICE, BOB, CAROL} & set(asked)


def test_a_resolved_audience_is_read_in_batches_each_reachable_person_once_without_asking_slack(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    audience = bot.runtime.directory.resolve([CAROL, TEAM_A, CHAMPIONS, ALICE])
    slack.reset_calls()

    batches = list(audience.batches(size=2))

    people = [p.id for batch in batches for p in batch]
    assert people[:2] == [CAROL, ALICE]  # the people named, then the channels' members in id order
    assert sorted(people) == sorted({ALICE, BOB, CAROL, DAN, ERIN, CHAMPION, ADMIN, LEADER})
    assert all(len(batch) <= 2 for batch in batches)
    assert slack.calls == []
