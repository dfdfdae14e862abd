"""Key messages end to end: compose, preview, validate, and deliver exactly once, through the real app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, GENERAL, LEADER, SUPPORT_GROUP, TEAM_A
from tests.e2e.keymessage_support import TEAM_A_PEOPLE, errors_of, key_posts, schedule
from tests.support.bot import BotUnderTest

TEAM_A_IDS = ("U0ALICE", "U0BOB", "U0CAROL", "U0DAN", "U0ERIN", CHAMPION)


def key_dms(slack: SlackEmulator, user: str) -> list:
    return [
        m
        for m in slack.dms_to(user)
        if (m.metadata or {}).get("event_payload", {}).get("key", "").startswith("keymsg:")
    ]


def test_everyone_sees_the_promise_statement_and_values(bot: BotUnderTest) -> None:
    reply = bot.command(ALICE, "/promise")

    assert "feel known, helped and respected" in reply.text
    assert "We own it" in reply.text
    assert "No key messages have gone out yet" in reply.text


def test_only_leaders_and_admins_may_schedule(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(ALICE, "/promise", "schedule")

    assert "Only leaders and programme admins" in reply.text
    assert slack.opened_views(ALICE) == []
    assert "Only leaders" in bot.command(ALICE, "/promise", "list").text


def test_unknown_subcommand_says_what_to_type(bot: BotUnderTest) -> None:
    assert "/promise schedule" in bot.command(LEADER, "/promise", "frobnicate").text


def test_once_message_reaches_every_member_by_dm_exactly_once_at_its_time(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    reply = schedule(bot, slack)
    assert reply.json["response_action"] == "update"
    assert "Tue 24 Nov 2026, 09:00 Europe/London" in str(reply.json["view"])

    bot.tick()
    assert key_dms(slack, ALICE) == []  # not due yet

    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    bot.tick()
    bot.tick()

    for user in TEAM_A_IDS:
        [dm] = key_dms(slack, user)
        assert "Our promise starts with *you*." in str(dm.blocks)
    assert key_dms(slack, LEADER) == []  # not in team-a
    assert len(key_posts(slack)) == TEAM_A_PEOPLE
    assert "Our promise starts" in bot.command(ALICE, "/promise").text  # the latest key messages


def test_a_user_group_is_given_by_handle_or_id_and_each_member_is_reached_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    reply = schedule(bot, slack, channels=[TEAM_A], groups=f"{SUPPORT_GROUP}")
    assert reply.json["response_action"] == "update"

    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    bot.tick()

    assert len(key_dms(slack, ALICE)) == 1  # in team-a and in the support group: still once
    assert len(key_posts(slack)) == TEAM_A_PEOPLE


def test_a_user_group_typed_as_its_handle_is_looked_up_and_an_unknown_one_is_a_field_error(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    assert schedule(bot, slack, channels=None, groups="@Support").json["response_action"] == "update"
    assert errors_of(schedule(bot, slack, channels=None, groups="@nobody"))["groups"] == (
        "I can't find the user group @nobody: use its @handle or its ID (S…)."
    )


def test_a_handle_slack_cannot_look_up_says_to_give_the_groups_id(bot: BotUnderTest, slack: SlackEmulator) -> None:
    slack.faults.add(Fault.error("usergroups.list", "missing_scope"))

    errors = errors_of(schedule(bot, slack, channels=None, groups="@support"))

    assert errors["groups"] == "Slack could not list user groups (missing_scope): give the group's ID (S…) instead."


def test_channel_mode_posts_once_in_each_channel(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    schedule(bot, slack, channels=[GENERAL, TEAM_A], mode="channel")

    clock.set(datetime(2026, 11, 24, 9, 1, tzinfo=UTC))
    bot.tick()
    bot.tick()

    assert [len(slack.messages(c)) for c in (GENERAL, TEAM_A)] == [1, 1]
    assert key_dms(slack, ALICE) == []


def test_preview_is_dmed_to_the_leader_and_sends_nothing_to_the_audience(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    schedule(bot, slack, library="moments-of-truth", text=None, prompt="map-touch-points", preview=["yes"])

    bot.tick()

    [preview] = slack.dms_to(LEADER)
    shown = str(preview.blocks)
    assert "Preview" in shown and "Moments of truth at every touch-point" in shown
    assert "discuss with your team" in shown
    assert key_dms(slack, ALICE) == []


@pytest.mark.parametrize(
    ("values", "field", "says"),
    [
        ({"date": "2026-11-20"}, "date", "in the past"),
        ({"text": None}, "text", "Write a message"),
        ({"text": "x" * 3000}, "text", "keep it under"),
        ({"channels": None}, "channels", "at least one channel"),
        ({"kind": "weekly"}, "weekdays", "at least one day"),
        ({"kind": "every_n_weeks", "weekdays": ["0"], "interval": "many"}, "interval", "from 2 to 52"),
        ({"kind": "weekly", "weekdays": ["0"], "until": "2026-11-01"}, "until", "on or after the first date"),
        ({"mode": "channel", "zone": "local"}, "zone", "no local time"),
        ({"mode": "channel", "groups": SUPPORT_GROUP}, "groups", "no channel to post in"),
        ({"groups": "S0NOSUCH"}, "groups", "can't find the user group"),
    ],
)
def test_compose_refuses_what_cannot_be_scheduled_with_a_field_error(
    bot: BotUnderTest, slack: SlackEmulator, values: dict, field: str, says: str
) -> None:
    errors = errors_of(schedule(bot, slack, **values))

    assert says in errors[field]
    assert "No schedules yet" in bot.command(LEADER, "/promise", "list").text  # nothing half-saved


def test_permanent_failures_are_recorded_per_recipient_and_the_rest_still_go(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.error("chat.postMessage", "account_inactive", when=lambda a: a.get("channel") == BOB))
    slack.faults.add(Fault.rate_limited("chat.postMessage", retry_after=3, times=2))
    slack.faults.add(Fault.server_error("chat.postMessage", status=503, times=1))
    schedule(bot, slack)

    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    bot.tick()
    clock.advance(timedelta(minutes=2))
    bot.tick()

    assert key_dms(slack, BOB) == []
    assert all(len(key_dms(slack, u)) == 1 for u in TEAM_A_IDS if u != BOB)
    listing = bot.command(LEADER, "/promise", "list").text
    assert "5 delivered · 1 failed" in listing


def test_admin_list_shows_every_leaders_schedules(bot: BotUnderTest, slack: SlackEmulator) -> None:
    schedule(bot, slack)

    listing = bot.command(ADMIN, "/promise", "list").text
    assert "#1 Our promise starts" in listing
    assert f"owner <@{LEADER}>" in listing
    assert "Only leaders" in bot.command(CHAMPION, "/promise", "list").text
