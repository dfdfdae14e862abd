"""A request sends only what it queued itself; everything else in the outbox is the scheduler's, and a rate limit
Slack gave any sender of the process holds back the request's posts too."""

from __future__ import annotations

from datetime import timedelta

from bot.platform.outbox import keys
from bot.platform.outbox.queue import enqueue_alone
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from storage import deliveries
from storage.models import DeliveryState
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, CHAMPIONS, RECOGNITION
from tests.support.bot import BotUnderTest

SHOUTOUT = f"<@{BOB}|bob> own-it Stayed until it was fixed"
SOMEONE_ELSES = keys.key_message(99, "20261201T0900", CAROL)


def queue_someone_elses_key_message(bot: BotUnderTest) -> None:
    enqueue_alone(bot.runtime.engine, SOMEONE_ELSES, channel=CAROL, payload={"text": "Our promise"}, now=bot.now())


def state_of(bot: BotUnderTest, key: keys.DeliveryKey) -> str:
    with bot.runtime.session() as session:
        found = deliveries.get_by_key(session, key.key)
        assert found is not None
        return found.state


def scheduler_told_to_wait(bot: BotUnderTest, slack: SlackEmulator, *, seconds: int) -> None:
    """Slack keeps answering the scheduler's posts to Carol `429 Retry-After: seconds` until its time budget runs
    out; the last Retry-After is still running when the tick returns."""
    to_carol = Fault.rate_limited(
        "chat.postMessage", retry_after=seconds, times=None, when=lambda a: a.get("channel") == CAROL
    )
    slack.faults.add(to_carol)
    queue_someone_elses_key_message(bot)
    bot.tick()
    assert state_of(bot, SOMEONE_ELSES) == DeliveryState.PENDING


def test_a_shout_out_posts_its_own_messages_and_leaves_the_rest_to_the_scheduler(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    queue_someone_elses_key_message(bot)

    bot.command(ALICE, "/shoutout", SHOUTOUT)

    assert len(slack.messages(RECOGNITION)) == 1 and len(slack.dms_to(BOB)) == 1
    assert slack.dms_to(CAROL) == []
    assert state_of(bot, SOMEONE_ELSES) == DeliveryState.PENDING
    bot.tick()
    assert [m.text for m in slack.dms_to(CAROL)] == ["Our promise"]


def test_posting_the_digest_now_sends_the_digest_and_nothing_else(bot: BotUnderTest, slack: SlackEmulator) -> None:
    queue_someone_elses_key_message(bot)

    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)

    [digest] = slack.messages(CHAMPIONS)
    assert "Weekly digest" in digest.text
    assert slack.dms_to(CAROL) == []
    assert state_of(bot, SOMEONE_ELSES) == DeliveryState.PENDING


def test_a_retry_after_the_scheduler_was_given_holds_back_a_request_s_post(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    scheduler_told_to_wait(bot, slack, seconds=10)
    asked_at = clock.now()

    bot.command(ALICE, "/shoutout", SHOUTOUT)

    [celebration] = slack.messages(RECOGNITION)
    assert float(celebration.ts) >= (asked_at + timedelta(seconds=10)).timestamp()


def test_a_request_leaves_its_posts_to_the_scheduler_when_slack_asks_to_wait_past_its_budget(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    scheduler_told_to_wait(bot, slack, seconds=120)
    asked_at = clock.now()

    bot.command(ALICE, "/shoutout", SHOUTOUT)

    assert slack.messages(RECOGNITION) == [] and clock.now() == asked_at  # the listener did not sit out two minutes
    clock.advance(timedelta(minutes=2))
    bot.tick()
    assert len(slack.messages(RECOGNITION)) == 1 and len(slack.dms_to(BOB)) == 1
