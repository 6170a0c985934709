"""The one engine of a process, and the two ways to use it: read or write.

`Store` wraps a SQLAlchemy engine built from `DATABASE_URL` (embedded SQLite by
default, PostgreSQL for hosted use). Reads use `store.read()`; every write uses
`store.write()`, one short transaction per user action, which on SQLite starts
with `BEGIN IMMEDIATE` so that concurrent writers queue on the busy timeout
instead of failing with "database is locked" half-way through. `one_transaction(store)` is a store whose
every read and write is part of one such transaction (the demo is built in one).

This module never creates tables itself: the schema belongs to the Alembic
migrations (`core.store.migrate`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

# DBAPIError (any error the database raised) and IntegrityError (a unique or foreign-key rule refused a row) are
# re-exported: code outside the store catches them from here, so nothing outside `core/store` imports SQLAlchemy.
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError  # noqa: F401
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

APP_DIR_NAME = "harm-reduction-workbook"
SQLITE_BUSY_TIMEOUT_MS = 15_000


def default_database_path() -> Path:
    """Where the embedded database lives when `DATABASE_URL` is not set.

    Outside the source tree, in the user's data folder, so that a `git clean`
    or a fresh clone never touches anyone's answers.
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME / "workbook.db"


def database_url() -> str:
    """`DATABASE_URL` if set, else the embedded SQLite file (its folder is created)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def describe_url(url: str) -> str:
    """The database location for people to read, with any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine) -> None:
    # SQLAlchemy's pysqlite recipe: let SQLAlchemy, not the driver, emit BEGIN,
    # so that write transactions can be BEGIN IMMEDIATE.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised via engine
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for `url` with the settings the workbook relies on.

    SQLite: WAL, busy timeout, foreign keys on, BEGIN IMMEDIATE for writes; an
    in-memory URL shares one connection (for tests). PostgreSQL: pre-ping, so
    a server restart costs one retry, not an error on screen.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
        if parsed.database in (None, "", ":memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class StoreError(RuntimeError):
    """A write could not be completed; nothing of it was kept. The message is for people."""


class Store:
    """The database of one process: `read()` for queries, `write()` for changes."""

    uncommitted = False  # True for the store seen from inside one open transaction (`one_transaction`)

    def __init__(self, engine: Engine):
        self.engine = engine
        self._write_engine = engine.execution_options(write=True)
        self.writes = 0  # counts write transactions of this process; read snapshots compare it

    @classmethod
    def from_url(cls, url: str | None = None) -> Store:
        return cls(make_engine(url or database_url()))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short session for reading; nothing it does is committed."""
        with Session(self.engine) as session:
            yield session

    @contextmanager
    def write(self, attempts: int = 3) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        On SQLite the transaction takes the write lock at its start, so two
        writers never deadlock; a writer that still finds the database busy
        after the busy timeout gets a `StoreError` instead of a half-write.
        """
        session = Session(self._write_engine, expire_on_commit=False)
        try:
            for attempt in range(attempts):
                try:
                    session.connection()  # BEGIN (IMMEDIATE) now, not at first statement
                    break
                except OperationalError as exc:
                    session.rollback()
                    if attempt == attempts - 1:
                        raise StoreError(
                            "The workbook's database is busy; your change was not saved. Try again."
                        ) from exc
                    time.sleep(0.05 * (attempt + 1))
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            self.writes += 1
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


class _InOneTransaction(Store):
    """The store seen from inside one open transaction: reads and writes all use its connection, each `write()`
    is a savepoint of it (so a caller's own "try, and on a clash try again" still works), and nothing is
    committed until the outer transaction is."""

    uncommitted = True  # what it reads may never be committed: nothing read through it is kept (versioned)

    def __init__(self, store: Store, connection: Connection):
        super().__init__(store.engine)
        self._connection = connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(bind=self._connection, join_transaction_mode="create_savepoint") as session:
            yield session

    @contextmanager
    def write(self, attempts: int = 3) -> Iterator[Session]:
        session = Session(bind=self._connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield session
            session.commit()  # releases the savepoint; the outer transaction decides
        except BaseException:
            session.rollback()
            raise
        finally:
            self.writes += 1
            session.close()


@contextmanager
def one_transaction(store: Store) -> Iterator[Store]:
    """A store whose every read and write runs in one write transaction of `store`, committed when the block ends."""
    with store.write() as outer:
        yield _InOneTransaction(store, outer.connection())
