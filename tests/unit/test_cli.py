"""`python -m bot` as an operator meets it: one clear line for a bad or missing setting, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout under test, so `-m bot` runs its code


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CADENCE_", "DATABASE_URL"))}
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=clean | (env or {}),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_without_any_configuration_prints_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path)

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cadence: SLACK_BOT_TOKEN is not set")
    assert ".env.example" in lines[0]
    assert "`make demo`" in lines[0] and "without Slack" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_setting_in_dotenv_is_named(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1\nSLACK_APP_TOKEN=xapp-1\nCADENCE_MIN_GROUP_SIZE=1\n")

    result = run_cli("run", cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip().startswith("cadence: CADENCE_MIN_GROUP_SIZE must be a whole number from 3")


def test_migrate_creates_the_schema(tmp_path: Path) -> None:
    result = run_cli("migrate", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"})

    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert (tmp_path / "c.db").exists()
