"""A forked process (a gunicorn worker) never uses the connections its parent opened: SQLite and
PostgreSQL connections must not be shared across a fork. The child opens its own and reads the same
warehouse."""

from __future__ import annotations

import os

from sqlalchemy import text

from etl import db
from tests.conftest import load_one_value


def test_a_forked_child_opens_its_own_connections_and_reads_the_warehouse(seeded):
    engine = db.get_engine(seeded.database_url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM observation")).scalar_one()
    assert engine.pool.checkedin() >= 1  # the parent keeps a pooled connection
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:
        inherited = engine.pool.checkedin()
        with engine.connect() as connection:
            seen = connection.execute(text("SELECT count(*) FROM observation")).scalar_one()
        os.write(writable, f"{inherited} {seen}".encode())
        os._exit(0)
    os.close(writable)
    with os.fdopen(readable) as answer:
        inherited, seen = answer.read().split()
    os.waitpid(child, 0)
    assert inherited == "0"
    assert int(seen) == count
    with engine.connect() as connection:  # the parent's own connection still works
        assert connection.execute(text("SELECT count(*) FROM observation")).scalar_one() == count


def test_a_load_gives_its_large_page_cache_back_to_the_readers(sqlite_seeded):
    """Loads use a 128 MiB page cache; the pooled connection readers get next has the small one
    again (each connection's cache is private memory of the serving process)."""
    load_one_value(sqlite_seeded, 1)
    engine = db.get_engine(sqlite_seeded.database_url)
    assert engine.pool.checkedin() == 1  # the load's own connection, back in the pool
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == -8192
        assert connection.exec_driver_sql("PRAGMA temp_store").scalar_one() == 0
