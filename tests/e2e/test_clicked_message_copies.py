"""A click carries Slack's copy of the clicked message, which Cadence updates and sends back. A copy that is not
what Cadence posted (a block of no known type, a buttons block that is not a list) is still answered: the click
is recorded and the message is updated with only the blocks Slack takes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.clarity_support import FIRST, answer_rows, schedule_with_check, tap
from tests.e2e.conftest import ALICE
from tests.e2e.keymessage_support import schedule
from tests.e2e.test_keymessages import key_dms
from tests.support.blockkit import assert_valid_blocks
from tests.support.bot import BotUnderTest

NOT_BLOCKS = [{"block_id": "keymsg_ack", "elements": 5}, {"text": "no type"}, {"type": "section", "text": 7}]


def test_got_it_on_a_copy_with_malformed_blocks_is_recorded_and_the_dm_updated_with_valid_blocks_only(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack)
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    bot.tick()
    [dm] = key_dms(slack, ALICE)
    copy = replace(dm, blocks=[*NOT_BLOCKS, *dm.blocks])

    reply = bot.click(ALICE, action_id="keymsg_got_it", message=copy)

    assert reply.status == 200
    [updated] = key_dms(slack, ALICE)
    assert "You told your leader: Got it" in json.dumps(updated.blocks)
    assert "no type" not in json.dumps(updated.blocks)
    assert_valid_blocks(updated.blocks or [])


def test_a_clarity_tap_on_a_copy_with_malformed_blocks_is_stored_and_the_dm_updated_with_valid_blocks_only(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    [dm] = key_dms(slack, ALICE)
    copy = replace(dm, blocks=[*NOT_BLOCKS, *dm.blocks])

    assert tap(bot, slack, ALICE, 4, message=copy).status == 200

    assert [row.score for row in answer_rows(bot)] == [4]
    [updated] = key_dms(slack, ALICE)
    assert "Thank you — you answered" in json.dumps(updated.blocks, ensure_ascii=False)
    assert "no type" not in json.dumps(updated.blocks)
    assert_valid_blocks(updated.blocks or [])
