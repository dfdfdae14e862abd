"""Reaction shout-outs end to end: giving by emoji, private_replies, event retries, and retracting within the window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from tests.e2e.conftest import ALICE, BOB, GENERAL, OTHER_BOT, RECOGNITION
from tests.e2e.recognition_support import post_as, reaction_event
from tests.support.bot import BotUnderTest


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return {"CADENCE_SHOUTOUT_REACTION": "clap"}


def react(bot: BotUnderTest, reactor: str, emoji: str, message, *, removed: bool = False, **kwargs) -> None:
    kind = "reaction_removed" if removed else "reaction_added"
    reply = bot.event(reaction_event(kind, reactor, emoji, message), **kwargs)
    assert reply.status == 200


def test_configured_reaction_recognises_the_author(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, BOB, GENERAL, "Customer is happy again")

    react(bot, ALICE, "clap", message)

    [post] = slack.messages(RECOGNITION)
    assert f"<@{ALICE}> recognised <@{BOB}>" in post.blocks[0]["text"]["text"]
    assert "See what they were recognised for" in str(post.blocks)
    assert len(slack.dms_to(BOB)) == 1
    [note] = slack.ephemerals(channel=GENERAL, user=ALICE)
    assert "Remove your reaction within 10 minutes" in note.text


def test_a_behaviours_emoji_recognises_that_behaviour(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, BOB, GENERAL, "Fixed the form")

    react(bot, ALICE, "wrench::skin-tone-3", message)

    [post] = slack.messages(RECOGNITION)
    assert "Fixed what customers feel" in post.blocks[0]["text"]["text"]


def test_ordinary_reactions_do_nothing(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, BOB, GENERAL, "Lunch?")

    react(bot, ALICE, "pizza", message)

    assert slack.messages(RECOGNITION) == [] and slack.ephemerals() == []


def test_a_retried_event_records_one_shoutout(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, BOB, GENERAL, "Done")

    react(bot, ALICE, "clap", message, event_id="Ev1")
    react(bot, ALICE, "clap", message, event_id="Ev1", retry_num=1)
    react(bot, ALICE, "clap", message, event_id="Ev1", retry_num=2)
    bot.tick()

    assert len(slack.messages(RECOGNITION)) == 1 and len(slack.dms_to(BOB)) == 1
    assert len(slack.ephemerals(user=ALICE)) == 1


def test_reacting_to_your_own_message_is_refused_privately(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, ALICE, GENERAL, "I did it")

    react(bot, ALICE, "clap", message)

    assert "your own message" in slack.ephemerals(user=ALICE)[-1].text
    assert slack.messages(RECOGNITION) == []


def test_reacting_to_a_bots_message_is_refused_privately(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, OTHER_BOT, GENERAL, "Deployed")

    react(bot, ALICE, "clap", message)

    assert "is a bot" in slack.ephemerals(user=ALICE)[-1].text
    assert slack.messages(RECOGNITION) == []


def test_refusal_goes_by_dm_when_the_ephemeral_cannot_be_shown(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, ALICE, GENERAL, "I did it")
    slack.faults.add(Fault.error("chat.postEphemeral", "user_not_in_channel"))

    react(bot, ALICE, "clap", message)

    [dm] = slack.dms_to(ALICE)
    assert "your own message" in dm.text


def test_removing_the_reaction_soon_after_deletes_the_celebration(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    message = post_as(slack, BOB, GENERAL, "Done")
    react(bot, ALICE, "clap", message)
    assert len(slack.messages(RECOGNITION)) == 1

    clock.advance(timedelta(minutes=9))
    react(bot, ALICE, "clap", message, removed=True)

    assert slack.messages(RECOGNITION) == [] and slack.dms_to(BOB) == []
    assert bot.command(BOB, "/shoutout", "stats").json["blocks"][1]["fields"][3]["text"] == "*Received in all*\n0"


def test_removing_the_reaction_before_delivery_cancels_it(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    message = post_as(slack, BOB, GENERAL, "Done")
    slack.faults.add(Fault.server_error("chat.postMessage", times=None))
    react(bot, ALICE, "clap", message)

    react(bot, ALICE, "clap", message, removed=True)
    slack.faults.clear()
    clock.advance(timedelta(hours=1))
    bot.tick()

    assert slack.messages(RECOGNITION) == [] and slack.dms_to(BOB) == []


def test_deletion_that_slack_refuses_for_a_moment_is_finished_by_the_scheduler(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    message = post_as(slack, BOB, GENERAL, "Done")
    react(bot, ALICE, "clap", message)
    slack.faults.add(Fault.server_error("chat.delete", times=2))

    react(bot, ALICE, "clap", message, removed=True)
    assert len(slack.messages(RECOGNITION)) + len(slack.dms_to(BOB)) >= 1

    bot.tick()
    assert slack.messages(RECOGNITION) == [] and slack.dms_to(BOB) == []


def test_removing_the_reaction_after_the_window_keeps_the_shoutout(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    message = post_as(slack, BOB, GENERAL, "Done")
    react(bot, ALICE, "clap", message)

    clock.advance(timedelta(minutes=11))
    react(bot, ALICE, "clap", message, removed=True)

    assert len(slack.messages(RECOGNITION)) == 1 and len(slack.dms_to(BOB)) == 1


def test_the_general_reaction_is_celebrated_with_its_own_emoji_and_the_packs_label(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    message = post_as(slack, BOB, GENERAL, "Rang the customer back within the hour")

    react(bot, ALICE, "clap", message)

    [post] = slack.messages(RECOGNITION)
    [dm] = slack.dms_to(BOB)
    [note] = slack.ephemerals(channel=GENERAL, user=ALICE)
    for text in (post.blocks[0]["text"]["text"], dm.blocks[0]["text"]["text"], note.text):
        assert ":clap: *Customer focus*" in text and ":tada:" not in text
