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


def undo_all(settings, runs: list[int]) -> list:
    return [pipeline.undo(settings, run) for run in runs]


def test_undo_newest_first_restores_every_value(seeded, tmp_path):
    """Issue 10: import A (650 -> 600), import B (-> 700), undo B, undo A left 600 ("1 left alone")."""
    a = load(seeded, tmp_path, "a.csv", ("2026", 600))
    b = load(seeded, tmp_path, "b.csv", ("2026", 700))
    undo_b, undo_a = undo_all(seeded, [b.run_id, a.run_id])
    assert members(seeded) == {"2026": 650.0}
    assert (undo_b.restored, undo_b.skipped) == (1, 0) and (undo_a.restored, undo_a.skipped) == (1, 0)


def test_undo_oldest_first_keeps_the_newer_value_until_that_run_is_undone(seeded, tmp_path):
    a = load(seeded, tmp_path, "a.csv", ("2026", 600))
    b = load(seeded, tmp_path, "b.csv", ("2026", 700))
    engine = db.get_engine(seeded.database_url)
    undo_a = pipeline.undo(seeded, a.run_id)
    assert (undo_a.restored, undo_a.skipped) == (0, 1) and members(seeded) == {"2026": 700.0}
    assert db.undo_states(engine, [a.run_id])[a.run_id] == db.UndoState(undo_a.run_id, pending=1)
    pipeline.undo(seeded, b.run_id)
    assert members(seeded) == {"2026": 650.0}  # not A's 600: A is undone too
    assert db.undo_states(engine, [a.run_id])[a.run_id].pending == 0


def test_undo_interleaved_over_several_keys_restores_the_start(seeded, tmp_path):
    before = members(seeded)
    a = load(seeded, tmp_path, "a.csv", ("2026", 600), ("2025", 620))
    b = load(seeded, tmp_path, "b.csv", ("2026", 700))
    c = load(seeded, tmp_path, "c.csv", ("2025", 630), ("2024", 500))
    pipeline.undo(seeded, b.run_id)
    assert members(seeded) == {"2026": 600.0, "2025": 630.0, "2024": 500.0}
    pipeline.undo(seeded, a.run_id)
    assert members(seeded) == {"2026": 650.0, "2025": 630.0, "2024": 500.0}
    result = pipeline.undo(seeded, c.run_id)
    assert (result.restored, result.withdrawn) == (0, 2)
    assert members(seeded) == before


def test_undoing_an_undo_redoes_and_undoing_that_undoes_again(seeded, tmp_path):
    a = load(seeded, tmp_path, "a.csv", ("2026", 600))
    b = load(seeded, tmp_path, "b.csv", ("2026", 700))
    undo_a = pipeline.undo(seeded, a.run_id)
    undo_b = pipeline.undo(seeded, b.run_id)
    assert members(seeded) == {"2026": 650.0}
    redo_a = pipeline.undo(seeded, undo_a.run_id)  # A counts again: B is still undone
    assert members(seeded) == {"2026": 600.0}
    pipeline.undo(seeded, undo_b.run_id)
    assert members(seeded) == {"2026": 700.0}
    pipeline.undo(seeded, redo_a.run_id)  # A undone again; B holds the key
    assert members(seeded) == {"2026": 700.0}
    with pytest.raises(RegiometerError, match="already undone"):
        pipeline.undo(seeded, a.run_id)


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


def test_upgrade_links_old_undo_revisions_to_what_they_restored(tmp_path):
    """Migration 0004 on a warehouse with data: an undo made before it is known to restore A's value."""
    from alembic import command

    from etl.config import Settings
    from etl.db.engine import alembic_config

    settings = Settings(data_dir=tmp_path)
    engine = db.get_engine(settings.database_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        sql = conn.exec_driver_sql
        sql(
            "INSERT INTO indicator (slug, category, unit, decimals, name_en, name_de, description_en, "
            "description_de, preferred_source) VALUES ('i', 'cluster', 'members', 0, 'I', 'I', '', '', '')"
        )
        sql(
            "INSERT INTO region (code, level, name_en, name_de, parent, ags) "
            "VALUES ('R', 1, 'R', 'R', '', '')"
        )
        sql(
            "INSERT INTO source (slug, publisher, title, url, licence, published, kind, language) "
            "VALUES ('s', 'p', 't', '', '', '', '', '')"
        )
        for run, kind, undoes in ((1, "seed", None), (2, "staff", None), (3, "staff", None), (4, "undo", 3)):
            sql(
                "INSERT INTO import_run (id, kind, source_name, started_at, user, file_name, file_hash, "
                "rows_new, rows_changed, rows_unchanged, rows_withdrawn, status, error, undoes_run_id) "
                "VALUES "
                f"({run}, '{kind}', '', '2026-01-0{run} 00:00:00', '', '', '', 0, 0, 0, 0, 'succeeded', '', "
                f"{undoes or 'NULL'})"
            )
        revisions = [  # (id, value, run, closed by, valid_to): 555 by 1, 600 by 2, 700 by 3, 600 again by 4
            (1, 555, 1, 2, "'2026-01-02'"),
            (2, 600, 2, 3, "'2026-01-03'"),
            (3, 700, 3, 4, "'2026-01-04'"),
            (4, 600, 4, None, "NULL"),
        ]
        for rid, value, run, closed, valid_to in revisions:
            sql(
                "INSERT INTO observation (id, indicator, region, breakdown, period, period_start, frequency, "
                "value, qualifier, status, source, note, valid_from, valid_to, import_run_id, "
                "closed_by_run_id) VALUES "
                f"({rid}, 'i', 'R', '', '2026', '2026-01-01', 'A', {value}, '', 'actual', 's', '', "
                f"'2026-01-0{run}', {valid_to}, {run}, {closed or 'NULL'})"
            )
    db.migrate(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT restores_id FROM observation WHERE id = 4").scalar() == 2
        assert conn.exec_driver_sql("SELECT accepted_warnings FROM import_run WHERE id = 3").scalar() == 0
    db.undo_run(engine, 2)
    frame = db.read_observations(engine, indicator="i")
    assert frame["value"].tolist() == [555.0]


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


def test_any_order_of_undos_ends_where_the_model_says(seeded_template, tmp_path_factory):
    """Property: after loads and undos in any order, every key holds the latest value of a run that
    is not undone, or what it held before the first load."""
    import shutil

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from etl.config import Settings

    loads = st.lists(
        st.dictionaries(st.sampled_from(["2026", "2025"]), st.integers(600, 700), min_size=1),
        min_size=1,
        max_size=4,
    )

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(loads, st.data())
    def check(planned, data):
        folder = tmp_path_factory.mktemp("undo")
        shutil.copy(seeded_template, folder / "regiometer.db")
        warehouse = Settings(data_dir=folder)
        start = members(warehouse)
        state, writes = dict(start), []
        for number, values in enumerate(planned):
            result = load(warehouse, folder, f"{number}.csv", *values.items())
            changed = {
                p: float(v) for p, v in values.items() if state.get(p) != float(v)
            }  # unchanged: no write
            state.update(changed)
            writes.append((result.run_id, changed))
        runs = [run for run, _ in writes]
        chosen = data.draw(st.permutations(runs))[: data.draw(st.integers(0, len(runs)))]
        for run in chosen:
            pipeline.undo(warehouse, run)
        expected = dict(start)
        for run, changed in writes:
            if run not in chosen:
                expected.update(changed)
        keys = set(start) | {p for run, changed in writes if run not in chosen for p in changed}
        expected = {p: v for p, v in expected.items() if p in keys}
        assert members(warehouse) == expected

    check()
