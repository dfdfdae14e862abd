"""`python -m bot export | forget | content`: run as an operator runs them, against a database file."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import SQLModel

from storage.db import create_db_engine
from tests.support.programme_data import ProgrammeData
from tests.unit.test_cli import run_cli

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
Q = "align-role-meaning"


def database(tmp_path: Path) -> tuple[str, ProgrammeData]:
    url = f"sqlite:///{tmp_path / 'cadence.db'}"
    engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    return url, ProgrammeData(engine)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_export_writes_shoutouts_and_only_publishable_aggregates(tmp_path: Path) -> None:
    url, data = database(tmp_path)
    data.shoutout(giver="U0ALICE", recipients=["U0BOB", "U0CAROL"], at=NOW, behaviour="own-it", message="Stayed late")
    big = data.pulse_round(closes_at=NOW - timedelta(days=2), answers=[{Q: s} for s in (5, 4, 4, 2, 1)], invited=7)
    data.pulse_round(closes_at=NOW - timedelta(days=1), answers=[{Q: 5}, {Q: 1}], invited=2)
    data.key_message(title="Why it matters", occurs_at=NOW - timedelta(days=1), delivered=3, got_it=2)

    result = run_cli("export", "--out", str(tmp_path / "out"), cwd=tmp_path, env={"DATABASE_URL": url})

    assert result.returncode == 0, result.stderr
    assert "shoutouts.csv: 1 rows" in result.stdout
    [shoutout] = read_csv(tmp_path / "out" / "shoutouts.csv")
    assert (shoutout["giver"], shoutout["recipients"], shoutout["message"]) == (
        "U0ALICE",
        "U0BOB U0CAROL",
        "Stayed late",
    )
    results = read_csv(tmp_path / "out" / "pulse_results.csv")
    assert [(r["round"], r["group"], r["respondents"], r["mean"]) for r in results] == [
        (str(big), "all", "5", "3.20"),
        (str(big), "C0GENERAL", "5", "3.20"),
    ]
    assert results[0]["distribution"] == "1:1 2:1 4:2 5:1"
    turnout = read_csv(tmp_path / "out" / "pulse_participation.csv")
    assert [(t["invited"], t["answered"]) for t in turnout] == [("7", "5"), ("2", "2")]
    [reach] = read_csv(tmp_path / "out" / "key_message_reach.csv")
    assert (reach["title"], reach["delivered"], reach["got_it"]) == ("Why it matters", "3", "2")
    exported = "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    assert "tok-" not in exported and "U9P" not in exported


def test_forget_reports_what_it_changed_and_refuses_what_is_not_a_person(tmp_path: Path) -> None:
    url, data = database(tmp_path)
    data.shoutout(giver="U0ALICE", recipients=["U0BOB"], at=NOW, message="words")
    data.shoutout(giver="U0CAROL", recipients=["U0ALICE"], at=NOW)

    result = run_cli("forget", "U0ALICE", cwd=tmp_path, env={"DATABASE_URL": url})
    again = run_cli("forget", "U0ALICE", cwd=tmp_path, env={"DATABASE_URL": url})
    refused = run_cli("forget", "#general", cwd=tmp_path, env={"DATABASE_URL": url})

    assert result.returncode == 0, result.stderr
    assert "shoutouts_given: 1" in result.stdout and "shoutouts_received: 1" in result.stdout
    assert "forgot U0ALICE: 2 records changed" in result.stdout
    assert "0 records changed" in again.stdout
    assert refused.returncode == 1 and "not a person's Slack user id" in refused.stderr


def test_content_export_then_a_broken_import_changes_nothing_and_a_good_one_is_in_force(tmp_path: Path) -> None:
    url, _data = database(tmp_path)
    env = {"DATABASE_URL": url}
    pack = tmp_path / "pack"

    exported = run_cli("content", "export", str(pack), cwd=tmp_path, env=env)
    assert exported.returncode == 0, exported.stderr
    assert sorted(p.name for p in pack.iterdir()) == [
        "behaviours.toml",
        "messages.toml",
        "promise.toml",
        "prompts.toml",
        "questions.toml",
    ]
    promise = pack / "promise.toml"
    promise.write_text(promise.read_text().replace("statement =", "statment ="))
    broken = run_cli("content", "import", str(pack), cwd=tmp_path, env=env)
    assert broken.returncode == 1 and "nothing was imported" in broken.stderr and "promise.toml" in broken.stderr

    promise.write_text(promise.read_text().replace("statment =", "statement =").replace("We make", "We help"))
    imported = run_cli("content", "import", str(pack), cwd=tmp_path, env=env)
    assert imported.returncode == 0, imported.stderr
    run_cli("content", "export", str(tmp_path / "again"), cwd=tmp_path, env=env)
    assert "We help every customer" in (tmp_path / "again" / "promise.toml").read_text()
