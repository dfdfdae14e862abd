"""App Home that acts, end to end: each button the bot published opens the same form, or gives the same answer, as
its command, offered only to whom the command's policy allows; a champion reads the latest digest's figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CHAMPION, CHAMPIONS, LEADER, RECOGNITION
from tests.e2e.test_home import action_ids, open_home, text_of
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData

DOINGS = {"home_shoutout", "home_schedule", "home_pulse_new", "home_results"}


def likert(score: int) -> dict[str, int]:
    return {"align-role-meaning": score, "empower-fix-without-approval": score - 1, "outcome-recommend": score * 2}


def opened(slack: SlackEmulator, user: str) -> dict[str, Any]:
    views = slack.opened_views(user)
    assert views, "no modal opened"
    return views[-1]


def test_an_employee_is_offered_only_a_shout_out_and_gives_one_through_the_same_modal_as_the_command(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    home = open_home(bot, slack, ALICE)
    assert action_ids(home) & DOINGS == {"home_shoutout"}

    bot.click(ALICE, action_id="home_shoutout", view=home)
    modal = opened(slack, ALICE)
    assert modal["callback_id"] == "shoutout_modal"
    reply = bot.submit(
        ALICE, modal, {"recipients": [BOB], "behaviour": "own-it", "message": "Stayed on the call until it worked"}
    )

    assert reply.status == 200
    [post] = slack.messages(RECOGNITION)
    assert f"<@{ALICE}> recognised <@{BOB}>" in post.blocks[0]["text"]["text"]


def test_a_leader_schedules_a_key_message_from_home_in_the_promise_composer(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    home = open_home(bot, slack, LEADER)
    assert action_ids(home) >= DOINGS

    bot.click(LEADER, action_id="home_schedule", view=home)

    assert opened(slack, LEADER)["callback_id"] == "keymsg_compose"


def test_a_champion_starts_a_pulse_from_home_in_the_pulse_new_form(bot: BotUnderTest, slack: SlackEmulator) -> None:
    home = open_home(bot, slack, CHAMPION)
    assert "home_schedule" not in action_ids(home)

    bot.click(CHAMPION, action_id="home_pulse_new", view=home)

    assert opened(slack, CHAMPION)["callback_id"] == "pulse_new"


def test_the_latest_results_open_privately_with_the_same_answer_as_the_command(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    ProgrammeData(bot.runtime.engine).pulse_round(
        closes_at=clock.now() - timedelta(days=1), answers=[likert(4)] * 6, invited=8
    )
    command = bot.command(LEADER, "/pulse", "results latest").json
    home = open_home(bot, slack, LEADER)

    bot.click(LEADER, action_id="home_results", view=home)

    modal = opened(slack, LEADER)
    assert modal["title"]["text"] == "Pulse results"
    assert modal["blocks"] == command["blocks"]
    assert slack.messages("C0GENERAL") == []


def test_the_latest_results_say_when_no_pulse_has_run_yet(bot: BotUnderTest, slack: SlackEmulator) -> None:
    home = open_home(bot, slack, LEADER)

    bot.click(LEADER, action_id="home_results", view=home)

    assert "No pulse has run yet" in text_of(opened(slack, LEADER))


def test_a_forged_click_on_someone_elses_buttons_is_refused_on_home_naming_whom_to_ask(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    leaders_home = open_home(bot, slack, LEADER)
    open_home(bot, slack, ALICE)

    for action_id in ("home_schedule", "home_pulse_new"):
        bot.click(ALICE, action_id=action_id, view=leaders_home)
        notice = text_of(slack.home_view(ALICE) or {})
        assert "Only leaders" in notice and "<@U0ADMIN>, the programme owner" in notice
    bot.click(ALICE, action_id="home_results", view=leaders_home)

    assert "Only leaders, change champions and programme admins can see pulse results" in text_of(opened(slack, ALICE))
    assert [v for v in slack.opened_views(ALICE) if v["callback_id"] in ("keymsg_compose", "pulse_new")] == []


def test_a_champion_reads_the_latest_digests_key_figures_on_home(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    data = ProgrammeData(bot.runtime.engine)
    data.pulse_round(closes_at=clock.now() - timedelta(days=2), answers=[likert(4)] * 6, invited=10)
    data.shoutout(giver=ALICE, recipients=[BOB], at=clock.now() - timedelta(days=1), behaviour="own-it", message="Yes")
    home = open_home(bot, slack, CHAMPION)

    bot.click(CHAMPION, action_id="home_digest_now", value=CHAMPIONS, view=home)

    digest = slack.messages(CHAMPIONS)[0]
    text = text_of(slack.home_view(CHAMPION) or {})
    assert "Participation: *60%* (6 of 10 answered)" in text and "Participation: *60%*" in str(digest.blocks)
    assert "*Alignment*: 75 / 100" in text and "6 people" in text
    assert "*Who made a difference?*" in text and "1 shout-out this week" in text


def test_a_digest_with_too_few_answers_shows_no_scores_on_home_either(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    ProgrammeData(bot.runtime.engine).pulse_round(
        closes_at=clock.now() - timedelta(days=2), answers=[likert(5)] * 2, invited=3
    )
    home = open_home(bot, slack, CHAMPION)

    bot.click(CHAMPION, action_id="home_digest_now", value=CHAMPIONS, view=home)

    text = text_of(slack.home_view(CHAMPION) or {})
    assert "Too few people answered" in text and "/ 100" not in text


def test_everyone_reads_what_cadence_is_and_what_stays_private(bot: BotUnderTest, slack: SlackEmulator) -> None:
    text = text_of(open_home(bot, slack, ALICE))

    assert "keeps our customer promise alive" in text
    assert "Your pulse answers are anonymous" in text and "at least 5 people" in text
    assert "Getting started" not in text


def test_when_slack_does_not_open_the_form_home_says_so_and_the_button_works_again(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    home = open_home(bot, slack, ALICE)
    slack.faults.add(Fault.error("views.open", "internal_error"))

    bot.click(ALICE, action_id="home_shoutout", view=home)

    assert slack.opened_views(ALICE) == []
    assert "Slack didn't open that just now" in text_of(slack.home_view(ALICE) or {})
    bot.click(ALICE, action_id="home_shoutout", view=slack.home_view(ALICE) or {})
    assert opened(slack, ALICE)["callback_id"] == "shoutout_modal"
