"""The foundation end to end: signed requests only, `/cadence help` by role, health."""

from __future__ import annotations

import json
import time

from bot.platform.runtime import build_runtime
from emulator import SlackEmulator
from emulator.signing import form_body, signed_headers
from tests.e2e.conftest import ADMIN, ALICE, CHAMPION, LEADER, SIGNING_SECRET
from tests.support.bot import BotUnderTest


def slash_body(user: str, text: str) -> str:
    return form_body(
        {
            "command": "/cadence",
            "text": text,
            "user_id": user,
            "channel_id": "C0GENERAL",
            "team_id": "T0CADENCE",
            "trigger_id": "1.2.3",
            "response_url": "http://127.0.0.1:9/x",
        }
    )


def test_help_shows_an_employee_only_what_everyone_may_do(bot: BotUnderTest) -> None:
    reply = bot.command(ALICE, "/cadence", "help")

    assert reply.status == 200
    assert "/cadence help" in reply.text
    assert "For everyone" in reply.text
    assert "For programme admins" not in reply.text
    assert "Your roles: employee" in reply.text


def test_help_shows_each_role_its_sections(bot: BotUnderTest) -> None:
    assert "Your roles: employee, admin" in bot.command(ADMIN, "/cadence", "help").text
    assert "Your roles: employee, leader" in bot.command(LEADER, "/cadence", "").text
    assert "Your roles: employee, champion" in bot.command(CHAMPION, "/cadence", "HELP").text


def test_unknown_subcommand_gets_a_private_pointer_to_help(bot: BotUnderTest) -> None:
    reply = bot.command(ALICE, "/cadence", "frobnicate <script>")

    assert reply.status == 200
    assert reply.json.get("response_type", "ephemeral") == "ephemeral"
    assert "I don't know `/cadence frobnicate`" in reply.text
    assert "/cadence help" in reply.text


def test_forged_signature_is_refused_and_changes_nothing(bot: BotUnderTest, slack: SlackEmulator) -> None:
    body = slash_body(ALICE, "help")
    headers = signed_headers("not-the-secret", body, content_type="application/x-www-form-urlencoded")
    calls_before = len(slack.calls)

    reply = bot.post(body, headers)

    assert reply.status == 401
    assert "Cadence" not in reply.body
    assert len(slack.calls) == calls_before


def test_stale_timestamp_is_refused(bot: BotUnderTest, slack: SlackEmulator) -> None:
    body = slash_body(ALICE, "help")
    ten_minutes_ago = int(time.time()) - 600
    headers = signed_headers(
        SIGNING_SECRET, body, content_type="application/x-www-form-urlencoded", timestamp=ten_minutes_ago
    )

    reply = bot.post(body, headers)

    assert reply.status == 401


def test_missing_signature_is_refused(bot: BotUnderTest) -> None:
    reply = bot.post(slash_body(ALICE, "help"), {"Content-Type": "application/x-www-form-urlencoded"})

    assert reply.status == 401


def test_url_verification_is_answered_with_the_challenge(bot: BotUnderTest) -> None:
    body = json.dumps(
        {
            "type": "url_verification",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "token": "unused",
        }
    )
    reply = bot.post(body, signed_headers(SIGNING_SECRET, body, content_type="application/json"))

    assert reply.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in reply.body


def test_healthz_reports_a_reachable_database(bot: BotUnderTest) -> None:
    reply = bot.get("/healthz")

    assert reply.status == 200
    assert reply.json == {"ok": True, "database": "ok"}


def test_healthz_fails_when_the_database_is_unreachable(settings, clock, slack: SlackEmulator) -> None:
    from storage.db import create_db_engine

    unreachable = create_db_engine("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1")
    under_test = BotUnderTest(build_runtime(settings, clock=clock, engine=unreachable), slack)
    try:
        reply = under_test.get("/healthz")
    finally:
        under_test.stop()

    assert reply.status == 503
    assert reply.json["database"] == "unreachable"


def test_a_role_given_as_a_user_group_reaches_its_members(make_bot, slack: SlackEmulator) -> None:
    from tests.e2e.conftest import ALICE, BOB, DAN, SUPPORT_GROUP

    bot = make_bot(CADENCE_LEADERS=SUPPORT_GROUP)

    assert "Your roles: employee, leader" in bot.command(ALICE, "/cadence", "help").text
    assert "Your roles: employee, leader" in bot.command(BOB, "/cadence", "help").text
    assert '"Your roles: employee"' in bot.command(DAN, "/cadence", "help").text
