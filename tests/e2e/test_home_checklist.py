"""The admin's getting-started checklist on Home, end to end: each step's state as Slack and the settings say, and
each step's button, clicked in what the bot published, opening the form that sets it or how to."""

from __future__ import annotations

from typing import Any

import pytest

from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator, Workspace
from tests.e2e.conftest import ADMIN, ALICE, CHAMPIONS, LEADER, RECOGNITION, build_workspace
from tests.e2e.keymessage_support import schedule
from tests.e2e.pulse_steps import submit_new_pulse
from tests.e2e.test_home import open_home, text_of
from tests.support.bot import BotUnderTest

FIRST_RUN = {
    "CADENCE_LEADERS": "",
    "CADENCE_CHAMPIONS": "",
    "CADENCE_RECOGNITION_CHANNEL": "",
    "CADENCE_DIGEST_CHANNELS": "",
    "CADENCE_PULSE_SECRET": "",
}


def step(view: dict[str, Any], name: str) -> str:
    """The text of the checklist step whose button carries `name`, or of the step titled `name`."""
    for block in view["blocks"]:
        accessory = block.get("accessory") or {}
        text = block.get("text", {}).get("text", "")
        if (accessory.get("action_id") == "home_fix" and accessory.get("value") == name) or f"*{name}*" in text:
            return text
    raise AssertionError(f"no checklist step {name}")


def fixed(bot: BotUnderTest, slack: SlackEmulator, name: str) -> dict[str, Any]:
    """Click the step's button on the admin's Home and return the modal it opened."""
    bot.click(ADMIN, action_id="home_fix", value=name, view=open_home(bot, slack, ADMIN))
    views = slack.opened_views(ADMIN)
    assert views, f"the {name} step opened nothing"
    return views[-1]


class TestFirstRun:
    @pytest.fixture
    def env_overrides(self) -> dict[str, str]:
        return FIRST_RUN

    def test_an_admin_sees_every_step_open_with_a_button_to_fix_it(
        self, bot: BotUnderTest, slack: SlackEmulator
    ) -> None:
        home = open_home(bot, slack, ADMIN)

        assert "*Getting started* · 0 of 6 done" in text_of(home)
        assert "Only the first admin holds a role" in step(home, "roles")
        assert "Not set yet" in step(home, "recognition") and "Not set yet" in step(home, "digests")
        assert "CADENCE_PULSE_SECRET" in step(home, "pulse_secret")
        assert "Not yet" in step(home, "key_message") and "Not yet" in step(home, "pulse")

    def test_roles_opens_who_holds_each_role_and_how_to_change_it(
        self, bot: BotUnderTest, slack: SlackEmulator
    ) -> None:
        modal = fixed(bot, slack, "roles")

        assert "Cadence roles" in text_of(modal) and "/cadence role add leader" in text_of(modal)

    def test_recognition_channel_opens_how_to_choose_it_and_invite_cadence(
        self, bot: BotUnderTest, slack: SlackEmulator
    ) -> None:
        text = text_of(fixed(bot, slack, "recognition"))

        assert "/cadence set recognition-channel" in text and "/invite @Cadence" in text

    def test_champions_channels_open_the_digest_setup_form(self, bot: BotUnderTest, slack: SlackEmulator) -> None:
        assert fixed(bot, slack, "digests")["callback_id"] == "digest_setup"

    def test_the_pulse_secret_explains_it_is_an_operator_setting(self, bot: BotUnderTest, slack: SlackEmulator) -> None:
        text = text_of(fixed(bot, slack, "pulse_secret"))

        assert "operator setting" in text and "CADENCE_PULSE_SECRET" in text

    def test_the_first_key_message_opens_the_composer(self, bot: BotUnderTest, slack: SlackEmulator) -> None:
        assert fixed(bot, slack, "key_message")["callback_id"] == "keymsg_compose"

    def test_the_first_pulse_says_pulses_are_off_until_the_secret_is_set(
        self, bot: BotUnderTest, slack: SlackEmulator
    ) -> None:
        bot.click(ADMIN, action_id="home_fix", value="pulse", view=open_home(bot, slack, ADMIN))

        assert slack.opened_views(ADMIN) == []
        assert "Pulses are switched off" in text_of(slack.home_view(ADMIN) or {})

    def test_a_forged_fix_by_someone_who_is_not_an_admin_is_refused(
        self, bot: BotUnderTest, slack: SlackEmulator
    ) -> None:
        admins_home = open_home(bot, slack, ADMIN)
        open_home(bot, slack, ALICE)

        for name in ("roles", "recognition", "digests", "pulse_secret"):
            bot.click(ALICE, action_id="home_fix", value=name, view=admins_home)
            assert "Only programme admins" in text_of(slack.home_view(ALICE) or {})
        assert slack.opened_views(ALICE) == []


class TestCadenceNotInItsChannels:
    @pytest.fixture
    def workspace(self) -> Workspace:
        ws = build_workspace()
        ws.channels[RECOGNITION].bot_is_member = False
        ws.channels[CHAMPIONS].bot_is_member = False
        return ws

    def test_the_channel_steps_stay_open_until_cadence_is_invited(
        self, bot: BotUnderTest, slack: SlackEmulator, workspace: Workspace
    ) -> None:
        home = open_home(bot, slack, ADMIN)
        assert f"Cadence is not in <#{RECOGNITION}>" in step(home, "recognition")
        assert f"Cadence is not in <#{CHAMPIONS}>" in step(home, "digests")

        slack.workspace.channels[RECOGNITION].bot_is_member = True
        bot.click(ADMIN, action_id="home_refresh", view=home)

        after = slack.home_view(ADMIN) or {}
        assert f"<#{RECOGNITION}>, with Cadence in it" in step(after, "A recognition channel, with Cadence in it")
        assert "home_fix" in text_of(after) and f"Cadence is not in <#{CHAMPIONS}>" in step(after, "digests")


def test_a_set_up_programme_shows_one_line_once_the_first_message_and_pulse_are_done(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    home = open_home(bot, slack, ADMIN)
    assert "*Getting started* · 4 of 6 done" in text_of(home)
    assert "1 admin, 1 leader, 1 champion" in step(home, "Give people their roles")

    schedule(bot, slack, LEADER)
    submit_new_pulse(bot, slack, LEADER)

    text = text_of(open_home(bot, slack, ADMIN))
    assert "Cadence is set up" in text and "Getting started" not in text


def test_when_slack_cannot_say_whether_cadence_is_in_a_channel_the_step_stays_open_and_says_so(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    slack.faults.add(Fault.error("conversations.info", "internal_error"))

    home = open_home(bot, slack, ADMIN)

    assert f"Slack didn't say just now whether Cadence is in <#{RECOGNITION}>" in step(home, "recognition")


def test_a_channel_slack_does_not_know_is_named_as_the_problem(bot: BotUnderTest, slack: SlackEmulator) -> None:
    del slack.workspace.channels[CHAMPIONS]

    home = open_home(bot, slack, ADMIN)

    assert f"Slack knows no channel `{CHAMPIONS}`" in step(home, "digests")
