"""Attacks on the team-action loop, played from outside over signed HTTP: Take this on forged for another champions'
channel or an item Cadence never offered, the modal submitted by someone else or with junk in its fields, status
buttons forged for someone else's action or with junk values, and taps after the action was handed over by a
forget. Each gets a private refusal (or a field error) saying what to change, and nothing is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from tests.e2e.action_steps import SLOT, action_values, click_take_on, first_digest, take_on_button, week_later
from tests.e2e.conftest import ADMIN, BOB, CHAMPION, CHAMPIONS, ERIN, GONE, LEADER, OTHER_BOT, build_workspace
from tests.e2e.forgery import with_value
from tests.e2e.test_actions import WHAT, actions_in, take_on
from tests.e2e.test_data_rights import forget
from tests.support.bot import BotUnderTest

OTHER_CHAMPIONS = "C0CHAMPS2"
BUTTON_OUT_OF_DATE = "That button is out of date; nothing was changed."


@pytest.fixture
def workspace() -> Workspace:
    ws = build_workspace()
    ws.add_channel(OTHER_CHAMPIONS, name="champions-apac", members=[ADMIN, ERIN])
    return ws


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return {"CADENCE_DIGEST_CHANNELS": f"{CHAMPIONS},{OTHER_CHAMPIONS}", "CADENCE_CHAMPIONS": f"{CHAMPION},{ERIN}"}


@pytest.fixture
def digest(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> Any:
    return first_digest(bot, slack, clock)


def refusal_to(slack: SlackEmulator, user: str) -> str:
    return slack.ephemerals(user=user)[-1].text


def test_take_this_on_is_refused_for_a_champions_channel_the_clicker_is_not_in(
    bot: BotUnderTest,
    slack: SlackEmulator,
    runtime: Runtime,
    digest: Any,
) -> None:
    click_take_on(bot, CHAMPION, replace(digest, channel=OTHER_CHAMPIONS))
    assert f"Only admins and the change champions in <#{OTHER_CHAMPIONS}>" in refusal_to(slack, CHAMPION)

    click_take_on(bot, ERIN, digest)  # a champion of another channel
    assert f"Only admins and the change champions in <#{CHAMPIONS}>" in refusal_to(slack, ERIN)
    assert slack.opened_views(CHAMPION) == [] and slack.opened_views(ERIN) == []

    click_take_on(bot, CHAMPION, digest)
    view = slack.opened_views(CHAMPION)[-1]
    values = action_values(WHAT, BOB, date(2026, 12, 4))
    forged = bot.submit(ERIN, view, values)
    moved = bot.submit(
        CHAMPION, {**view, "private_metadata": view["private_metadata"].replace(CHAMPIONS, OTHER_CHAMPIONS)}, values
    )

    assert f"<#{CHAMPIONS}>" in forged.json["errors"]["action_text"]
    assert f"<#{OTHER_CHAMPIONS}>" in moved.json["errors"]["action_text"]
    assert actions_in(runtime) == []


@pytest.mark.parametrize("item", ["no-such-item", "", "align-role-meaning:" + "x" * 3000])
def test_take_this_on_for_an_item_cadence_never_offered_is_refused(
    bot: BotUnderTest,
    slack: SlackEmulator,
    runtime: Runtime,
    digest: Any,
    item: str,
) -> None:
    real = take_on_button(digest)["value"]
    click_take_on(bot, CHAMPION, with_value(digest, real, item))
    assert "The item is no longer in the question bank" in refusal_to(slack, CHAMPION)

    click_take_on(bot, CHAMPION, digest)
    view = slack.opened_views(CHAMPION)[-1]
    forged = {**view, "private_metadata": view["private_metadata"].replace(real, item)}
    refused = bot.submit(CHAMPION, forged, action_values(WHAT, BOB, date(2026, 12, 4)))
    assert "no longer in the question bank" in refused.json["errors"]["action_text"]
    assert actions_in(runtime) == []


@pytest.mark.parametrize(
    ("field", "junk", "said"),
    [
        ("action_owner", "U0CADENCE", "is a bot or no longer in this workspace"),
        ("action_owner", OTHER_BOT, "is a bot"),
        ("action_owner", GONE, "no longer in this workspace"),
        ("action_owner", "U0NOBODY", "no longer in this workspace"),
        ("action_owner", "<!channel>", "no longer in this workspace"),
        ("action_owner", None, "Choose who owns this action"),
        ("action_due", "2026-02-30", "Pick a due date"),
        ("action_due", "next tuesday", "Pick a due date"),
        ("action_due", "9999-12-31", "Pick a date within a year"),
        ("action_due", "2026-11-22", "That date has passed"),
        ("action_text", "x" * 301, "Keep it under 300 characters"),
        ("action_text", "\n\t ", "Say what the team will do"),
    ],
)
def test_junk_in_a_field_is_a_field_error_and_records_nothing(
    bot: BotUnderTest,
    slack: SlackEmulator,
    runtime: Runtime,
    digest: Any,
    field: str,
    junk: Any,
    said: str,
) -> None:
    click_take_on(bot, CHAMPION, digest)
    values = {**action_values(WHAT, BOB, date(2026, 12, 4)), field: junk}

    refused = bot.submit(CHAMPION, slack.opened_views(CHAMPION)[-1], values)

    assert refused.json["response_action"] == "errors" and said in refused.json["errors"][field], refused.json
    assert actions_in(runtime) == []


def test_a_double_submit_records_one_action_and_a_second_form_its_own(
    bot: BotUnderTest,
    slack: SlackEmulator,
    runtime: Runtime,
    digest: Any,
) -> None:
    click_take_on(bot, CHAMPION, digest)
    view = slack.opened_views(CHAMPION)[-1]
    first, again = (bot.submit(CHAMPION, view, action_values(WHAT, BOB, date(2026, 12, 4))) for _ in range(2))
    assert first.json == again.json and len(actions_in(runtime)) == 1


@pytest.fixture
def nudge(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, digest: Any) -> Any:
    take_on(bot, slack, digest)
    clock.set(week_later(SLOT))
    bot.tick()
    return next(m for m in slack.dms_to(BOB) if "How far is the action" in m.text)


@pytest.mark.parametrize(
    "junk", ["²:done", "１:done", "1:explode", "1:open", "1", ":done", "-1:done", "1:done:x", "9" * 30 + ":done", ""]
)
def test_a_status_button_with_a_forged_value_changes_nothing(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, nudge: Any, junk: str
) -> None:
    [action] = actions_in(runtime)

    bot.click(BOB, action_id="action_status:done", value=junk, message=with_value(nudge, f"{action.id}:done", junk))

    assert BUTTON_OUT_OF_DATE in refusal_to(slack, BOB)
    assert actions_in(runtime)[0].status == "open"


def test_tapping_done_twice_keeps_when_it_was_first_done(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, nudge: Any
) -> None:
    [action] = actions_in(runtime)
    bot.click(BOB, action_id="action_status:done", value=f"{action.id}:done", message=nudge)
    done_at = clock.now()
    clock.advance(timedelta(hours=1))
    bot.click(BOB, action_id="action_status:done", value=f"{action.id}:done", message=nudge)

    [done] = actions_in(runtime)
    assert done.status == "done" and done.done_at == done_at


def test_after_a_forget_the_old_owners_buttons_are_refused_and_the_programme_owner_holds_the_action(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, nudge: Any
) -> None:
    [action] = actions_in(runtime)
    forget(bot, BOB)

    bot.click(BOB, action_id="action_status:done", value=f"{action.id}:done", message=nudge)
    bot.click(LEADER, action_id="action_status:done", value=f"{action.id}:done", message=nudge)

    assert f"Only <@{ADMIN}>, who owns this action" in refusal_to(slack, BOB)
    assert f"Only <@{ADMIN}>" in refusal_to(slack, LEADER)
    [handed] = actions_in(runtime)
    assert (handed.owner, handed.created_by, handed.status) == (ADMIN, CHAMPION, "open")
    bot.click(ADMIN, action_id="action_status:blocked", value=f"{action.id}:blocked", message=nudge)
    assert actions_in(runtime)[0].status == "blocked"


def test_a_status_tap_sent_back_on_another_of_cadences_messages_leaves_that_message_alone(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, digest: Any, nudge: Any
) -> None:
    [action] = actions_in(runtime)
    posted = slack.messages(CHAMPIONS)[0]
    aimed = replace(nudge, channel=posted.channel, ts=posted.ts)  # the DM's buttons, pointed at the digest

    bot.click(BOB, action_id="action_status:done", value=f"{action.id}:done", message=aimed)

    assert actions_in(runtime)[0].status == "done"  # the owner's tap is theirs to make
    assert slack.messages(CHAMPIONS)[0].blocks == posted.blocks
