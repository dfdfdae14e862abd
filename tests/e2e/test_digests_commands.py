"""`/cadence digest now` and `/cadence digest setup`: who may use them, and what a refusal says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage import digests as store
from storage.db import session_scope
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, CHAMPIONS, DAN, GENERAL, SUPPORT_GROUP, TEAM_A
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData


def test_champion_posts_the_digest_now_in_the_channel_they_typed_in(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    ProgrammeData(bot.runtime.engine).shoutout(
        giver=ALICE, recipients=[BOB], at=clock.now() - timedelta(days=1), behaviour="own-it", message="<b>hi</b> @here"
    )

    reply = bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)

    assert reply.status == 200
    [digest] = slack.messages(CHAMPIONS)
    assert "1 shout-out" in str(digest.blocks)
    assert "&lt;b&gt;hi&lt;/b&gt; @here" in str(digest.blocks)
    [answer] = slack.ephemerals(channel=CHAMPIONS, user=CHAMPION)
    assert "Posted the digest" in answer.text


def test_digest_now_names_a_channel_and_a_second_request_posts_again(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    bot.command(ADMIN, "/cadence", f"digest now <#{CHAMPIONS}|champions>", channel=GENERAL)
    clock.advance(timedelta(minutes=1))
    bot.command(ADMIN, "/cadence", f"digest now {CHAMPIONS}", channel=GENERAL)

    assert len(slack.messages(CHAMPIONS)) == 2
    assert "A quiet week" in str(slack.messages(CHAMPIONS)[0].blocks)


def test_digest_now_in_a_channel_without_a_digest_says_what_to_do(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(CHAMPION, "/cadence", "digest now", channel=GENERAL)

    [answer] = slack.ephemerals(channel=GENERAL, user=CHAMPION)
    assert "is not a digest channel" in answer.text and "ask <@U0ADMIN>, the programme owner" in answer.text
    assert slack.messages(GENERAL) == []


def test_an_employee_may_not_post_a_digest(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(ALICE, "/cadence", "digest now", channel=CHAMPIONS)

    assert "Only change champions and admins" in reply.text
    assert slack.messages(CHAMPIONS) == []


def test_a_champion_not_in_a_champions_channel_may_not_post_its_digest(make_bot, slack: SlackEmulator) -> None:
    bot = make_bot(CADENCE_CHAMPIONS=f"{CHAMPION},{DAN}")

    reply = bot.command(DAN, "/cadence", f"digest now <#{CHAMPIONS}|champions>", channel=GENERAL)

    assert f"Only admins and the change champions in <#{CHAMPIONS}>" in reply.text
    assert f"<@{ADMIN}>" in reply.text  # whom to ask: the programme owner
    assert slack.messages(CHAMPIONS) == []
    assert slack.ephemerals(user=DAN) == []  # the refusal is the private answer to the command, nothing more


def test_only_admins_may_open_the_setup(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(CHAMPION, "/cadence", "digest setup", channel=CHAMPIONS)

    assert "Only Cadence admins" in reply.text
    assert slack.opened_views(CHAMPION) == []


def test_admin_sets_up_a_team_channel_with_its_own_slot(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ADMIN, "/cadence", "digest setup", channel=TEAM_A)
    [view] = slack.opened_views(ADMIN)

    reply = bot.submit(
        ADMIN,
        view,
        {
            "digest_channel": TEAM_A,
            "digest_scope": "usergroup",
            "digest_scope_group": f"<!subteam^{SUPPORT_GROUP}|@support>",
            "digest_weekday": "4",
            "digest_time": "16:30",
            "digest_timezone": "Asia/Singapore",
        },
    )

    assert reply.json["response_action"] == "update"
    with session_scope(bot.runtime.engine) as session:
        [row] = store.configured_channels(session)
        assert (row.channel, row.scope_kind, row.scope_ids, row.weekday) == (TEAM_A, "usergroup", [SUPPORT_GROUP], 4)
        assert (row.at_time.isoformat(timespec="minutes"), row.timezone) == ("16:30", "Asia/Singapore")


def test_setup_errors_name_the_field_to_fix(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ADMIN, "/cadence", "digest setup", channel=TEAM_A)
    [view] = slack.opened_views(ADMIN)

    reply = bot.submit(
        ADMIN,
        view,
        {"digest_channel": TEAM_A, "digest_scope": "channel", "digest_time": "09:00", "digest_timezone": "Mars/Base"},
    )

    errors = reply.json["errors"]
    assert set(errors) == {"digest_scope_channel", "digest_timezone"}
    assert "Mars/Base" in errors["digest_timezone"]
    with session_scope(bot.runtime.engine) as session:
        assert store.configured_channels(session) == []


def test_a_set_up_channel_gets_its_digest_at_its_own_slot(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    with session_scope(bot.runtime.engine) as session:
        store.save_channel(
            session,
            channel=TEAM_A,
            scope_kind="channel",
            scope_ids=[TEAM_A],
            weekday=0,
            at_time=datetime(2026, 1, 1, 10, 0).time(),
            timezone="Europe/London",
            by=ADMIN,
            now=clock.now(),
        )
    clock.set(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    bot.tick()
    assert slack.messages(TEAM_A) == []  # 10:00 London has not come yet; the org-wide channel's 09:00 has

    clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    bot.tick()

    [digest] = slack.messages(TEAM_A)
    assert f"members of <#{TEAM_A}>" in str(digest.blocks)
    assert "Nobody in this team has been recognised for two weeks" in str(digest.blocks)
    assert slack.messages(CHAMPIONS) == []  # first seen after its 09:00 slot: its first digest is next week's
