"""The "you said, we did" loop end to end: the digest's Take this on button, the modal and its refusals, the
owner's weekly DM and one-tap status, later digests listing the action, overdue warnings and `/cadence actions`."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.admin.export import export_csv
from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.db import session_scope
from storage.models import TeamAction
from tests.e2e.action_steps import (
    FOCUS,
    SLOT,
    action_values,
    click_take_on,
    digests_in,
    first_digest,
    week_later,
)
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, CHAMPIONS, GENERAL, LEADER, OTHER_BOT
from tests.support.bot import BotUnderTest

WHAT = "Let people refund up to £50 without asking"


def actions_in(runtime: Runtime) -> list[TeamAction]:
    with session_scope(runtime.engine) as session:
        return list(session.exec(select(TeamAction)))


@pytest.fixture
def digest(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> object:
    return first_digest(bot, slack, clock)


def take_on(bot: BotUnderTest, slack: SlackEmulator, digest: object, **values: object) -> object:
    reply = click_take_on(bot, CHAMPION, digest)
    assert reply.status == 200
    view = slack.opened_views(CHAMPION)[-1]
    chosen = action_values(WHAT, BOB, date(2026, 12, 4)) | values
    return bot.submit(CHAMPION, view, chosen)


def test_a_champion_takes_the_focus_item_on_and_its_owner_marks_it_done_from_the_weekly_dm(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, digest: object
) -> None:
    click_take_on(bot, CHAMPION, digest)
    view = slack.opened_views(CHAMPION)[-1]
    assert "I can put things right for a customer" in str(view["blocks"])

    refused = bot.submit(CHAMPION, view, action_values("  ", OTHER_BOT, date(2026, 11, 1)))
    assert refused.json["response_action"] == "errors"
    errors = refused.json["errors"]
    assert "Say what the team will do" in errors["action_text"]
    assert "is a bot" in errors["action_owner"]
    assert "has passed" in errors["action_due"]
    assert actions_in(runtime) == []

    saved = bot.submit(CHAMPION, view, action_values(WHAT, BOB, date(2026, 12, 4)))
    assert saved.json["response_action"] == "update"
    bot.submit(CHAMPION, view, action_values(WHAT, BOB, date(2026, 12, 4)))  # Slack retrying: still one action
    [action] = actions_in(runtime)
    assert (action.question_id, action.owner, action.status, action.channel) == (FOCUS, BOB, "open", CHAMPIONS)

    bot.tick()
    assert not any("You own an action" in m.text or "action" in m.text for m in slack.dms_to(BOB))

    clock.set(week_later(SLOT))
    bot.tick()
    bot.tick()
    [nudge] = [m for m in slack.dms_to(BOB) if "How far is the action" in m.text]
    assert WHAT in str(nudge.blocks) and "Not started" in str(nudge.blocks)
    [later] = digests_in(slack)[1:]
    assert WHAT in str(later.blocks) and "<@U0BOB>" in str(later.blocks)

    bot.click(ALICE, action_id="action_status:done", value=f"{action.id}:done", message=nudge)
    assert "Only <@U0BOB>" in slack.ephemerals(user=ALICE)[-1].text
    assert actions_in(runtime)[0].status == "open"

    bot.click(BOB, action_id="action_status:done", value=f"{action.id}:done", message=nudge)
    [done] = actions_in(runtime)
    assert done.status == "done" and done.done_at == clock.now()
    [updated] = [m for m in slack.dms_to(BOB) if "How far is the action" in m.text]
    assert "Status: *Done*" in str(updated.blocks)


def test_the_weekly_dm_goes_once_a_week_whatever_the_ticks_and_clocks(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot: object, digest: object
) -> None:
    take_on(bot, slack, digest)
    clock.set(week_later(SLOT))
    second = make_bot()  # type: ignore[operator]
    for _ in range(3):
        bot.tick()
        second.tick()
    clock.advance(timedelta(days=1))
    bot.tick()
    assert len([m for m in slack.dms_to(BOB) if "How far is the action" in m.text]) == 1
    clock.advance(timedelta(days=7))
    bot.tick()
    assert len([m for m in slack.dms_to(BOB) if "How far is the action" in m.text]) == 2


def test_an_overdue_action_is_a_health_warning_in_the_digest_and_the_admins_home(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, digest: object
) -> None:
    take_on(bot, slack, digest, action_due="2026-11-25")
    clock.set(week_later(SLOT))
    bot.tick()

    [later] = digests_in(slack)[1:]
    assert "was due on 25 Nov and is not done" in str(later.blocks)
    assert "overdue" in str(later.blocks)
    bot.event({"type": "app_home_opened", "user": ADMIN, "tab": "home", "channel": "D0ADMIN"})
    assert "was due on 25 Nov and is not done" in str(slack.home_view(ADMIN))


def test_people_who_are_not_the_scopes_champions_cannot_take_an_action_on(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, digest: object
) -> None:
    for person in (ALICE, LEADER):
        click_take_on(bot, person, digest)
        assert "Only change champions and admins" in slack.ephemerals(user=person)[-1].text
    assert slack.opened_views(ALICE) == []

    click_take_on(bot, CHAMPION, digest)
    forged = bot.submit(ALICE, slack.opened_views(CHAMPION)[-1], action_values(WHAT, BOB, date(2026, 12, 4)))
    assert "Only change champions and admins" in forged.json["errors"]["action_text"]
    click_take_on(bot, ADMIN, replace(digest, channel=GENERAL))  # type: ignore[type-var]
    assert "this is not one" in slack.ephemerals(user=ADMIN)[-1].text
    assert actions_in(runtime) == []


def test_a_status_tap_for_an_action_that_does_not_exist_changes_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime, digest: object
) -> None:
    take_on(bot, slack, digest)
    clock.set(week_later(SLOT))
    bot.tick()
    nudge = next(m for m in slack.dms_to(BOB) if "How far is the action" in m.text)
    [action] = actions_in(runtime)
    forged = replace(nudge, blocks=json.loads(json.dumps(nudge.blocks).replace(f'"{action.id}:done"', '"999:done"')))

    bot.click(BOB, action_id="action_status:done", value="999:done", message=forged)

    assert "can't find that action" in slack.ephemerals(user=BOB)[-1].text
    assert actions_in(runtime)[0].status == "open"


def test_cadence_actions_lists_the_scopes_actions_for_champions_and_admins_and_refuses_others(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, digest: object, tmp_path: Path
) -> None:
    take_on(bot, slack, digest)

    for person in (CHAMPION, ADMIN):
        shown = bot.command(person, "/cadence", "actions").json
        assert WHAT in str(shown["blocks"]) and "<@U0BOB>" in str(shown["blocks"]) and "Not started" in str(shown)
    refused = bot.command(ALICE, "/cadence", "actions").json
    assert "Only change champions and admins" in refused["text"]
    assert export_csv(runtime, tmp_path)["actions.csv"] == 1
    [row] = list(csv.DictReader((tmp_path / "actions.csv").open()))
    assert (row["action"], row["owner"], row["due_on"], row["status"]) == (WHAT, BOB, "2026-12-04", "open")
