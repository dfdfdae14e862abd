"""A key message sent through managers, end to end: each manager gets it with the talking points and "Discussed
with my team", their members the next working day with "Got it", each once; reach shows every line; clicks never
offered are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.platform.timesource import ManualTime
from emulator import Message, SlackEmulator, Workspace
from tests.e2e.clarity_support import answer_rows, private_replies, tap
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, CHAMPIONS, DAN, ERIN, LEADER
from tests.e2e.keymessage_support import DEFAULTS, errors_of, open_composer, schedule
from tests.e2e.team_support import FAY, GUS, HAL, MANAGERS_GROUP, TEAMS, TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.e2e.test_keymessages import key_dms
from tests.e2e.working_hours_support import WORKING_WEEK, ZONES, hour_by_hour
from tests.support.bot import BotUnderTest

MEMBER_ZONES = ZONES | dict.fromkeys((FAY, GUS, HAL), "Europe/London")

FRIDAY_NINE = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
MONDAY_NINE = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
MEMBERS = [p for team in TEAMS.values() for p in team]
THROUGH_MANAGERS = {
    "groups": MANAGERS_GROUP,
    "channels": None,
    "mode": "cascade",
    "date": "2026-11-27",
    "prompt": "promise-in-my-role",
}


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_teams()


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return WORKING_WEEK


def modes_offered(view: dict) -> list[str]:
    [block] = [b for b in view["blocks"] if b.get("block_id") == "mode"]
    return [o["value"] for o in block["element"]["options"]]


def buttons(message: Message) -> list[str]:
    return [e["action_id"] for b in message.blocks if b["type"] == "actions" for e in b["elements"]]


def refusals_to(slack: SlackEmulator, user: str) -> list[str]:
    return [json.dumps(p.payload) for p in slack.response_posts if p.user == user]


def test_through_managers_is_offered_only_once_teams_are_known(bot: BotUnderTest, slack: SlackEmulator) -> None:
    view = open_composer(bot, slack)
    assert "cascade" not in modes_offered(view)
    [mode] = [b for b in view["blocks"] if b.get("block_id") == "mode"]
    mode["element"]["options"].append({"text": {"type": "plain_text", "text": "forged"}, "value": "cascade"})
    forged = bot.submit(LEADER, view, {**DEFAULTS, **THROUGH_MANAGERS, "channels": []})
    assert "knows no teams yet" in errors_of(forged)["mode"]

    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)

    assert modes_offered(open_composer(bot, slack)) == ["channel", "dm", "cascade"]


def test_a_cascade_through_three_managers_reaches_each_line_and_shows_who_discussed(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    reply = schedule(bot, slack, **THROUGH_MANAGERS)
    assert "sent through the managers of" in json.dumps(reply.json["view"]), reply.body

    for moment in (FRIDAY_NINE, FRIDAY_NINE + timedelta(hours=4)):  # 09:00 in London, 08:00 in New York
        clock.set(moment)
        bot.tick()

    for manager in TEAMS:
        [dm] = key_dms(slack, manager)
        assert buttons(dm) == ["keymsg_discussed"]
        assert "discuss with your team" in json.dumps(dm.blocks)
    assert all(key_dms(slack, member) == [] for member in MEMBERS)

    bot.click(ALICE, action_id="keymsg_discussed", message=key_dms(slack, ALICE)[0])
    bot.click(BOB, action_id="keymsg_discussed", message=key_dms(slack, BOB)[0])
    assert "You told your leader: Discussed with my team" in json.dumps(key_dms(slack, ALICE)[0].blocks)

    hour_by_hour(bot, clock, hours=54)  # to Sunday 19:00 UTC: the weekend, everywhere
    assert all(key_dms(slack, member) == [] for member in MEMBERS)
    hour_by_hour(bot, clock, hours=13)  # to Monday 08:00 UTC, past 08:00 in Sydney and Madrid

    for member in MEMBERS:
        [dm] = key_dms(slack, member)
        assert buttons(dm) == ["keymsg_got_it"]
        assert "discuss with your team" not in json.dumps(dm.blocks)
        arrived = datetime.fromtimestamp(float(dm.ts), UTC).astimezone(ZoneInfo(MEMBER_ZONES[member]))
        assert arrived.strftime("%a %H:%M") == "Mon 08:00"  # their next working morning
    assert all(len(key_dms(slack, manager)) == 1 for manager in TEAMS)
    for member in (DAN, ERIN, HAL):
        bot.click(member, action_id="keymsg_got_it", message=key_dms(slack, member)[0])

    listed = json.dumps(bot.command(LEADER, "/promise", "list").json["blocks"], ensure_ascii=False)
    assert "Through managers:* 2 of 3 managers discussed it, covering 4 of 5 people (80%)" in listed
    assert f"<@{ALICE}> :white_check_mark: discussed · 1 of 2 got it (2 delivered)" in listed
    assert f"<@{BOB}> :white_check_mark: discussed · 1 of 2 got it (2 delivered)" in listed
    assert f"<@{CAROL}> not discussed yet · 1 of 1 got it (1 delivered)" in listed
    assert "8 delivered" in listed


def test_clicks_cadence_never_offered_are_refused_and_not_counted(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    schedule(bot, slack, **THROUGH_MANAGERS)
    for moment in (FRIDAY_NINE, MONDAY_NINE):
        clock.set(moment)
        bot.tick()
    alices, dans = key_dms(slack, ALICE)[0], key_dms(slack, DAN)[0]

    bot.click(DAN, action_id="keymsg_discussed", message=alices)  # a member posing as their manager
    bot.click(CHAMPION, action_id="keymsg_got_it", message=dans)  # someone it was never sent to
    bot.click(ALICE, action_id="keymsg_got_it", message=dans)  # a manager taking a member's button

    assert "Only a team's manager says they discussed it" in refusals_to(slack, DAN)[0]
    assert "wasn't sent to you" in refusals_to(slack, CHAMPION)[0]
    assert "You share this one with your team" in refusals_to(slack, ALICE)[0]
    listed = json.dumps(bot.command(LEADER, "/promise", "list").json["blocks"], ensure_ascii=False)
    assert "0 of 3 managers discussed it, covering 0 of 5 people" in listed
    assert "0 got it · 0 discussed" in listed


def test_once_teams_are_known_a_dm_to_everyone_offers_discussed_to_managers_only(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    schedule(bot, slack, groups=MANAGERS_GROUP, channels=["C0TEAMA"], mode="dm", date="2026-11-27")
    clock.set(FRIDAY_NINE)
    bot.tick()
    bot.tick()

    assert buttons(key_dms(slack, ALICE)[0]) == ["keymsg_got_it", "keymsg_discussed"]
    assert buttons(key_dms(slack, DAN)[0]) == ["keymsg_got_it"]
    bot.click(DAN, action_id="keymsg_discussed", message=key_dms(slack, ALICE)[0])
    assert "Only a team's manager says they discussed it" in refusals_to(slack, DAN)[0]


def test_weeks_later_home_and_the_digest_show_the_cascade_and_health_names_the_line_that_stopped(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    weekly = {**THROUGH_MANAGERS, "kind": "weekly", "weekdays": ["1"], "date": "2026-11-24"}
    schedule(bot, slack, **weekly)

    for day in range(10):  # Tuesday 24 November to Thursday 3 December, every morning
        clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC) + timedelta(days=day))
        bot.tick()
        for manager in (ALICE, BOB):
            for dm in key_dms(slack, manager):
                if "keymsg_discussed" in buttons(dm):
                    bot.click(manager, action_id="keymsg_discussed", message=dm)
    assert [len(key_dms(slack, person)) for person in (CAROL, HAL)] == [2, 2]

    bot.event({"type": "app_home_opened", "user": LEADER, "channel": "D0LEADER", "tab": "home"})
    home = json.dumps(slack.home_view(LEADER), ensure_ascii=False)
    before = len(slack.messages(CHAMPIONS))  # Monday's weekly digest went out on its own
    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)
    posted = json.dumps([m.blocks for m in slack.messages(CHAMPIONS)[before:]], ensure_ascii=False)

    assert "Through managers (last): 2 of 3 managers discussed it, covering 4 of 5 people (80%)" in home
    assert "↳ Through managers: 2 of 3 managers discussed it, covering 4 of 5 people (80%)" in posted
    assert f"Key messages stopped cascading in 1 line(s): <@{CAROL}> discussed neither" in posted


def test_an_audience_with_no_manager_in_it_still_gets_it_the_next_working_day_and_may_say_got_it(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    schedule(bot, slack, **{**THROUGH_MANAGERS, "groups": None, "channels": [CHAMPIONS]})
    clock.set(FRIDAY_NINE)
    bot.tick()
    assert key_dms(slack, CHAMPION) == []

    clock.set(MONDAY_NINE + timedelta(hours=4))  # 08:00 in New York
    bot.tick()
    bot.click(CHAMPION, action_id="keymsg_got_it", message=key_dms(slack, CHAMPION)[0])

    assert refusals_to(slack, CHAMPION) == []
    assert "You told your leader: Got it" in json.dumps(key_dms(slack, CHAMPION)[0].blocks)
    assert "0 of 0 managers discussed it, covering 0 of 3 people" in bot.command(LEADER, "/promise", "list").text


def test_through_managers_the_clarity_check_goes_to_members_and_only_they_may_answer_it(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)
    schedule(bot, slack, **{**THROUGH_MANAGERS, "clarity": ["yes"]})
    clock.set(FRIDAY_NINE)
    bot.tick()
    alices = key_dms(slack, ALICE)[0]
    assert not any(b.get("block_id") == "keymsg_clarity" for b in alices.blocks)  # managers discuss; members rate

    hour_by_hour(bot, clock, hours=71)  # to Monday 08:00 UTC, every member's next working morning
    for member in (DAN, HAL):
        assert tap(bot, slack, member, 4).status == 200
    tap(bot, slack, FAY, 5, by=ALICE)  # a manager answering on a member's message

    assert sorted(row.score for row in answer_rows(bot)) == [4, 4]
    assert "This check is for the people the message was sent to" in private_replies(slack)
