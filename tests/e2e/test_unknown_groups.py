"""A user group Slack does not know, named by id (S…) or as a mention Slack once wrote, is refused privately on
every surface that takes a group, saying what to change, with nothing stored; a group Slack knows is taken by id,
mention or @handle alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import select

from bot.platform.runtime import Runtime
from emulator import SlackEmulator
from storage import calendars
from storage import digests as digest_store
from storage.models import AuditEntry, PulseCampaign
from tests.e2e.conftest import ADMIN, ALICE, BOB, SUPPORT_GROUP, TEAM_A
from tests.e2e.keymessage_support import errors_of, schedule
from tests.e2e.pulse_steps import submit_new_pulse
from tests.support.blockkit import assert_valid_blocks
from tests.support.bot import BotUnderTest

GONE = "S0GONE"
UNKNOWN = [GONE, f"<!subteam^{GONE}|@gone>"]
REFUSAL = f"I can't find the user group {GONE}: use its @handle or its ID (S…)."


def admin_says(bot: BotUnderTest, text: str) -> str:
    reply = bot.command(ADMIN, "/cadence", text)
    assert reply.status == 200
    assert_valid_blocks(reply.json["blocks"])
    return reply.text


def audit_actions(runtime: Runtime) -> list[str]:
    with runtime.session() as session:
        return [e.action for e in session.exec(select(AuditEntry))]


@pytest.mark.parametrize("named", UNKNOWN)
def test_holidays_refuse_a_group_slack_does_not_know(bot: BotUnderTest, runtime: Runtime, named: str) -> None:
    assert REFUSAL in admin_says(bot, f"holidays {named} PH")

    with runtime.session() as session:
        assert list(calendars.assignments(session)) == []


@pytest.mark.parametrize("named", UNKNOWN)
def test_the_pulse_form_refuses_a_group_slack_does_not_know(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, named: str
) -> None:
    reply = submit_new_pulse(bot, slack, groups=f"{SUPPORT_GROUP}, {named}")

    assert reply.json["errors"] == {"groups": REFUSAL}
    with runtime.session() as session:
        assert list(session.exec(select(PulseCampaign))) == []


@pytest.mark.parametrize("named", UNKNOWN)
def test_the_key_message_composer_refuses_a_group_slack_does_not_know(
    bot: BotUnderTest, slack: SlackEmulator, named: str
) -> None:
    errors = errors_of(schedule(bot, slack, groups=f"@support {named}"))

    assert errors["groups"] == REFUSAL


def submit_digest_setup(bot: BotUnderTest, slack: SlackEmulator, group: str) -> dict:
    bot.command(ADMIN, "/cadence", "digest setup", channel=TEAM_A)
    view = slack.opened_views(ADMIN)[-1]
    values = {
        "digest_channel": TEAM_A,
        "digest_scope": "usergroup",
        "digest_scope_group": group,
        "digest_weekday": "4",
        "digest_time": "16:30",
        "digest_timezone": "Europe/London",
    }
    return dict(bot.submit(ADMIN, view, values).json)


@pytest.mark.parametrize("named", UNKNOWN)
def test_digest_setup_refuses_a_group_slack_does_not_know(
    bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime, named: str
) -> None:
    reply = submit_digest_setup(bot, slack, named)

    assert reply["errors"] == {"digest_scope_group": REFUSAL}
    with runtime.session() as session:
        assert digest_store.configured_channels(session) == []


def test_digest_setup_takes_a_group_by_its_handle(bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime) -> None:
    reply = submit_digest_setup(bot, slack, "@support")

    assert reply["response_action"] == "update"
    with runtime.session() as session:
        [row] = digest_store.configured_channels(session)
        assert row.scope_ids == [SUPPORT_GROUP]


def test_a_role_is_not_given_to_a_group_slack_does_not_know(bot: BotUnderTest, runtime: Runtime) -> None:
    said = admin_says(bot, f"role add champion <@{BOB}|bob> <!subteam^{GONE}|@gone>")

    assert REFUSAL in said
    assert "role.granted" not in audit_actions(runtime)
    assert f"<@{BOB}>" not in admin_says(bot, "roles")


def test_a_role_is_taken_from_a_group_slack_no_longer_knows(make_bot: Callable[..., BotUnderTest]) -> None:
    bot = make_bot(CADENCE_CHAMPIONS=f"{ALICE},{GONE}")

    said = bot.command(ADMIN, "/cadence", f"role remove champion <!subteam^{GONE}|@gone>").text

    assert "The champion role is updated" in said
    assert GONE not in bot.runtime.settings.champions


@pytest.mark.parametrize("named", UNKNOWN)
def test_teams_set_refuses_a_group_slack_does_not_know(bot: BotUnderTest, runtime: Runtime, named: str) -> None:
    said = admin_says(bot, f"teams set <@{ALICE}> <@{BOB}> {named}")

    assert f"Nothing changed. {REFUSAL}" in said
    assert "teams.set" not in audit_actions(runtime)


def test_the_pulse_form_takes_a_group_by_its_handle(bot: BotUnderTest, slack: SlackEmulator, runtime: Runtime) -> None:
    reply = submit_new_pulse(bot, slack, channels=[], groups=f"@support, {SUPPORT_GROUP}")

    assert reply.json["response_action"] == "update"
    with runtime.session() as session:
        assert [c.audience for c in session.exec(select(PulseCampaign))] == [[SUPPORT_GROUP]]
