"""Teams given to Cadence: a `manager,member` CSV dropped in an admin's DM or imported with `python -m bot teams`,
checked whole; a refusal names the row at fault and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.__main__ import main
from bot.teams import lines
from emulator import SlackEmulator, Workspace
from storage.models import AuditEntry
from tests.e2e.conftest import ADMIN, ALICE, BOT_TOKEN, DAN, GONE, OTHER_BOT
from tests.e2e.team_support import TEAMS, TEAMS_CSV, workspace_with_teams
from tests.e2e.test_content_admin import upload
from tests.support.bot import BotUnderTest


@pytest.fixture
def workspace() -> Workspace:
    return workspace_with_teams()


def test_an_admin_drops_the_teams_file_in_their_dm_and_it_is_stored_and_audited(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    answer = upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)

    assert "Teams imported: 3 managers and 5 members" in answer
    assert lines(bot.runtime) == TEAMS
    with bot.runtime.session() as session:
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "teams.imported")).all()
    assert entry.actor == ADMIN and entry.detail["members"] == 5
    assert "Cadence knows 3 managers and 5 members" in bot.command(ADMIN, "/cadence", "teams").text


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (f"{ALICE},U0NOBODY\n", "Row 7: the member U0NOBODY is not a person in this workspace"),
        (f"{GONE},{DAN}\n", "Row 7: U0DAN has a second manager"),
        (f"{ALICE},{GONE}\n", f"Row 7: the member {GONE} is not a person"),
        (f"{OTHER_BOT},U0ERIN\n", "Row 7: U0ERIN has a second manager"),
        (f"{DAN},{ALICE}\n", "Row 7: U0DAN manages U0ALICE, who is above U0DAN in the same line (a cycle)"),
    ],
)
def test_a_file_with_one_bad_row_is_refused_naming_it_and_the_teams_in_force_stay(
    bot: BotUnderTest, slack: SlackEmulator, extra: str, said: str
) -> None:
    upload(bot, slack, ADMIN, "teams.csv", TEAMS_CSV)

    answer = upload(bot, slack, ADMIN, "teams-v2.csv", TEAMS_CSV + extra.encode())

    assert answer.startswith(":warning: Nothing was imported.") and said in answer, answer
    assert lines(bot.runtime) == TEAMS


def test_only_admins_import_teams_and_only_files_cadence_knows_are_read(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    assert "Only programme admins" in upload(bot, slack, ALICE, "teams.csv", TEAMS_CSV)
    assert "Only programme admins" in bot.command(ALICE, "/cadence", "teams").text
    assert "one .csv file" in upload(bot, slack, ADMIN, "teams.xlsx", TEAMS_CSV)
    assert lines(bot.runtime) == {}


def run(monkeypatch: pytest.MonkeyPatch, slack: SlackEmulator, database_url: str, *argv: str) -> int:
    for name, value in {
        "DATABASE_URL": database_url,
        "SLACK_API_URL": slack.api_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "CADENCE_ENV_FILE": "/nonexistent/.env",
    }.items():
        monkeypatch.setenv(name, value)
    return main(list(argv))


def test_the_cli_imports_a_file_exports_it_back_and_refuses_a_bad_row(
    bot: BotUnderTest,
    slack: SlackEmulator,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    teams_file, broken, exported = tmp_path / "teams.csv", tmp_path / "broken.csv", tmp_path / "out.csv"
    teams_file.write_bytes(TEAMS_CSV)
    broken.write_bytes(TEAMS_CSV + f"{ALICE},{ALICE}\n".encode())

    assert run(monkeypatch, slack, database_url, "teams", "import", str(teams_file)) == 0
    assert "imported 3 managers and 5 members" in capsys.readouterr().out
    assert run(monkeypatch, slack, database_url, "teams", "import", str(broken)) == 1
    assert "nothing was imported: Row 7: U0ALICE is their own member" in capsys.readouterr().err
    assert run(monkeypatch, slack, database_url, "teams", "export", str(exported)) == 0

    assert lines(bot.runtime) == TEAMS
    assert sorted(exported.read_text().splitlines()) == sorted(TEAMS_CSV.decode().splitlines())
