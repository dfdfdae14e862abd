"""The engine and the unit of work: one engine per process, one session per handler call or job run."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "cadence_read_only"
_writers: dict[int, tuple[int, str]] = {}  # SQLite connection -> (thread, database) of its open write transaction
_writers_lock = threading.Lock()


def create_db_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout and write-locking transactions, so concurrent handlers
    in one process wait for each other instead of failing with "database is locked"."""
    if not is_sqlite(url):
        return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)
    _ensure_parent_folder(url)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_immediate)
    event.listen(engine, "commit", _write_ended)
    event.listen(engine, "rollback", _write_ended)
    event.listen(engine, "checkin", _forget_writer)
    return engine


def dialect_insert(bind: Session | Connection) -> Any:
    """The INSERT of the database behind `bind`, for its ON CONFLICT clauses."""
    connection = bind.get_bind() if isinstance(bind, Session) else bind
    return pg_insert if connection.dialect.name == "postgresql" else sqlite_insert


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _ensure_parent_folder(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    """A deferred transaction that later writes can fail at once with SQLITE_BUSY when another writer got there
    first (the busy timeout does not apply to lock upgrades). Taking the write lock up front makes writers queue.

    Two exceptions keep a thread from ever waiting for a lock it holds itself. A read-only unit of work (see
    `read_scope`) begins deferred: under WAL it reads the last committed state without waiting for any writer. And
    a second write transaction begun while the same thread holds one would wait for itself for the whole busy
    timeout, holding every other writer up with it, so it is refused at once."""
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
        return
    here = (threading.get_ident(), str(connection.engine.url))
    with _writers_lock:
        if here in _writers.values():
            raise NestedWriteTransaction("a write transaction was begun inside another one on the same thread")
    connection.exec_driver_sql("BEGIN IMMEDIATE")
    with _writers_lock:
        _writers[id(connection.connection.dbapi_connection)] = here


def _write_ended(connection: Connection) -> None:
    _forget_writer(connection.connection.dbapi_connection)


def _forget_writer(dbapi_connection: Any, *_: Any) -> None:
    """A write transaction ends with its commit or rollback, or at the latest when its connection goes back to the
    pool (a session dropped without closing), whichever thread that happens in."""
    with _writers_lock:
        _writers.pop(id(dbapi_connection), None)


class NestedWriteTransaction(RuntimeError):
    """A unit of work that writes was opened inside another on the same thread (on SQLite it could only wait for
    the outer one to finish, which never happens while it waits)."""


_open_unit: ContextVar[tuple[Engine, Session] | None] = ContextVar("open_unit_of_work", default=None)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits once at the end, rolls back everything if anything inside raised."""
    with Session(engine, expire_on_commit=False) as session:
        opened = _open_unit.set((engine, session))
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            _open_unit.reset(opened)


@contextmanager
def joined_scope(engine: Engine) -> Iterator[Session]:
    """The unit of work already open on `engine` in this thread, or a new one. For services that callers may use
    inside their own unit of work: on SQLite a second one would wait for the first's write lock, held by its own
    caller."""
    current = _open_unit.get()
    if current is not None and current[0] is engine:
        yield current[1]
        return
    with session_scope(engine) as session:
        yield session


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads. On SQLite it takes no write lock, so it never waits for a writer, not even
    for one the same thread holds (under WAL it reads the last committed state)."""
    with Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as session:
        yield session


def database_is_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds; used by `GET /healthz`."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False
