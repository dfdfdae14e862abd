"""Admin builders: the settings in force with what was changed in Slack, role holders by kind of id, and the audit
log a page at a time — each a pure function of the admin views."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.admin.views import ADMIN_SETTINGS, CLI_ACTOR, AuditLine, HolidayLine, HolidaysInForce, SettingsInForce
from bot.platform.views import Role
from content.blocks.admin import UNSET, audit_blocks, holidays_blocks, roles_blocks, settings_blocks
from tests.support.blockkit import assert_valid_blocks

IN_FORCE = SettingsInForce(
    recognition_channel="C0KUDOS",
    min_group_size=6,
    timezone="Europe/London",
    shoutout_reaction="clap",
    shoutout_daily_limit=10,
    pulse_max_per_week=2,
    promise_statement="We <always> answer & follow up",
    programme_owner="",
    changed_in_slack=frozenset({"CADENCE_MIN_GROUP_SIZE"}),
)


def lines_of(blocks: list[dict]) -> list[str]:
    return blocks[1]["text"]["text"].split("\n")


def test_settings_show_each_value_in_force_and_mark_the_ones_changed_in_slack() -> None:
    blocks = settings_blocks(IN_FORCE)

    assert_valid_blocks(blocks)
    lines = dict(zip((s.name for s in ADMIN_SETTINGS), lines_of(blocks), strict=True))
    assert lines["recognition-channel"].endswith(": <#C0KUDOS>")
    assert lines["min-group-size"].endswith(": 6 _(changed in Slack)_")
    assert lines["timezone"].endswith(": Europe/London")
    assert lines["reaction"].endswith(": :clap:")
    assert lines["promise"].endswith(": We &lt;always&gt; answer &amp; follow up")
    assert lines["owner"].endswith(f": {UNSET}")
    assert sum("changed in Slack" in line for line in lines.values()) == 1


def test_roles_name_people_groups_and_an_empty_role_in_order() -> None:
    blocks = roles_blocks({Role.ADMIN: ("U0ADA",), Role.LEADER: ("U0LEO", "S0LEADS"), Role.CHAMPION: ()})

    assert_valid_blocks(blocks)
    assert lines_of(blocks) == [
        "*Admins*: <@U0ADA>",
        "*Leaders*: <@U0LEO>, <!subteam^S0LEADS>",
        f"*Champions*: {UNSET}",
    ]


def test_the_audit_shows_local_times_the_command_line_and_escaped_details() -> None:
    at = datetime(2026, 11, 30, 9, 5, tzinfo=UTC)
    entries = [
        AuditLine(at, "U0ADA", "setting.changed", {"setting": "promise", "value": "<!here>"}),
        AuditLine(at, CLI_ACTOR, "content.imported", {}),
    ]

    blocks = audit_blocks(entries, page=1, pages=1, zone=ZoneInfo("Europe/Paris"))

    assert_valid_blocks(blocks)
    first, second = lines_of(blocks)
    assert first == "`2026-11-30 10:05` <@U0ADA> *setting.changed* setting: promise, value: &lt;!here&gt;"
    assert second.startswith("`2026-11-30 10:05` the command line *content.imported*")
    assert "actions" not in json.dumps(blocks)


def test_the_audit_offers_older_entries_until_the_last_page() -> None:
    entry = AuditLine(datetime(2026, 11, 30, tzinfo=UTC), "U0ADA", "role.granted", {"role": "leader"})

    middle = audit_blocks([entry], page=2, pages=3, zone=ZoneInfo("UTC"))
    last = audit_blocks([entry], page=3, pages=3, zone=ZoneInfo("UTC"))

    [older] = middle[-1]["elements"]
    assert (older["action_id"], older["value"]) == ("audit_page", "3")
    assert middle[-2]["elements"][0]["text"] == "Page 2 of 3"
    assert last[-1]["type"] == "context"


def test_an_empty_audit_says_so() -> None:
    blocks = audit_blocks([], page=1, pages=1, zone=ZoneInfo("UTC"))

    assert blocks[-1]["text"]["text"] == "No admin actions yet."


def test_holidays_show_the_working_hours_and_each_assignment_in_the_order_that_decides() -> None:
    holidays = HolidaysInForce(
        "Mon-Fri 08:00-18:00",
        (HolidayLine("C0MANILA", "PH"), HolidayLine("S0OPS", "US CA"), HolidayLine("default", "GB")),
    )

    blocks = holidays_blocks(holidays)

    assert_valid_blocks(blocks)
    text = json.dumps(blocks)
    assert "*Working hours*: Mon-Fri 08:00-18:00" in text
    assert "<#C0MANILA>: PH\\n<!subteam^S0OPS>: US CA\\nThe organisation's default: GB" in text
    assert "None yet" in json.dumps(holidays_blocks(HolidaysInForce("Mon-Sun 00:00-24:00", ())))
