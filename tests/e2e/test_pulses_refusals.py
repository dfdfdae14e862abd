"""Every way `/pulse` and the pulse DM refuse, each with a clear private message and nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlmodel import select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.models import PulseCampaign
from tests.e2e.conftest import ADMIN, ALICE, CHAMPION, LEADER, SUPPORT_GROUP
from tests.e2e.pulse_steps import QUESTIONS, answer, answers, latest_dm, rounds, submit_new_pulse
from tests.support.bot import BotUnderTest


def campaigns(runtime: Runtime) -> list[PulseCampaign]:
    with runtime.session() as session:
        return list(session.exec(select(PulseCampaign)))


def test_an_employee_cannot_start_a_pulse(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.command(ALICE, "/pulse", "new")

    assert "Only leaders, change champions and programme admins can start pulses" in reply.text
    assert slack.opened_views(ALICE) == []


def test_leaders_champions_and_admins_may_open_the_form(bot: BotUnderTest, slack: SlackEmulator) -> None:
    for person in (LEADER, CHAMPION, ADMIN):
        bot.command(person, "/pulse", "new")
        assert len(slack.opened_views(person)) == 1, person


def test_an_unknown_subcommand_gets_the_usage(bot: BotUnderTest) -> None:
    assert "I don't know `/pulse frobnicate`" in bot.command(ALICE, "/pulse", "frobnicate").text


def test_the_form_needs_three_to_five_questions(bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime) -> None:
    reply = submit_new_pulse(bot, slack, questions=QUESTIONS[:2])

    assert reply.json["errors"] == {"questions": "Pick 3 to 5 questions (you picked 2)."}
    assert campaigns(runtime) == []


def test_the_form_needs_an_audience(bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime) -> None:
    reply = submit_new_pulse(bot, slack, channels=[])

    assert reply.json["errors"] == {"channels": "Choose at least one channel, or name a user group below."}
    assert campaigns(runtime) == []


def test_the_form_refuses_a_group_it_cannot_read(bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime) -> None:
    reply = submit_new_pulse(bot, slack, groups="support-team")

    assert "I can't read support-team" in reply.json["errors"]["groups"]
    assert campaigns(runtime) == []


def test_the_form_refuses_a_channel_slack_will_not_show(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime
) -> None:
    reply = submit_new_pulse(bot, slack, channels=["C0NOSUCH"])

    assert "I can't see the members of channel <#C0NOSUCH>" in reply.json["errors"]["channels"]
    assert campaigns(runtime) == []


def test_a_user_group_by_id_or_mention_is_an_audience(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime
) -> None:
    reply = submit_new_pulse(bot, slack, channels=[], groups=f"<!subteam^{SUPPORT_GROUP}|@support>")

    assert reply.json["response_action"] == "update"
    assert [c.audience for c in campaigns(runtime)] == [[SUPPORT_GROUP]]


def test_pulses_are_switched_off_without_a_secret(
    make_bot: Callable[..., BotUnderTest], slack: SlackEmulator, clock: ManualTime
) -> None:
    bot = make_bot(CADENCE_PULSE_SECRET="")

    reply = bot.command(LEADER, "/pulse", "new")

    assert "Pulses are switched off: CADENCE_PULSE_SECRET is not set" in reply.text
    assert slack.opened_views(LEADER) == []


def test_a_click_from_someone_the_pulse_was_not_sent_to_changes_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()

    answer(bot, slack, LEADER, 1, 1, message=latest_dm(slack, ALICE))

    notes = slack.ephemerals(user=LEADER)
    assert notes and "This pulse wasn't sent to you" in notes[-1].text
    with runtime.session() as session:
        assert rounds(session)[0].state == "open"
        assert answers(session) == []


def test_a_comment_after_the_round_closed_gets_a_field_error(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    form: dict[str, Any] = slack.opened_views(ALICE)[-1]
    clock.advance(timedelta(hours=72))

    reply = bot.submit(ALICE, form, {"comment": "Too late?"})

    assert "This pulse has closed" in reply.json["errors"]["comment"]
