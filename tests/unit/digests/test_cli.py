"""`python -m bot digest --channel C… --dry-run`: the digest's Block Kit on stdout, nothing posted, no secrets."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import SQLModel

from storage.db import create_db_engine
from tests.unit.test_cli import run_cli


def test_dry_run_prints_the_digest_blocks_without_a_token_or_signing_secret(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()

    result = run_cli(
        "digest",
        "--channel",
        "C0CHAMPS",
        "--dry-run",
        cwd=tmp_path,
        env={"DATABASE_URL": url, "CADENCE_DIGEST_CHANNELS": "C0CHAMPS", "SLACK_API_URL": "http://127.0.0.1:9/api/"},
    )

    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["channel"] == "C0CHAMPS"
    assert printed["blocks"][0]["type"] == "header"
    assert "A quiet week" in json.dumps(printed["blocks"])


def test_dry_run_for_a_channel_without_a_digest_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()

    result = run_cli("digest", "--channel", "C0OTHER", "--dry-run", cwd=tmp_path, env={"DATABASE_URL": url})

    assert result.returncode == 1
    assert "not a digest channel" in result.stdout
