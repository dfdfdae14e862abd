"""Attacks on the clarity check's buttons, played from outside over signed HTTP: an answer forged for another
occurrence or a schedule that does not exist, a score Cadence never offered, junk in the value, taps after the
check closed and taps repeated many times. Each is refused privately with nothing recorded, or counted once; and
no refusal or reply names whose answer it was to anyone else."""

from __future__ import annotations

import pytest

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.clarity_support import FIRST, SECOND, answer_rows, private_replies, schedule_with_check, tap
from tests.e2e.conftest import ALICE, BOB, LEADER, TEAM_A
from tests.e2e.forgery import with_value
from tests.e2e.test_keymessages import key_dms
from tests.support.bot import BotUnderTest

STAMP, NEXT_STAMP = "20261124T0900", "20261201T0900"
OUT_OF_DATE = "That button is out of date; nothing was recorded."


@pytest.fixture
def sent(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()


def forged_tap(bot: BotUnderTest, slack: SlackEmulator, user: str, value: str) -> None:
    """`user` taps 3 on their DM's check, the button's value rewritten to `value`."""
    message = key_dms(slack, user)[-1]
    tap(bot, slack, user, 3, message=with_value(message, f"1:{STAMP}:3", value))


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (f"1:{STAMP}:0", OUT_OF_DATE),
        (f"1:{STAMP}:6", OUT_OF_DATE),
        (f"1:{STAMP}:-1", OUT_OF_DATE),
        (f"1:{STAMP}:3.5", OUT_OF_DATE),
        (f"1:{STAMP}:²", OUT_OF_DATE),
        (f"1:{STAMP}:５", OUT_OF_DATE),
        (f"²:{STAMP}:3", OUT_OF_DATE),
        (f"{'9' * 30}:{STAMP}:3", OUT_OF_DATE),
        (f"1:{'9' * 30}:3", OUT_OF_DATE),
        ("1:99991231T2359:3", "This check is for the people the message was sent to"),
        (f"1:{NEXT_STAMP}:3", "This check is for the people the message was sent to"),
        ("1:20251124T0900:3", "This check is for the people the message was sent to"),
        (f"7:{STAMP}:3", "That key message no longer exists."),
        ("", OUT_OF_DATE),
        (":::", OUT_OF_DATE),
    ],
)
def test_a_forged_value_is_refused_privately_and_records_nothing(
    bot: BotUnderTest, slack: SlackEmulator, sent: None, value: str, said: str
) -> None:
    forged_tap(bot, slack, ALICE, value)

    assert said in private_replies(slack), private_replies(slack)
    assert answer_rows(bot) == []
    assert "Thank you" not in str(key_dms(slack, ALICE)[-1].blocks)


def test_answering_the_next_occurrence_before_it_is_sent_or_the_last_after_it_closed_is_refused(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, sent: None
) -> None:
    first = key_dms(slack, ALICE)[-1]
    tap(bot, slack, ALICE, 4)
    forged_tap(bot, slack, BOB, f"1:{NEXT_STAMP}:1")
    clock.set(SECOND)
    bot.tick()

    tap(bot, slack, ALICE, 1, message=first)

    assert "This check has closed" in private_replies(slack)
    assert [(row.occurs_at.isoformat()[:10], row.score) for row in answer_rows(bot)] == [("2026-11-24", 4)]


def test_many_taps_by_one_person_count_once_and_others_see_only_the_count(
    bot: BotUnderTest, slack: SlackEmulator, sent: None
) -> None:
    for score in (1, 5, 5, 2, 5, 3, 3):
        tap(bot, slack, ALICE, score)
    tap(bot, slack, ALICE, 4, by=LEADER)  # someone else, on Alice's DM

    assert [row.score for row in answer_rows(bot)] == [3]
    [row] = answer_rows(bot)
    assert ALICE not in row.token and row.group == TEAM_A
    leaders_replies = [p.payload for p in slack.response_posts if p.user == LEADER]
    assert leaders_replies and not any(ALICE in str(p) or "answered" in str(p) for p in leaders_replies)


def test_a_recipient_tapping_on_someone_elses_copy_is_refused_and_their_copy_shows_nothing(
    bot: BotUnderTest, slack: SlackEmulator, sent: None
) -> None:
    bobs = key_dms(slack, BOB)[-1]

    tap(bot, slack, BOB, 2, message=bobs, by=ALICE)  # both were sent it; Alice answers on Bob's copy

    assert "This check is for the people the message was sent to" in private_replies(slack)
    assert answer_rows(bot) == [] and key_dms(slack, BOB)[-1].blocks == bobs.blocks
