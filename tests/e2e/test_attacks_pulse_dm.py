"""Attacks on a pulse DM's redraw, played from outside over signed HTTP: a click or a comment whose payload names
another person's DM (or one of Cadence's channel posts) as the message to bring up to date. The answer is the
clicker's own and is recorded; no message but the clicker's own DM is ever redrawn, so nobody's answers appear in
anybody else's DM."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from emulator.signing import interactive_body, signed_headers
from storage.db import session_scope
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.pulse_steps import answers, latest_dm, submit_new_pulse
from tests.support.bot import BotUnderTest

JUNK_RESPONSE_URL = "0"
"""A response URL Cadence will not use, so that it brings the message up to date with `chat.update`."""


def open_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    bot.tick()


def click_naming(bot: BotUnderTest, user: str, own: Any, target: Any, score: int = 4) -> None:
    """`user` clicks `score` on question 1 of their own DM `own`, the payload naming `target` as the message."""
    block = next(b for b in own.blocks if b.get("block_id") == "pulse-q-1")
    button = next(e for e in block["elements"] if e["action_id"] == f"pulse_answer:{score}")
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower()},
        "actions": [{**button, "block_id": block["block_id"], "action_ts": "1700000000.000001"}],
        "container": {"type": "message", "message_ts": target.ts, "channel_id": target.channel},
        "channel": {"id": target.channel},
        "message": {"ts": target.ts, "text": target.text, "blocks": target.blocks},
        "response_url": JUNK_RESPONSE_URL,
    }
    body = interactive_body(payload)
    reply = bot.post(body, signed_headers(bot.secret, body, content_type="application/x-www-form-urlencoded"))
    assert reply.status == 200


def assert_untouched(slack: SlackEmulator, user: str, blocks_before: str) -> None:
    """`user`'s DM reads as it did, never edited, and Cadence updated no message at all."""
    assert json.dumps(latest_dm(slack, user).blocks) == blocks_before and not latest_dm(slack, user).edited
    assert slack.calls_to("chat.update") == []


def stored_answers(bot: BotUnderTest) -> int:
    with session_scope(bot.runtime.engine) as session:
        return len(answers(session))


def test_a_click_redraws_the_clickers_own_dm_when_the_response_url_cannot_be_used(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    open_round(bot, slack, clock)
    own = latest_dm(slack, ALICE)

    click_naming(bot, ALICE, own, own)

    assert latest_dm(slack, ALICE).edited
    assert stored_answers(bot) == 1


def test_a_click_naming_someone_elses_dm_records_the_answer_and_redraws_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    open_round(bot, slack, clock)
    own, bobs = latest_dm(slack, ALICE), latest_dm(slack, BOB)
    bobs_before = json.dumps(bobs.blocks)

    click_naming(bot, ALICE, own, bobs)

    assert_untouched(slack, BOB, bobs_before)
    assert not latest_dm(slack, ALICE).edited
    assert stored_answers(bot) == 1


def test_a_comment_whose_form_names_someone_elses_dm_redraws_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    open_round(bot, slack, clock)
    bobs = latest_dm(slack, BOB)
    bobs_before = json.dumps(bobs.blocks)
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    form = slack.opened_views(ALICE)[-1]
    round_id = form["private_metadata"].split("|")[0]

    forged = {**form, "private_metadata": f"{round_id}|{bobs.channel}|{bobs.ts}"}
    bot.submit(ALICE, forged, {"comment": "More time with customers, please"})

    assert_untouched(slack, BOB, bobs_before)
