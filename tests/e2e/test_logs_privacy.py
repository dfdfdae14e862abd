"""What Cadence logs at the default level carries ids and outcomes, never what people wrote or answered."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.models import PulseComment
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, CHAMPIONS, RECOGNITION
from tests.e2e.pulse_steps import answer, latest_dm, submit_new_pulse
from tests.e2e.test_content_admin import exported_files, upload, zipped
from tests.e2e.test_data_rights import forget
from tests.e2e.test_home import open_home
from tests.support.bot import BotUnderTest

SHOUTOUT_WORDS = "Stayed-with-the-customer-XYZZY"
COMMENT_WORDS = "Comment-words-PLUGH"


def test_a_busy_scenario_logs_no_shoutout_or_comment_text_at_info(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    bot.command(ALICE, "/shoutout", f"<@{BOB}|bob> own-it {SHOUTOUT_WORDS} until it was fixed")
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    answer(bot, slack, ALICE, 1, 3)
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    bot.submit(ALICE, slack.opened_views(ALICE)[-1], {"comment": COMMENT_WORDS})
    clock.advance(timedelta(hours=72))
    bot.tick()
    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)
    open_home(bot, slack, BOB)
    upload(bot, slack, ADMIN, "pack.zip", zipped(exported_files(bot, slack)))
    forget(bot, ALICE)

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "pulse round 1" in logged and "digest on demand" in logged  # the scenario did log, with ids
    assert SHOUTOUT_WORDS not in logged and COMMENT_WORDS not in logged
    assert SHOUTOUT_WORDS in str(slack.messages(RECOGNITION)[0].blocks)
    with bot.runtime.session() as session:
        assert session.exec(select(PulseComment.text)).all() == [COMMENT_WORDS]
