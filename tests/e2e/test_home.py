"""The App Home end to end, one variant per role: what each person sees when they open Cadence's Home tab."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ADMIN, ALICE, BOB, CHAMPION, CHAMPIONS, LEADER
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData

PROMISE = "We make every customer feel known, helped and respected"


def open_home(bot: BotUnderTest, slack: SlackEmulator, user: str) -> dict[str, Any]:
    bot.event({"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": "home"})
    view = slack.home_view(user)
    assert view is not None, "no Home published"
    return view


def text_of(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def action_ids(view: dict[str, Any]) -> set[str]:
    found = set()
    for block in view["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id"):
                found.add(element["action_id"])
    return found


def test_an_employee_sees_pulses_shoutouts_and_the_promise_and_nothing_for_other_roles(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    data.shoutout(
        giver=BOB,
        recipients=[ALICE],
        at=clock.now() - timedelta(days=1),
        behaviour="own-it",
        message="Kept <b>calm</b>",
    )
    data.shoutout(giver=ALICE, recipients=[BOB], at=clock.now() - timedelta(hours=2), message="Thanks!")

    text = text_of(open_home(bot, slack, ALICE))

    assert PROMISE in text
    assert "Your open pulses" in text and "None right now" in text
    assert f"From <@{BOB}>" in text and "Kept &lt;b&gt;calm&lt;/b&gt;" in text
    assert f"To <@{BOB}>" in text
    for other in ("Champions' digests", "Key message schedules", "Programme settings", "Programme health"):
        assert other not in text


def test_home_is_not_published_for_the_messages_tab(bot: BotUnderTest, slack: SlackEmulator) -> None:
    bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D0ALICE", "tab": "messages"})

    assert slack.home_view(ALICE) is None


def test_refresh_publishes_what_changed_since(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    view = open_home(bot, slack, ALICE)
    ProgrammeData(bot.runtime.engine).shoutout(giver=BOB, recipients=[ALICE], at=clock.now(), message="Brilliant call")

    bot.click(ALICE, action_id="home_refresh", view=view)

    assert "Brilliant call" in text_of(slack.home_view(ALICE) or {})


def test_see_all_shows_every_recent_shoutout_and_back_returns_to_home(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    for n in range(8):
        data.shoutout(giver=BOB, recipients=[ALICE], at=clock.now() - timedelta(hours=n), message=f"thanks number {n}")
    home = open_home(bot, slack, ALICE)
    assert text_of(home).count("thanks number") == 3

    bot.click(ALICE, action_id="home_more", value="shoutouts", view=home)
    page = slack.home_view(ALICE) or {}
    assert text_of(page).count("thanks number") == 8
    assert "Back to Home" in text_of(page)

    bot.click(ALICE, action_id="home_back", view=page)
    assert text_of(slack.home_view(ALICE) or {}).count("thanks number") == 3


def test_a_champion_sees_their_channels_digest_and_posts_it_now(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    home = open_home(bot, slack, CHAMPION)
    assert "Champions' digests" in text_of(home) and "No digest yet" in text_of(home)

    bot.click(CHAMPION, action_id="home_digest_now", value=CHAMPIONS, view=home)

    [digest] = slack.messages(CHAMPIONS)
    assert "Weekly digest" in digest.text
    after = text_of(slack.home_view(CHAMPION) or {})
    assert "Posted the digest" in after and "Latest," in after


def test_post_digest_now_from_home_is_refused_to_someone_who_is_not_a_champion(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    champions_home = open_home(bot, slack, CHAMPION)
    open_home(bot, slack, ALICE)

    bot.click(ALICE, action_id="home_digest_now", value=CHAMPIONS, view=champions_home)

    assert slack.messages(CHAMPIONS) == []
    assert "Only change champions" in text_of(slack.home_view(ALICE) or {})


def test_a_leader_sees_their_schedules_with_reach_and_no_admin_panels(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    ProgrammeData(bot.runtime.engine).key_message(
        title="Why the promise matters", occurs_at=clock.now() - timedelta(days=1), delivered=4, failed=1, got_it=2
    )

    text = text_of(open_home(bot, slack, LEADER))

    assert "Your key message schedules" in text and "Why the promise matters" in text
    assert "4 delivered" in text and "1 failed" in text and "2 got it" in text
    assert "Programme settings" not in text


def test_an_admin_sees_settings_health_and_everyones_schedules(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    text = text_of(open_home(bot, slack, ADMIN))

    assert "Programme settings" in text and "Minimum reporting size" in text and "Europe/London" in text
    assert "Programme health" in text and "Leaders have not sent a key message yet" in text
    assert "Key message schedules" in text and "Champions' digests" in text


def test_home_stays_within_the_block_limit_however_much_there_is(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    for n in range(60):
        data.shoutout(giver=ALICE, recipients=[ADMIN], at=clock.now() - timedelta(hours=n), message=f"n{n}")
        data.shoutout(giver=ADMIN, recipients=[BOB], at=clock.now() - timedelta(hours=n), message=f"g{n}")
    for n in range(30):
        data.key_message(title=f"Message {n}", occurs_at=clock.now() - timedelta(days=n + 1), delivered=1)

    home = open_home(bot, slack, ADMIN)
    assert len(home["blocks"]) <= 100
    assert {"home_more", "home_refresh", "home_digest_now"} <= action_ids(home)
    for page in ("shoutouts", "schedules"):
        bot.click(ADMIN, action_id="home_more", value=page, view=home)
        assert len((slack.home_view(ADMIN) or {})["blocks"]) <= 100


def test_see_all_lists_every_health_warning_for_an_admin(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    for n in range(5):
        data.key_message(title=f"Undelivered {n}", occurs_at=clock.now() - timedelta(days=1, hours=n), failed=1)
    home = open_home(bot, slack, ADMIN)
    assert text_of(home).count("could not be delivered") == 3

    bot.click(ADMIN, action_id="home_more", value="health", view=home)

    assert text_of(slack.home_view(ADMIN) or {}).count("could not be delivered") == 5
