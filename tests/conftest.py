"""Fixtures every suite shares: no real Slack credentials, a clock that moves only when told, a fresh database.

By default every test gets a SQLite file of its own. `CADENCE_TEST_DATABASE_URL` names a PostgreSQL database
(CI sets it): tests marked `postgres` use it, and skip with the reason when it is missing — except on CI, where they
must run. `CADENCE_TEST_BACKEND=postgres` (`make test-postgres`) runs every database test on PostgreSQL instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import storage.models  # noqa: F401 - registers the tables
from bot.platform.timesource import ManualTime
from storage.db import create_db_engine

POSTGRES_URL_SETTING = "CADENCE_TEST_DATABASE_URL"
BACKEND_SETTING = "CADENCE_TEST_BACKEND"
START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True)
def no_real_slack_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests can never see a real token, whatever the developer's shell exports."""
    for name in list(os.environ):
        if name.startswith(("SLACK_", "CADENCE_")) and name not in (POSTGRES_URL_SETTING, BACKEND_SETTING):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


@pytest.fixture
def clock() -> ManualTime:
    return ManualTime(START)


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_URL_SETTING) or None


def require_postgres() -> str:
    url = postgres_url()
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_URL_SETTING} must be set on CI: the PostgreSQL tests may not skip there")
    pytest.skip(f"needs PostgreSQL: set {POSTGRES_URL_SETTING}=postgresql+psycopg://user@host/db")


def fresh_engine(url: str) -> Engine:
    engine = create_db_engine(url)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    return engine


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A SQLite file of this test's own, or PostgreSQL under `make test-postgres`."""
    if os.environ.get(BACKEND_SETTING) == "postgres":
        return require_postgres()
    return f"sqlite:///{tmp_path / 'cadence.db'}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = fresh_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    engine = fresh_engine(require_postgres())
    yield engine
    engine.dispose()
