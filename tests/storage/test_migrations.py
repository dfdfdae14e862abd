"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from storage.db import create_db_engine
from storage.migrate import upgrade
from tests.conftest import require_postgres


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def empty(engine: Engine) -> Engine:
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    return engine


def test_migrations_match_the_models_on_sqlite(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'm.db'}")

    upgrade(engine)

    assert schema_differences(engine) == []


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)

    upgrade(engine)

    assert schema_differences(engine) == []


@pytest.mark.postgres
def test_migrations_match_the_models_on_postgres() -> None:
    engine = empty(create_db_engine(require_postgres()))
    try:
        upgrade(engine)
        assert schema_differences(engine) == []
    finally:
        empty(engine).dispose()
