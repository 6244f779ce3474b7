"""Undo adds revisions that restore the previous values; nothing is deleted."""

from __future__ import annotations

import pytest

from etl import db, pipeline
from etl.errors import RegiometerError
from tests.conftest import write

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
ROW = "cluster.members,DED,silicon-saxony,{period},{value},members,actual,tag24-2026-02-15,,\n"


def load(settings, tmp_path, name: str, *rows: tuple[str, int]):
    path = write(tmp_path / name, HEADER + "".join(ROW.format(period=p, value=v) for p, v in rows))
    return pipeline.import_staff_file(settings, path, user="anna")[1]


def members(settings) -> dict[str, float]:
    frame = db.read_observations(
        db.get_engine(settings.database_url), indicator="cluster.members", source="tag24-2026-02-15"
    )
    return dict(zip(frame["period"], frame["value"], strict=True))


def test_undo_restores_changed_values_and_withdraws_new_ones(seeded, tmp_path):
    before = members(seeded)
    assert before == {"2026": 650.0}
    run = load(seeded, tmp_path, "a.csv", ("2026", 700), ("2025", 720))
    assert members(seeded) == {"2026": 700.0, "2025": 720.0}
    total_rows = db.count_observations(db.get_engine(seeded.database_url), current_only=False)

    result = pipeline.undo(seeded, run.run_id, user="anna")

    assert (result.restored, result.withdrawn, result.skipped) == (1, 1, 0)
    assert members(seeded) == before
    engine = db.get_engine(seeded.database_url)
    assert db.count_observations(engine, current_only=False) == total_rows + 1  # only added, never deleted
    runs = db.import_runs(engine, limit=1)
    assert runs.loc[0, "kind"] == "undo" and runs.loc[0, "undoes_run_id"] == run.run_id
    assert runs.loc[0, "rows_withdrawn"] == 1


def test_undo_leaves_later_changes_alone(seeded, tmp_path):
    first = load(seeded, tmp_path, "a.csv", ("2026", 700))
    load(seeded, tmp_path, "b.csv", ("2026", 710))
    result = pipeline.undo(seeded, first.run_id)
    assert (result.restored, result.skipped) == (0, 1)
    assert members(seeded)["2026"] == 710.0


def test_undo_twice_is_refused_and_undo_of_undo_redoes(seeded, tmp_path):
    run = load(seeded, tmp_path, "a.csv", ("2026", 700))
    undo = pipeline.undo(seeded, run.run_id)
    with pytest.raises(RegiometerError, match="already undone"):
        pipeline.undo(seeded, run.run_id)
    pipeline.undo(seeded, undo.run_id)
    assert members(seeded)["2026"] == 700.0


def test_undo_unknown_or_failed_run_is_refused(seeded):
    with pytest.raises(RegiometerError, match="does not exist"):
        pipeline.undo(seeded, 9999)


def test_single_edit_goes_through_validation(seeded):
    row = {
        "indicator": "cluster.members",
        "region": "DED",
        "breakdown": "silicon-saxony",
        "period": "2025",
        "value": 620.0,
        "status": "actual",
        "source": "tag24-2026-02-15",
    }
    result = pipeline.apply_edit(seeded, row, user="anna")
    assert result.counts["new"] == 1
    with pytest.raises(Exception, match="unknown region"):
        pipeline.apply_edit(seeded, {**row, "region": "XX"}, user="anna")


def test_upgrade_from_the_first_schema_keeps_data(tmp_path):
    from alembic import command

    from etl.config import Settings
    from etl.db.engine import alembic_config

    settings = Settings(data_dir=tmp_path)
    engine = db.get_engine(settings.database_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql(
            "INSERT INTO import_run (kind, source_name, started_at, user, file_name, file_hash, rows_new, "
            "rows_changed, rows_unchanged, status, error) "
            "VALUES ('seed', 'seed', '2026-01-01 00:00:00', '', '', '', 1, 0, 0, 'succeeded', '')"
        )
    db.migrate(engine)
    runs = db.import_runs(engine)
    assert len(runs) == 1 and runs.loc[0, "rows_withdrawn"] == 0
