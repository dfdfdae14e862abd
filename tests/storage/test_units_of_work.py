"""Units of work on SQLite never wait for a lock their own thread holds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from storage.db import NestedWriteTransaction, create_db_engine, joined_scope, read_scope, session_scope


@pytest.fixture
def sqlite(tmp_path: Path) -> Engine:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'units.db'}")
    with session_scope(engine) as session:
        session.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
    return engine


def test_a_read_inside_a_write_on_the_same_thread_sees_the_committed_state_at_once(sqlite: Engine) -> None:
    started = time.monotonic()
    with session_scope(sqlite) as writer:
        writer.execute(text("INSERT INTO note (body) VALUES ('uncommitted')"))
        with read_scope(sqlite) as reader:
            assert reader.execute(text("SELECT count(*) FROM note")).scalar_one() == 0
    assert time.monotonic() - started < 1


def test_a_write_inside_a_write_on_the_same_thread_is_refused_at_once_and_nothing_is_kept(sqlite: Engine) -> None:
    started = time.monotonic()
    with pytest.raises(NestedWriteTransaction), session_scope(sqlite) as outer:
        outer.execute(text("INSERT INTO note (body) VALUES ('outer')"))
        with session_scope(sqlite) as inner:
            inner.execute(text("INSERT INTO note (body) VALUES ('inner')"))
    assert time.monotonic() - started < 1
    with session_scope(sqlite) as session:
        assert session.execute(text("SELECT count(*) FROM note")).scalar_one() == 0


def test_a_joined_write_inside_a_write_on_the_same_thread_is_part_of_it_not_a_second_one(sqlite: Engine) -> None:
    started = time.monotonic()
    with pytest.raises(RuntimeError), session_scope(sqlite) as outer:
        outer.execute(text("INSERT INTO note (body) VALUES ('outer')"))
        with joined_scope(sqlite) as joined:
            joined.execute(text("INSERT INTO note (body) VALUES ('joined')"))
        raise RuntimeError("a failure after the joined write")
    with joined_scope(sqlite) as alone:
        alone.execute(text("INSERT INTO note (body) VALUES ('alone')"))
    assert time.monotonic() - started < 1
    with read_scope(sqlite) as session:
        assert session.execute(text("SELECT body FROM note")).scalars().all() == ["alone"]


def test_after_a_write_ends_the_thread_may_write_again(sqlite: Engine) -> None:
    for body in ("first", "second"):
        with session_scope(sqlite) as session:
            session.execute(text("INSERT INTO note (body) VALUES (:body)"), {"body": body})
    with pytest.raises(RuntimeError), session_scope(sqlite) as session:
        session.execute(text("INSERT INTO note (body) VALUES ('rolled back')"))
        raise RuntimeError("a failure inside the unit of work")
    with session_scope(sqlite) as session:
        assert session.execute(text("SELECT count(*) FROM note")).scalar_one() == 2
