"""Managing key messages: pause, resume, cancel, edit; acknowledgements; handover when a leader goes."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage import keymessages as store
from tests.e2e.conftest import ADMIN, ALICE, CHAMPION, GENERAL, LEADER
from tests.e2e.keymessage_support import list_message, open_composer, schedule
from tests.e2e.test_keymessages import key_dms
from tests.support.bot import BotUnderTest

TUESDAY_NINE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def click_on_list(bot: BotUnderTest, action_id: str, user: str = LEADER) -> str:
    bot.click(user, action_id=action_id, value="1", message=list_message(bot))
    return str(bot.slack.response_posts[-1].payload)


def test_paused_schedule_sends_nothing_and_resumed_one_goes_on(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, kind="weekly", weekdays=["1"])

    assert "Paused" in click_on_list(bot, "keymsg_pause")
    clock.set(TUESDAY_NINE)
    bot.tick()
    assert key_dms(slack, ALICE) == []

    assert "Resumed" in click_on_list(bot, "keymsg_resume")
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    bot.tick()
    assert len(key_dms(slack, ALICE)) == 1  # the paused week is not caught up


def test_cancelled_schedule_withdraws_deliveries_not_yet_sent(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, zone="local", date="2026-11-25")
    clock.set(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))  # planned a day ahead: Sydney's 09:00 is still to come
    bot.tick()

    assert "Cancelled" in click_on_list(bot, "keymsg_cancel")
    clock.set(datetime(2026, 11, 26, 0, 0, tzinfo=UTC))
    bot.tick()

    assert key_dms(slack, ALICE) == []
    assert "No schedules yet" in bot.command(LEADER, "/promise", "list").text


def test_someone_else_cannot_change_a_leaders_schedule(bot: BotUnderTest, slack: SlackEmulator, make_bot) -> None:
    schedule(bot, slack)
    other = make_bot(CADENCE_LEADERS=f"{LEADER},{CHAMPION}")
    listing = list_message(bot)

    other.click(CHAMPION, action_id="keymsg_cancel", value="1", message=listing)

    assert "Only the schedule's owner" in str(slack.response_posts[-1].payload)
    assert "`active`" in bot.command(LEADER, "/promise", "list").text


def test_edit_reopens_the_composer_prefilled_and_never_resends_a_sent_occurrence(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, kind="weekly", weekdays=["1"])
    clock.set(TUESDAY_NINE)
    bot.tick()

    bot.click(LEADER, action_id="keymsg_edit", value="1", message=list_message(bot))
    editor = slack.opened_views(LEADER)[-1]
    assert editor["blocks"][1]["element"]["initial_value"] == "Our promise starts with *you*."
    reply = bot.submit(
        LEADER,
        editor,
        {
            "text": "Edited words",
            "channels": ["C0TEAMA"],
            "mode": "dm",
            "kind": "weekly",
            "weekdays": ["1"],
            "date": "2026-11-24",
            "time": "09:00",
            "zone": "Europe/London",
        },
    )
    assert reply.json["response_action"] == "update"
    bot.tick()
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    bot.tick()

    texts = [str(m.blocks) for m in key_dms(slack, ALICE)]
    assert len(texts) == 2
    assert "Our promise starts" in texts[0] and "Edited words" in texts[1]


def test_got_it_and_discussed_are_recorded_once_and_shown_on_the_message(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack)
    clock.set(TUESDAY_NINE)
    bot.tick()
    [dm] = key_dms(slack, ALICE)

    bot.click(ALICE, action_id="keymsg_got_it", message=dm)
    [dm] = key_dms(slack, ALICE)
    assert "You told your leader: Got it" in str(dm.blocks)
    bot.click(ALICE, action_id="keymsg_discussed", message=dm)
    bot.click(ALICE, action_id="keymsg_discussed", message=dm)  # a double click

    [dm] = key_dms(slack, ALICE)
    assert "Got it · Discussed with my team" in str(dm.blocks)
    assert "keymsg_got_it" not in str(dm.blocks)
    with bot.runtime.session() as session:
        assert store.ack_counts(session, schedule_id=1) == {"got_it": 1, "discussed": 1}
    assert "6 delivered · 0 failed · 1 got it · 1 discussed" in bot.command(LEADER, "/promise", "list").text


def test_a_click_in_a_channel_shows_the_counts_not_a_person(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, channels=[GENERAL], mode="channel")
    clock.set(TUESDAY_NINE)
    bot.tick()
    [post] = slack.messages(GENERAL)

    bot.click(ALICE, action_id="keymsg_got_it", message=post)
    bot.click(CHAMPION, action_id="keymsg_got_it", message=slack.messages(GENERAL)[0])

    assert "2 got it · 0 discussed" in str(slack.messages(GENERAL)[0].blocks)


def test_a_deactivated_leaders_schedules_move_to_the_programme_owner_with_one_dm(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack)
    deleted = {"type": "user_change", "user": {"id": LEADER, "deleted": True}}

    bot.event(deleted)
    bot.event(deleted, retry_num=1)
    bot.tick()

    [notice] = slack.dms_to(ADMIN)
    assert "You now own" in notice.text
    assert f"<@{ADMIN}>" not in str(notice.blocks)
    assert "#1" in bot.command(ADMIN, "/promise", "list").text
    clock.set(TUESDAY_NINE)
    bot.tick()
    assert len(key_dms(slack, ALICE)) == 1  # it still goes out


def test_a_leader_who_loses_the_role_hands_over_at_the_next_planning(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot
) -> None:
    schedule(bot, slack)
    demoted = make_bot(CADENCE_LEADERS="")  # configuration changed and the clock restarted

    demoted.tick()
    demoted.tick()

    [notice] = slack.dms_to(ADMIN)
    assert "is no longer a leader" in str(notice.blocks)
    clock.set(TUESDAY_NINE)
    demoted.tick()
    [dm] = key_dms(slack, ALICE)
    assert f"<@{ADMIN}>" in str(dm.blocks)  # sent in the new owner's name


def test_the_composer_starts_from_tomorrow_in_the_organisations_zone(bot: BotUnderTest, slack: SlackEmulator) -> None:
    view = open_composer(bot, slack)
    elements = {b["block_id"]: b["element"] for b in view["blocks"]}

    assert elements["date"]["initial_date"] == "2026-11-24"
    assert elements["zone"]["initial_option"]["value"] == "Europe/London"
    assert len(elements["library"]["options"]) >= 12
