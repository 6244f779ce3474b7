"""Import 1,000,000 synthetic rows into a fresh SQLite warehouse; compare with bare sqlite3."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from etl import db
from etl.catalog import load_reference
from etl.config import Settings
from etl.db.engine import SQLITE_SPEED_PRAGMAS
from etl.db.load import INSERT_COLUMNS
from etl.schema import validate
from tests.bench.synthetic import SYNTHETIC_SOURCE, synthetic_frame


def fresh_warehouse(folder: Path) -> tuple[Settings, object]:
    settings = Settings(data_dir=folder)
    engine = db.get_engine(settings.database_url)
    db.migrate(engine)
    catalog = load_reference(Settings().region_pack().reference_dir)
    catalog.sources[SYNTHETIC_SOURCE.slug] = SYNTHETIC_SOURCE
    with engine.begin() as conn:
        db.sync_catalog(conn, catalog)
    return settings, engine


def bare_executemany(folder: Path, rows: list[tuple]) -> float:
    """The floor: sqlite3.executemany of the same tuples into the same table and indexes."""
    template = sqlite3.connect(folder / "regiometer.db")
    ddl = [
        sql
        for (sql,) in template.execute(
            "select sql from sqlite_master where tbl_name='observation' and sql is not null"
        )
    ]
    template.close()
    conn = sqlite3.connect(folder / "bare.db")
    conn.execute("PRAGMA journal_mode=WAL")
    for pragma in SQLITE_SPEED_PRAGMAS:  # the same settings as the warehouse: a fair floor
        conn.execute(pragma)
    for statement in ddl:
        conn.execute(statement)
    placeholders = ", ".join("?" * len(INSERT_COLUMNS))
    started = time.perf_counter()
    with conn:
        conn.executemany(
            f"INSERT INTO observation ({', '.join(INSERT_COLUMNS)}) VALUES ({placeholders})", rows
        )
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def run(rows: int = 1_000_000) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="regiometer-bench-") as tmp:
        folder = Path(tmp)
        _, engine = fresh_warehouse(folder)
        catalog = db.read_catalog(engine)
        frame = synthetic_frame(catalog, rows)

        started = time.perf_counter()
        valid = validate(frame, catalog, "synthetic benchmark")
        validated = time.perf_counter()
        result = db.load_frame(engine, valid, kind="source", source_name="synthetic-benchmark")
        loaded = time.perf_counter()
        assert result.counts["new"] == rows

        rerun_started = time.perf_counter()
        again = db.load_frame(engine, valid, kind="source", source_name="synthetic-benchmark")
        rerun = time.perf_counter() - rerun_started
        assert again.counts["unchanged"] == rows

        stamp = "2026-01-01 00:00:00.000000"
        tuples = list(
            valid.assign(
                period_start=valid["period_start"].map(lambda d: d.isoformat()),
                valid_from=stamp,
                import_run_id=1,
            )[INSERT_COLUMNS].itertuples(index=False, name=None)
        )
        bare = bare_executemany(folder, tuples)
        engine.dispose()
    total = loaded - started
    return {
        "rows": rows,
        "validate_s": validated - started,
        "load_s": loaded - validated,
        "total_s": total,
        "rows_per_s": rows / total,
        "rerun_unchanged_s": rerun,
        "bare_executemany_s": bare,
        "bare_rows_per_s": rows / bare,
        "ratio_to_bare": total / bare,
    }


def report(figures: dict[str, float]) -> str:
    return (
        f"import of {figures['rows']:,} SYNTHETIC rows into SQLite: {figures['total_s']:.2f} s "
        f"({figures['rows_per_s']:,.0f} rows/s; validate {figures['validate_s']:.2f} s, "
        f"load {figures['load_s']:.2f} s)\n"
        f"  bare sqlite3 executemany of the same rows: {figures['bare_executemany_s']:.2f} s "
        f"({figures['bare_rows_per_s']:,.0f} rows/s); "
        f"Regiometer takes {figures['ratio_to_bare']:.2f}x as long\n"
        f"  re-import of the same rows (all unchanged): {figures['rerun_unchanged_s']:.2f} s"
    )
