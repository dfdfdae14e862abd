"""`/cadence help`: each command under the first of its roles the person holds, and their roles named."""

from __future__ import annotations

from bot.help.views import CommandHelp
from bot.platform.views import Role
from content.blocks.help import help_blocks, unknown_subcommand_text
from tests.support.blockkit import assert_valid_blocks

COMMANDS = (
    CommandHelp("/cadence help", "What you can do", (Role.EMPLOYEE,)),
    CommandHelp("/pulse new", "Start a pulse", (Role.CHAMPION, Role.LEADER, Role.ADMIN)),
    CommandHelp("/cadence audit", "Every admin action", (Role.ADMIN,)),
)


def sections_of(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def test_commands_are_grouped_under_the_first_role_held_that_opens_them() -> None:
    blocks = help_blocks(COMMANDS, {Role.ADMIN, Role.EMPLOYEE, Role.LEADER})

    assert_valid_blocks(blocks)
    assert sections_of(blocks) == [
        "*For everyone*\n`/cadence help` — What you can do",
        "*For leaders*\n`/pulse new` — Start a pulse",
        "*For programme admins*\n`/cadence audit` — Every admin action",
    ]
    assert blocks[-1]["elements"][0]["text"] == "Your roles: employee, leader, admin"


def test_a_role_without_commands_of_its_own_gets_no_heading() -> None:
    blocks = help_blocks(COMMANDS[:2], {Role.EMPLOYEE, Role.CHAMPION, Role.ADMIN})

    assert [s.split("\n")[0] for s in sections_of(blocks)] == ["*For everyone*", "*For change champions*"]


def test_an_unknown_subcommand_is_escaped_and_points_to_help() -> None:
    text = unknown_subcommand_text("/cadence", "<!here>")

    assert text == "I don't know `/cadence &lt;!here&gt;`. Try `/cadence help` to see what you can do."


def test_one_commands_help_is_titled_by_it_and_points_to_everything_else() -> None:
    blocks = help_blocks(COMMANDS[1:2], {Role.EMPLOYEE, Role.LEADER}, command="/pulse")

    assert_valid_blocks(blocks)
    assert blocks[0]["text"]["text"] == "/pulse — what you can do"
    assert "`/cadence help` shows everything you can do" in blocks[-1]["elements"][0]["text"]
