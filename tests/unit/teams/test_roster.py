"""A teams file is checked whole, and a refusal names the row at fault and what to change."""

from __future__ import annotations

import pytest

from bot.teams.roster import Row, TeamsImportError, check_known, check_rules, read

GOOD = b"manager,member\nU0MAYA,U0ALICE\nU0MAYA,U0BOB\nU0NOAH,U0CAROL\n"


def parse(blob: bytes) -> list[Row]:
    """A file read and its rows checked, as an import does before asking the directory."""
    rows = read(blob)
    check_rules(rows)
    return rows


def refusal(blob: bytes) -> str:
    with pytest.raises(TeamsImportError) as raised:
        parse(blob)
    return str(raised.value)


def test_a_good_file_gives_one_row_per_member_numbered_as_a_spreadsheet_shows_them() -> None:
    rows = parse(GOOD)

    assert rows == [Row(2, "U0MAYA", "U0ALICE"), Row(3, "U0MAYA", "U0BOB"), Row(4, "U0NOAH", "U0CAROL")]


def test_a_byte_order_mark_spaces_blank_rows_and_mention_forms_are_accepted() -> None:
    rows = parse("\ufeffManager , Member\n\n <@U0MAYA> , U0ALICE \n,\n<@U0MAYA|maya>,<@U0BOB|bob>\n".encode())

    assert rows == [Row(3, "U0MAYA", "U0ALICE"), Row(5, "U0MAYA", "U0BOB")]


@pytest.mark.parametrize(
    ("blob", "said"),
    [
        (b"boss,person\nU0MAYA,U0ALICE\n", "Row 1: the first row must be the header `manager,member`"),
        (b"", "Row 1: the first row must be the header"),
        (b"manager,member\n", "no rows after its header"),
        (b"manager,member\nU0MAYA,U0ALICE,U0BOB\n", "Row 2: give two cells"),
        (b"manager,member\nU0MAYA,U0ALICE\nmaya,U0BOB\n", "Row 3: `maya` is not a Slack user id for the manager"),
        (b"manager,member\nU0MAYA,U0MAYA\n", "Row 2: U0MAYA is their own member"),
        (b"manager,member\nU0MAYA,U0ALICE\nU0MAYA,U0ALICE\n", "Row 3: repeats row 2"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_broken_file_is_refused_naming_the_row(blob: bytes, said: str) -> None:
    assert said in refusal(blob)


def test_a_member_with_two_managers_is_refused_naming_both_rows() -> None:
    said = refusal(b"manager,member\nU0MAYA,U0ALICE\nU0NOAH,U0BOB\nU0NOAH,U0ALICE\n")

    assert "Row 4: U0ALICE has a second manager (U0NOAH; row 2 gives U0MAYA)" in said


def test_a_manager_may_be_another_managers_member_but_a_cycle_is_refused_at_the_row_closing_it() -> None:
    line = b"manager,member\nU0DIRA,U0MAYA\nU0MAYA,U0ALICE\n"
    assert [r.member for r in parse(line)] == ["U0MAYA", "U0ALICE"]

    said = refusal(b"manager,member\nU0DIRA,U0ZED\nU0DIRA,U0MAYA\nU0MAYA,U0NOAH\nU0NOAH,U0DIRA\n")

    assert said.startswith("Row 5: U0NOAH manages U0DIRA, who is above U0NOAH in the same line (a cycle)")


def test_a_loop_above_a_row_is_reported_at_the_loop_not_at_the_row_hanging_from_it() -> None:
    said = refusal(b"manager,member\nU0MAYA,U0ALICE\nU0NOAH,U0MAYA\nU0MAYA,U0NOAH\n")

    assert said.startswith("Row 4: U0MAYA manages U0NOAH")


def test_someone_the_directory_does_not_know_is_refused_naming_the_row_and_role() -> None:
    rows = parse(GOOD)

    with pytest.raises(TeamsImportError, match=r"Row 4: the member U0CAROL is not a person in this workspace"):
        check_known(rows, {"U0MAYA", "U0ALICE", "U0BOB", "U0NOAH"})
    check_known(rows, {"U0MAYA", "U0ALICE", "U0BOB", "U0NOAH", "U0CAROL"})


def slack_refusal(rows: list[Row], reachable: set[str] | None = None) -> str:
    with pytest.raises(TeamsImportError) as raised:
        check_rules(rows)
        check_known(rows, reachable or set())
    return str(raised.value)


def test_rows_given_in_slack_are_refused_by_the_same_rules_naming_people_as_mentions() -> None:
    in_force = [Row(0, "U0MAYA", "U0ALICE")]

    assert slack_refusal([Row(0, "U0NOAH", "U0NOAH")]) == (
        "<@U0NOAH> is their own member; leave them out of their team."
    )
    assert slack_refusal([*in_force, Row(0, "U0NOAH", "U0ALICE")]).startswith(
        "<@U0ALICE> is already in <@U0MAYA>'s team, and a member has one manager"
    )
    assert slack_refusal([*in_force, Row(0, "U0ALICE", "U0MAYA")]).startswith(
        "<@U0ALICE> manages <@U0MAYA>, who is above <@U0ALICE> in the same line (a cycle)"
    )
    assert slack_refusal(in_force, {"U0MAYA"}).startswith(
        "<@U0ALICE>, in <@U0MAYA>'s team, is not a person in this workspace (unknown, a bot or deactivated): leave"
    )
