"""Engines, schema migrations and backups. Only this package creates engines or writes SQL."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from etl.errors import ConfigError
from etl.paths import MIGRATIONS_DIR

log = logging.getLogger(__name__)


# WAL makes NORMAL sync durable enough (a power cut loses at most the last commit, never corrupts).
# Readers keep a small page cache: the operating system caches the file once for every process, while
# each connection's own cache is private memory (4 threads x 2 workers x 128 MiB was most of a
# worker's memory on a million rows, and no query was faster for it).
SQLITE_READ_PRAGMAS = ("PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-8192")
# During a load a 128 MiB page cache keeps the observation indexes in memory (bulk_pragmas).
SQLITE_SPEED_PRAGMAS = ("PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-131072", "PRAGMA temp_store=MEMORY")
_SQLITE_AFTER_LOAD = ("PRAGMA cache_size=-8192", "PRAGMA temp_store=DEFAULT")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the loader
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    for pragma in SQLITE_READ_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


@contextmanager
def bulk_pragmas(connection: Connection) -> Iterator[None]:
    """A large page cache and in-memory temporary tables for one load on this connection (SQLite),
    given back when it ends: the connection returns to the pool that readers use."""
    sqlite = connection.dialect.name == "sqlite"
    for pragma in SQLITE_SPEED_PRAGMAS if sqlite else ():
        connection.exec_driver_sql(pragma)
    try:
        yield
    finally:
        for pragma in _SQLITE_AFTER_LOAD if sqlite else ():
            connection.exec_driver_sql(pragma)


_ENGINES: list[Engine] = []


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """One engine per database URL for the life of the process."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _ENGINES.append(engine)
    return engine


def _forget_inherited_connections() -> None:
    """In a forked child (a gunicorn worker): leave the parent's pooled connections to the parent.
    Neither SQLite nor PostgreSQL connections may be used on both sides of a fork; the child opens
    its own on first use."""
    for engine in _ENGINES:
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (idempotent; never drops data)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("observation")


def backup(engine: Engine, target: Path) -> Path:
    """A consistent copy of a SQLite warehouse, safe while the dashboard and loads run."""
    if not is_sqlite(engine):
        raise ConfigError("backup copies SQLite warehouses; for PostgreSQL use pg_dump on the server.")
    source_path = engine.url.database
    if not source_path or not Path(source_path).exists():
        raise ConfigError(f"no warehouse at {source_path}; run 'python -m etl init' first.")
    target = Path(target)
    if target.is_dir():
        target = target / Path(source_path).name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)  # SQLite's online backup API: a snapshot at one point in time
    finally:
        destination.close()
        source.close()
    return target
