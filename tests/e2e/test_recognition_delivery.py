"""A shout-out is stored first and never lost: Slack's failures on every call the feature makes, and restarts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from storage import deliveries
from storage.models import Shoutout
from tests.e2e.conftest import ADMIN, ALICE, BOB, RECOGNITION
from tests.support.bot import BotUnderTest

SHOUTOUT = f"<@{BOB}|bob> own-it Stayed until it was fixed"


def to_recognition(args: dict) -> bool:
    return args.get("channel") == RECOGNITION


def stored(bot: BotUnderTest) -> list[Shoutout]:
    with bot.runtime.session() as session:
        return list(session.exec(select(Shoutout)))


def channel_delivery_state(bot: BotUnderTest) -> str:
    with bot.runtime.session() as session:
        delivery = deliveries.get_by_key(session, f"shoutout:{stored(bot)[0].id}:channel")
        assert delivery is not None
        return delivery.state


def test_rate_limited_post_is_sent_after_retry_after(bot: BotUnderTest, slack: SlackEmulator) -> None:
    slack.faults.add(Fault.rate_limited("chat.postMessage", retry_after=3, when=to_recognition))

    bot.command(ALICE, "/shoutout", SHOUTOUT)

    assert len(slack.messages(RECOGNITION)) == 1
    assert len(slack.calls_to("chat.postMessage", include_failed=True)) == 3  # 429, then channel and DM


@pytest.mark.parametrize("status", [500, 503])
def test_server_error_leaves_it_stored_and_a_later_tick_posts_it(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, status: int
) -> None:
    slack.faults.add(Fault.server_error("chat.postMessage", status=status, when=to_recognition))

    bot.command(ALICE, "/shoutout", SHOUTOUT)
    assert slack.messages(RECOGNITION) == [] and len(stored(bot)) == 1
    assert channel_delivery_state(bot) == "pending"
    assert len(slack.dms_to(BOB)) == 1

    clock.advance(timedelta(minutes=1))
    bot.tick()
    assert len(slack.messages(RECOGNITION)) == 1
    assert slack.dms_to(ADMIN) == []


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found"])
def test_permanent_failure_is_kept_and_reported_to_the_owner_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, error: str
) -> None:
    slack.faults.add(Fault.error("chat.postMessage", error, times=None, when=to_recognition))

    bot.command(ALICE, "/shoutout", SHOUTOUT)
    for _ in range(3):
        clock.advance(timedelta(hours=1))
        bot.tick()

    assert len(stored(bot)) == 1 and channel_delivery_state(bot) == "failed"
    [notice] = slack.dms_to(ADMIN)
    assert f"<#{RECOGNITION}>" in notice.text and error in notice.text
    assert len(slack.dms_to(BOB)) == 1


def test_timeouts_and_errors_until_the_retries_run_out_still_reach_the_owner(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.server_error("chat.postMessage", times=None, when=to_recognition))

    bot.command(ALICE, "/shoutout", SHOUTOUT)
    for _ in range(10):
        clock.advance(timedelta(hours=1))
        bot.tick()

    assert channel_delivery_state(bot) == "failed"
    assert len(slack.dms_to(ADMIN)) == 1


def test_slack_failing_to_say_who_someone_is_refuses_and_stores_nothing(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    slack.faults.add(Fault.server_error("users.info"))

    bot.command(ALICE, "/shoutout", SHOUTOUT)

    assert "try again in a minute" in slack.ephemerals(user=ALICE)[-1].text
    assert stored(bot) == [] and slack.messages(RECOGNITION) == []


def test_a_restart_before_delivery_sends_it_once(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot
) -> None:
    slack.faults.add(Fault.server_error("chat.postMessage", times=None))
    bot.command(ALICE, "/shoutout", SHOUTOUT)
    bot.stop()
    slack.faults.clear()

    restarted = make_bot()
    clock.advance(timedelta(minutes=5))
    restarted.tick()
    restarted.tick()

    assert len(slack.messages(RECOGNITION)) == 1 and len(slack.dms_to(BOB)) == 1


def test_without_a_recognition_channel_recipients_still_hear_by_dm(slack: SlackEmulator, make_bot) -> None:
    quiet = make_bot(CADENCE_RECOGNITION_CHANNEL="")

    quiet.command(ALICE, "/shoutout", SHOUTOUT)

    assert slack.messages(RECOGNITION) == []
    assert len(slack.dms_to(BOB)) == 1
    assert "by DM" in slack.ephemerals(user=ALICE)[-1].text
