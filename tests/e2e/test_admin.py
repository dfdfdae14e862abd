"""Administration in Slack: settings and roles changed by admins, refused to everyone else, audited."""

from __future__ import annotations

from bot.platform.roles import Role
from emulator import SlackEmulator
from tests.e2e.conftest import ADMIN, ALICE, BOB, LEADER, RECOGNITION, SUPPORT_GROUP, TEAM_A
from tests.support.bot import BotUnderTest


def test_non_admins_are_refused_every_admin_command(bot: BotUnderTest) -> None:
    for text in (
        "settings",
        "set min-group-size 7",
        "reset timezone",
        "roles",
        "role add leader <@U0BOB|bob>",
        "audit",
    ):
        reply = bot.command(LEADER, "/cadence", text)
        assert "Only programme admins" in reply.text, text

    assert bot.runtime.settings.min_group_size == 5


def test_admin_changes_a_setting_and_it_is_in_force_and_audited(bot: BotUnderTest) -> None:
    reply = bot.command(ADMIN, "/cadence", "set min-group-size 7")

    assert "`min-group-size` is changed" in reply.text
    assert bot.runtime.settings.min_group_size == 7
    assert "7" in bot.command(ADMIN, "/cadence", "settings").text
    audit = bot.command(ADMIN, "/cadence", "audit").text
    assert "setting.changed" in audit
    assert "setting: min-group-size, value: 7" in audit


def test_a_channel_mention_is_stored_as_its_id(bot: BotUnderTest) -> None:
    bot.command(ADMIN, "/cadence", f"set recognition-channel <#{TEAM_A}|team-a>")

    assert bot.runtime.settings.recognition_channel == TEAM_A


def test_invalid_values_are_refused_with_what_to_change_and_nothing_stored(bot: BotUnderTest) -> None:
    reply = bot.command(ADMIN, "/cadence", "set min-group-size 2")

    assert "`min-group-size` must be a whole number from 3" in reply.text
    assert ".env" not in reply.text
    assert bot.runtime.settings.min_group_size == 5
    assert "No admin actions yet" in bot.command(ADMIN, "/cadence", "audit").text


def test_unknown_setting_lists_the_ones_that_exist(bot: BotUnderTest) -> None:
    reply = bot.command(ADMIN, "/cadence", "set colour blue")

    assert "no setting called `colour`" in reply.text
    assert "`min-group-size`" in reply.text


def test_reset_returns_to_the_deployment_value(bot: BotUnderTest) -> None:
    bot.command(ADMIN, "/cadence", "set recognition-channel <#C0TEAMA|team-a>")

    reply = bot.command(ADMIN, "/cadence", "reset recognition-channel")

    assert "back to the deployment's value" in reply.text
    assert bot.runtime.settings.recognition_channel == RECOGNITION
    assert "nothing to reset" in bot.command(ADMIN, "/cadence", "reset recognition-channel").text


def test_granting_a_role_to_a_person_and_a_group(bot: BotUnderTest) -> None:
    bot.command(ADMIN, "/cadence", f"role add champion <@{BOB}|bob> <!subteam^{SUPPORT_GROUP}|@support>")

    assert "champion" in bot.command(BOB, "/cadence", "help").text
    assert "champion" in bot.command(ALICE, "/cadence", "help").text  # Alice is in the support group
    roles = bot.command(ADMIN, "/cadence", "roles").text
    assert f"<@{BOB}>" in roles
    assert f"<!subteam^{SUPPORT_GROUP}>" in roles


def test_revoking_a_role(bot: BotUnderTest) -> None:
    reply = bot.command(ADMIN, "/cadence", f"role remove leader <@{LEADER}|leo>")

    assert "role is updated" in reply.text
    assert "For leaders" not in bot.command(LEADER, "/cadence", "help").text


def test_the_last_admin_cannot_be_removed(bot: BotUnderTest) -> None:
    reply = bot.command(ADMIN, "/cadence", f"role remove admin <@{ADMIN}|olivia>")

    assert "no admin who is a person" in reply.text
    assert Role.ADMIN in bot.runtime.roles.roles_of(ADMIN)


def test_bad_role_commands_say_how_to_write_them(bot: BotUnderTest) -> None:
    assert "/cadence role add|remove" in bot.command(ADMIN, "/cadence", "role promote <@U0BOB|bob>").text
    assert "Mention the people" in bot.command(ADMIN, "/cadence", "role add leader bob").text
    assert "already hold" in bot.command(ADMIN, "/cadence", f"role add leader <@{LEADER}|leo>").text


def test_a_change_made_in_one_process_reaches_another(bot: BotUnderTest, make_bot, clock) -> None:
    from datetime import timedelta

    other = make_bot()
    assert other.runtime.settings.min_group_size == 5
    bot.command(ADMIN, "/cadence", "set min-group-size 9")

    clock.advance(timedelta(seconds=31))

    assert other.runtime.settings.min_group_size == 9


def test_the_audit_log_pages_with_a_button(bot: BotUnderTest, slack: SlackEmulator) -> None:
    for size in range(3, 20):
        bot.command(ADMIN, "/cadence", f"set min-group-size {size}")
    first = bot.command(ADMIN, "/cadence", "audit")
    assert "Page 1 of 2" in first.text
    ephemeral = bot.shown(ADMIN, first)

    bot.click(ADMIN, action_id="audit_page", message=ephemeral)

    [second] = slack.ephemerals(user=ADMIN)  # the next page in place of the first
    assert second.ts == ephemeral.ts
    assert "Page 2 of 2" in str(second.blocks)
    assert "Older" not in str(second.blocks)


def test_actions_taken_on_the_command_line_show_as_such_in_the_audit(bot: BotUnderTest) -> None:
    from bot.admin.programme import change_setting
    from bot.admin.views import CLI_ACTOR

    change_setting(
        bot.runtime.config, actor=CLI_ACTOR, name="timezone", value="Europe/Paris", now=bot.runtime.clock.now()
    )

    audit = bot.command(ADMIN, "/cadence", "audit").text
    assert "the command line" in audit
    assert "<@cli>" not in audit
