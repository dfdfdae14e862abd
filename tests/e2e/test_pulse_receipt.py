"""The anonymity receipt in every pulse DM: who sees what, with the configured minimum, and the full explanation one
click away."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, DAN, ERIN
from tests.e2e.pulse_steps import latest_dm, submit_new_pulse
from tests.support.bot import BotUnderTest

PRIVACY_BUTTON = "How is this anonymous?"


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return {"CADENCE_MIN_GROUP_SIZE": "7"}


def receipt(message: Any) -> str:
    [line] = [b for b in message.blocks if b["type"] == "context" and ":lock:" in str(b)]
    return str(line["elements"][0]["text"])


def privacy_button(message: Any) -> dict[str, Any]:
    return next(
        e
        for b in message.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["text"]["text"] == PRIVACY_BUTTON
    )


def send_pulse(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()


def test_each_pulse_dm_says_who_sees_what_with_the_configured_minimum(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    send_pulse(bot, slack, clock)

    for person in (ALICE, BOB, CAROL, DAN, ERIN):
        line = receipt(latest_dm(slack, person))
        assert "only after the pulse closes" in line
        assert "groups of at least 7 people" in line
        assert "without names, in random order" in line
        assert "programme owner sees how many people answered, never who answered what" in line


def test_how_is_this_anonymous_opens_the_full_explanation(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    send_pulse(bot, slack, clock)
    dm = latest_dm(slack, ALICE)
    opened_before = len(slack.opened_views(ALICE))

    reply = bot.click(ALICE, action_id=privacy_button(dm)["action_id"], message=dm)

    assert reply.status == 200
    views = slack.opened_views(ALICE)
    assert len(views) == opened_before + 1
    explanation = views[-1]
    assert explanation["title"]["text"] == PRIVACY_BUTTON
    text = str(explanation["blocks"])
    assert "not under your name" in text
    assert "only after the round closes" in text and "at least 7 people answered it" in text
    assert "fresh random order" in text
    assert "*The programme owner*" in text and "Cannot see who gave which answer" in text
    assert "same end of the scale" in text
    assert slack.dms_to(ALICE)[-1].blocks == dm.blocks  # the DM is left as it was
