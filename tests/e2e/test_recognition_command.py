"""`/shoutout` end to end: the one-line command, its private_replies, stats, and delivery to the channel and by DM."""

from __future__ import annotations

from datetime import timedelta

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, GONE, OTHER_BOT, RECOGNITION
from tests.support.bot import BotUnderTest

BOB_M, CAROL_M = f"<@{BOB}|bob>", f"<@{CAROL}|carol>"


def last_private(slack: SlackEmulator, user: str) -> str:
    notes = slack.ephemerals(user=user)
    assert notes, f"{user} was told nothing privately"
    return notes[-1].text


def test_one_line_shoutout_is_celebrated_and_sent_to_each_recipient(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(ALICE, "/shoutout", f"{BOB_M} {CAROL_M} own-it Stayed with the customer <until> it was fixed")

    assert reply.status == 200
    posts = slack.messages(RECOGNITION)
    assert len(posts) == 1
    assert f"<@{BOB}>" in posts[0].blocks[0]["text"]["text"] and f"<@{CAROL}>" in posts[0].blocks[0]["text"]["text"]
    assert "Owned it end to end" in posts[0].blocks[0]["text"]["text"]
    assert "&lt;until&gt;" in posts[0].blocks[0]["text"]["text"]
    assert len(slack.dms_to(BOB)) == 1 and len(slack.dms_to(CAROL)) == 1
    assert "is saved" in last_private(slack, ALICE)


def test_behaviour_may_be_named_by_label_or_emoji(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ALICE, "/shoutout", f"{BOB_M} Listened and closed the loop Called them back")
    bot.command(ALICE, "/shoutout", f"{CAROL_M} :wrench: Fixed the refund form")

    texts = [m.blocks[0]["text"]["text"] for m in slack.messages(RECOGNITION)]
    assert "Listened and closed the loop" in texts[0] and "Called them back" in texts[0]
    assert "Fixed what customers feel" in texts[1]


def test_refuses_self_recognition_privately_and_stores_nothing(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ALICE, "/shoutout", f"<@{ALICE}|alice> own-it I was great")

    assert "can't give yourself a shout-out" in last_private(slack, ALICE)
    assert slack.messages(RECOGNITION) == []
    bot.tick()
    assert slack.messages(RECOGNITION) == []


def test_refuses_bots_deactivated_and_unknown_people(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ALICE, "/shoutout", f"<@{OTHER_BOT}|deploybot> own-it Deployed")
    assert "is a bot" in last_private(slack, ALICE)
    bot.command(ALICE, "/shoutout", f"<@{GONE}|gone> own-it Thanks")
    assert "deactivated" in last_private(slack, ALICE)
    bot.command(ALICE, "/shoutout", "<@U0NOBODY|nobody> own-it Thanks")
    assert "can't find the person" in last_private(slack, ALICE)
    assert slack.messages(RECOGNITION) == []


def test_refuses_broadcasts_channels_and_user_groups_in_the_ack(bot: BotUnderTest, slack: SlackEmulator) -> None:
    here = bot.command(ALICE, "/shoutout", "<!here> own-it Thanks all")
    channel = bot.command(ALICE, "/shoutout", "<#C0TEAMA|team-a> own-it Thanks team")
    group = bot.command(ALICE, "/shoutout", "<!subteam^S0SUPPORT|@support> own-it Thanks support")

    assert "not to everyone at once" in here.text
    assert "not channels" in channel.text and "#team-a" in channel.text
    assert "not user groups" in group.text and "@support" in group.text
    assert slack.messages(RECOGNITION) == [] and slack.opened_views(ALICE) == []


def test_refuses_an_over_long_message_naming_the_limit(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ALICE, "/shoutout", f"{BOB_M} own-it " + "x" * 501)

    assert "501 characters long: shorten it to 500" in last_private(slack, ALICE)
    assert slack.messages(RECOGNITION) == []


def test_daily_limit_counts_the_organisations_day(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot
) -> None:
    limited = make_bot(CADENCE_SHOUTOUT_DAILY_LIMIT="2")
    limited.command(ALICE, "/shoutout", f"{BOB_M} own-it One")
    limited.command(ALICE, "/shoutout", f"{BOB_M} own-it Two")
    limited.command(ALICE, "/shoutout", f"{BOB_M} own-it Three")

    assert "You've given 2 shout-outs today" in last_private(slack, ALICE)
    assert len(slack.messages(RECOGNITION)) == 2

    clock.set(clock.now().replace(hour=23, minute=59) + timedelta(minutes=1))  # midnight in London (UTC in November)
    limited.command(ALICE, "/shoutout", f"{BOB_M} own-it Four")
    assert len(slack.messages(RECOGNITION)) == 3


def test_bare_command_opens_an_empty_modal(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(ALICE, "/shoutout", "")

    assert reply.status == 200
    [view] = slack.opened_views(ALICE)
    assert view["callback_id"] == "shoutout_modal"
    assert [b["block_id"] for b in view["blocks"]] == ["recipients", "behaviour", "message"]


def test_missing_parts_open_the_modal_prefilled_with_what_was_typed(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.command(ALICE, "/shoutout", f"{BOB_M} zap")

    [view] = slack.opened_views(ALICE)
    elements = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert elements["recipients"]["initial_users"] == [BOB]
    assert elements["behaviour"]["initial_option"]["value"] == "put-it-right"
    assert elements["message"]["max_length"] == 500
    assert slack.messages(RECOGNITION) == []


def test_stats_show_given_and_received_this_month_and_in_all(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    bot.command(ALICE, "/shoutout", f"{BOB_M} own-it Last month")
    clock.advance(timedelta(days=10))  # into December
    bot.command(ALICE, "/shoutout", f"{BOB_M} own-it This month")
    bot.command(CAROL, "/shoutout", f"{BOB_M} zap This month too")

    reply = bot.command(BOB, "/shoutout", "stats")

    assert reply.json.get("response_type", "ephemeral") == "ephemeral"
    fields = [f["text"] for b in reply.json["blocks"] if b["type"] == "section" for f in b.get("fields", [])]
    assert fields == ["*Given this month*\n0", "*Received this month*\n2", "*Given in all*\n0", "*Received in all*\n3"]
    assert "Owned it end to end* × 2" in reply.text
    alice = bot.command(ALICE, "/shoutout", "stats").json["blocks"][1]["fields"]
    assert [f["text"] for f in alice][0::2] == ["*Given this month*\n1", "*Given in all*\n2"]


def test_help_lists_the_shoutout_commands_for_everyone(bot: BotUnderTest) -> None:
    reply = bot.command(ALICE, "/cadence", "help")

    assert "/shoutout stats" in reply.text and "/shoutout @who behaviour message" in reply.text
