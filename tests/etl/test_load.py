"""Load semantics: new revisions, no-op reruns, nothing deleted, failures leave no trace."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import db, pipeline
from etl.errors import ValidationError
from tests.conftest import write

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
MEMBERS = "cluster.members,DED,silicon-saxony,{period},{value},members,actual,{source},{note},\n"


def member_source(settings) -> str:
    """A source slug that exists in the reference catalog (any will do for these tests)."""
    catalog = db.read_catalog(db.get_engine(settings.database_url))
    return sorted(catalog.sources)[0]


def staff_csv(tmp_path, rows: list[tuple], name="members.csv", source="") -> str:
    body = "".join(MEMBERS.format(period=p, value=v, source=source, note=n) for p, v, n in rows)
    return str(write(tmp_path / name, HEADER + body))


def current(settings, **filters) -> pd.DataFrame:
    return db.read_observations(db.get_engine(settings.database_url), **filters)


def test_import_twice_changes_nothing_the_second_time(seeded, tmp_path):
    source = member_source(seeded)
    path = staff_csv(tmp_path, [("2022", 700, ""), ("2023", 720, "")], source=source)
    _, first = pipeline.import_staff_file(seeded, path)
    _, second = pipeline.import_staff_file(seeded, path)
    assert first.counts == {"new": 2, "changed": 0, "unchanged": 0}
    assert second.counts == {"new": 0, "changed": 0, "unchanged": 2}


def test_changed_value_closes_old_revision_and_keeps_it(seeded, tmp_path):
    source = member_source(seeded)
    pipeline.import_staff_file(seeded, staff_csv(tmp_path, [("2022", 700, "")], source=source))
    _, result = pipeline.import_staff_file(seeded, staff_csv(tmp_path, [("2022", 710, "")], "v2.csv", source))
    assert result.counts == {"new": 0, "changed": 1, "unchanged": 0}
    engine = db.get_engine(seeded.database_url)
    revisions = db.history(engine, indicator="cluster.members", region="DED", breakdown="silicon-saxony")
    revisions = revisions[revisions["period"] == "2022"]
    assert list(revisions["value"]) == [700.0, 710.0]
    assert revisions["valid_to"].iloc[0] is not None and pd.isna(revisions["valid_to"].iloc[1])
    assert list(
        current(seeded, indicator="cluster.members", period_from="2022", period_to="2022")["value"]
    ) == [710.0]


def test_note_change_is_a_revision_too(seeded, tmp_path):
    source = member_source(seeded)
    pipeline.import_staff_file(seeded, staff_csv(tmp_path, [("2022", 700, "")], source=source))
    _, result = pipeline.import_staff_file(
        seeded, staff_csv(tmp_path, [("2022", 700, "annual report")], "v2.csv", source)
    )
    assert result.counts["changed"] == 1


def test_rows_missing_from_a_new_load_stay(seeded, tmp_path):
    source = member_source(seeded)
    pipeline.import_staff_file(
        seeded, staff_csv(tmp_path, [("2022", 700, ""), ("2023", 720, "")], source=source)
    )
    pipeline.import_staff_file(seeded, staff_csv(tmp_path, [("2023", 720, "")], "only2023.csv", source))
    periods = set(current(seeded, indicator="cluster.members", source=source)["period"])
    assert {"2022", "2023"} <= periods


def test_dry_run_writes_nothing(seeded, tmp_path):
    before = db.count_observations(db.get_engine(seeded.database_url), current_only=False)
    path = staff_csv(tmp_path, [("2022", 700, "")], source=member_source(seeded))
    _, result = pipeline.import_staff_file(seeded, path, dry_run=True)
    assert result.dry_run and result.counts["new"] == 1 and result.run_id is None
    assert db.count_observations(db.get_engine(seeded.database_url), current_only=False) == before


def test_invalid_file_writes_nothing(seeded, tmp_path):
    engine = db.get_engine(seeded.database_url)
    before = (db.count_observations(engine, current_only=False), db.data_version(engine))
    path = write(
        tmp_path / "bad.csv", HEADER + MEMBERS.format(period="20x7", value=1, source="nope", note="")
    )
    with pytest.raises(ValidationError):
        pipeline.import_staff_file(seeded, path)
    assert (db.count_observations(engine, current_only=False), db.data_version(engine)) == before


def test_failure_mid_load_rolls_back_and_records_failed_run(seeded, tmp_path, monkeypatch):
    engine = db.get_engine(seeded.database_url)
    before = db.count_observations(engine, current_only=False)
    version = db.data_version(engine)
    from etl.db import load

    real_insert = load._insert_rows

    def insert_then_fail(conn, rows, run_id, moment):
        real_insert(conn, rows, run_id, moment)
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "_insert_rows", insert_then_fail)
    path = staff_csv(tmp_path, [("2022", 700, "")], source=member_source(seeded))
    with pytest.raises(RuntimeError, match="disk full"):
        pipeline.import_staff_file(seeded, path)
    assert db.count_observations(engine, current_only=False) == before
    assert db.data_version(engine) == version
    runs = db.import_runs(engine, limit=1)
    assert runs.loc[0, "status"] == "failed" and "disk full" in runs.loc[0, "error"]


def test_as_of_returns_the_older_value(seeded, tmp_path):
    from datetime import UTC, datetime

    source = member_source(seeded)
    pipeline.import_staff_file(seeded, staff_csv(tmp_path, [("2022", 700, "")], source=source))
    between = datetime.now(UTC)
    pipeline.import_staff_file(seeded, staff_csv(tmp_path, [("2022", 710, "")], "v2.csv", source))
    engine = db.get_engine(seeded.database_url)
    then = db.read_observations(engine, as_of=between, indicator="cluster.members", source=source)
    now = db.read_observations(engine, indicator="cluster.members", source=source)
    assert list(then[then["period"] == "2022"]["value"]) == [700.0]
    assert list(now[now["period"] == "2022"]["value"]) == [710.0]


def test_init_is_idempotent(seeded):
    engine = db.get_engine(seeded.database_url)
    before = db.count_observations(engine, current_only=False)
    report = pipeline.init(seeded)
    assert report.counts["new"] == 0 and report.counts["changed"] == 0
    assert db.count_observations(engine, current_only=False) == before


def test_migration_from_an_empty_database_creates_every_table(settings):
    engine = db.get_engine(settings.database_url)
    db.migrate(engine)
    db.migrate(engine)  # a second upgrade is a no-op
    from sqlalchemy import inspect

    tables = set(inspect(engine).get_table_names())
    assert {
        "observation",
        "import_run",
        "indicator",
        "region",
        "entity",
        "source",
        "app_user",
        "audit_log",
    } <= tables
    assert "alembic_version" in tables
