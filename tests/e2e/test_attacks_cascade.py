"""Attacks on "Got it" and "Discussed with my team", played from outside over signed HTTP: a manager clicking on
another manager's message, someone outside the cascade or the channel clicking at all, and values forged for an
occurrence that was never sent (through managers, by DM, or posted in a channel). Each is refused privately and
nothing is counted that the person was not offered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.platform.timesource import ManualTime
from emulator import Message, SlackEmulator, Workspace
from storage.models import KeyAck
from tests.e2e.clarity_support import FIRST
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, DAN, LEADER, TEAM_A
from tests.e2e.forgery import with_value
from tests.e2e.keymessage_support import schedule
from tests.e2e.team_support import TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.e2e.test_keymessages import key_dms
from tests.e2e.test_keymessages_cascade import FRIDAY_NINE, THROUGH_MANAGERS, refusals_to
from tests.e2e.working_hours_support import WORKING_WEEK
from tests.support.bot import BotUnderTest

NOT_SENT = "wasn't sent to you"
OUT_OF_DATE = "That button is out of date; nothing was recorded."


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_teams()


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return WORKING_WEEK


def acks(bot: BotUnderTest) -> list[tuple[str, str, str]]:
    with bot.runtime.session() as session:
        return sorted((a.user_id, a.kind, a.occurs_at.isoformat()[:10]) for a in session.exec(select(KeyAck)))


def button_value(message: Message, action_id: str) -> str:
    return next(
        e["value"]
        for b in message.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    )


@pytest.fixture
def cascaded(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    schedule(bot, slack, **THROUGH_MANAGERS)
    for moment in (FRIDAY_NINE, FRIDAY_NINE + timedelta(hours=4)):  # 09:00 in London, 08:00 in New York
        clock.set(moment)
        bot.tick()


def test_a_manager_clicking_discussed_on_another_managers_message_is_refused_and_changes_neither(
    bot: BotUnderTest, slack: SlackEmulator, cascaded: None
) -> None:
    bobs = key_dms(slack, BOB)[0]

    for someone in (ALICE, LEADER, CHAMPION, ADMIN):
        bot.click(someone, action_id="keymsg_discussed", message=bobs)

    for someone in (ALICE, LEADER, CHAMPION, ADMIN):
        assert NOT_SENT in refusals_to(slack, someone)[-1]
    assert acks(bot) == [] and key_dms(slack, BOB)[0].blocks == bobs.blocks
    bot.click(ALICE, action_id="keymsg_discussed", message=key_dms(slack, ALICE)[0])
    assert acks(bot) == [(ALICE, "discussed", "2026-11-27")]
    assert "You told your leader" not in str(key_dms(slack, BOB)[0].blocks)


@pytest.mark.parametrize(
    ("forged", "said"),
    [
        ("{id}:20261204T0900", NOT_SENT),
        ("{id}:20261120T0900", NOT_SENT),
        ("{id}:99991231T2359", NOT_SENT),
        ("{id}:20261127T0900:extra", OUT_OF_DATE),
        ("²:20261127T0900", OUT_OF_DATE),
        ("9" * 30 + ":20261127T0900", OUT_OF_DATE),
        ("", OUT_OF_DATE),
        ("77:20261127T0900", "no longer exists"),
    ],
)
def test_discussed_forged_for_an_occurrence_never_sent_through_managers_is_refused(
    bot: BotUnderTest, slack: SlackEmulator, cascaded: None, forged: str, said: str
) -> None:
    alices = key_dms(slack, ALICE)[0]
    real = button_value(alices, "keymsg_discussed")
    value = forged.format(id=real.partition(":")[0])

    bot.click(ALICE, action_id="keymsg_discussed", message=with_value(alices, real, value))

    assert said in refusals_to(slack, ALICE)[-1], refusals_to(slack, ALICE)
    assert acks(bot) == []


def sent_by_dm(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, **values: Any) -> None:
    schedule(bot, slack, **values)
    clock.set(FIRST)
    bot.tick()


def test_got_it_forged_for_an_occurrence_never_sent_by_dm_is_refused(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    sent_by_dm(bot, slack, clock)
    dans = key_dms(slack, DAN)[0]
    real = button_value(dans, "keymsg_got_it")

    bot.click(DAN, action_id="keymsg_got_it", message=with_value(dans, real, real.replace("20261124", "20261201")))
    bot.click(LEADER, action_id="keymsg_got_it", message=dans)

    assert NOT_SENT in refusals_to(slack, DAN)[-1] and NOT_SENT in refusals_to(slack, LEADER)[-1]
    assert acks(bot) == []


def test_got_it_on_a_channel_post_counts_its_members_for_the_occurrence_posted_and_no_other(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    sent_by_dm(bot, slack, clock, mode="channel")
    [post] = [m for m in slack.messages(TEAM_A) if m.blocks and "keymsg_got_it" in str(m.blocks)]
    real = button_value(post, "keymsg_got_it")

    bot.click(DAN, action_id="keymsg_got_it", message=with_value(post, real, real.replace("20261124", "20261201")))
    bot.click(DAN, action_id="keymsg_got_it", message=with_value(post, real, real.replace("T0900", "T0800")))
    bot.click(LEADER, action_id="keymsg_got_it", message=post)  # not in #team-a
    assert acks(bot) == []
    assert all(NOT_SENT in refusal for refusal in refusals_to(slack, DAN) + refusals_to(slack, LEADER))

    bot.click(DAN, action_id="keymsg_got_it", message=post)
    bot.click(DAN, action_id="keymsg_got_it", message=post)
    assert acks(bot) == [(DAN, "got_it", "2026-11-24")]
