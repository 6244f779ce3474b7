"""The CLI as staff use it: import, export, history, status, backup."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from etl import cli, db
from tests.conftest import write

GERMAN_FILE = (
    "\ufeffindicator;region;breakdown;period;value;unit;status;source;note;qualifier\n"
    "cluster.members;DED;silicon-saxony;2022;1.250;members;actual;{source};Jahresbericht;\n"
    "funding.public_funding_eur;DED2;smart-systems-hub;2022;4.200.000,50;EUR;announcement;{source};;up_to\n"
)

FIVE_MISTAKES = (
    "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
    "cluster.memberz,DED,silicon-saxony,2027,700,members,actual,{source},,\n"
    "cluster.members,DEX,silicon-saxony,2027,700,members,actual,{source},,\n"
    "cluster.members,DED,silicon-saxony,next year,700,members,actual,{source},,\n"
    "cluster.members,DED,silicon-saxony,2026,many,members,actual,{source},,\n"
    "cluster.members,DED,silicon-saxony,2025,700,EUR,actual,{source},,\n"
)


@pytest.fixture
def env(sqlite_seeded, monkeypatch):
    monkeypatch.setenv("REGIOMETER_DATA_DIR", str(sqlite_seeded.data_dir))
    return sqlite_seeded


def a_source(settings) -> str:
    return sorted(db.read_catalog(db.get_engine(settings.database_url)).sources)[0]


def export(tmp_path, name="export.csv") -> bytes:
    target = tmp_path / name
    assert cli.main(["export", "--output", str(target)]) == 0
    return target.read_bytes()


def test_five_mistakes_five_problems_nothing_written(env, tmp_path, capsys):
    before = export(tmp_path, "before.csv")
    path = write(tmp_path / "bad.csv", FIVE_MISTAKES.format(source=a_source(env)))
    assert cli.main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "5 problems" in err
    for where in (
        "row 2, column 'indicator'",
        "row 3, column 'region'",
        "row 4, column 'period'",
        "row 5, column 'value'",
        "row 6, column 'unit'",
    ):
        assert where in err
    assert export(tmp_path, "after.csv") == before


def test_german_semicolon_bom_file_round(env, tmp_path, capsys):
    source = a_source(env)
    path = write(tmp_path / "zahlen.csv", GERMAN_FILE.format(source=source))
    assert cli.main(["import", str(path)]) == 0
    assert "2 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    assert cli.main(["import", str(path)]) == 0
    assert "0 new, 0 changed, 2 unchanged" in capsys.readouterr().out

    changed = write(tmp_path / "zahlen2.csv", GERMAN_FILE.format(source=source).replace("1.250", "1.300"))
    assert cli.main(["import", str(changed)]) == 0
    assert "0 new, 1 changed, 1 unchanged" in capsys.readouterr().out

    assert cli.main(["history", "--indicator", "cluster.members", "--region", "DED", "--period", "2022"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert "1250" in lines[0] and "until" in lines[0]
    assert "1300" in lines[1] and "current" in lines[1]


def test_dry_run_shows_changes_and_writes_nothing(env, tmp_path, capsys):
    source = a_source(env)
    cli.main(["import", str(write(tmp_path / "a.csv", GERMAN_FILE.format(source=source)))])
    before = export(tmp_path, "before.csv")
    changed = write(tmp_path / "b.csv", GERMAN_FILE.format(source=source).replace("1.250", "1.300"))
    capsys.readouterr()
    assert cli.main(["import", "--dry-run", str(changed)]) == 0
    out = capsys.readouterr().out
    assert "would be loaded" in out and "1250 -> 1300" in out
    assert export(tmp_path, "after.csv") == before


def test_export_round_trips_through_import(env, tmp_path, capsys):
    exported = tmp_path / "all.csv"
    assert cli.main(["export", "--output", str(exported)]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(exported)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 new, 0 changed,")


def test_export_filters_and_formats(env, tmp_path):
    for fmt in ("csv", "json", "xlsx"):
        target = tmp_path / f"e.{fmt}"
        assert (
            cli.main(
                ["export", "--format", fmt, "--indicator", "employment.ict_micro", "--output", str(target)]
            )
            == 0
        )
        assert target.stat().st_size > 0
    text = (tmp_path / "e.csv").read_text()
    header = "indicator,region,breakdown,period,value,unit,status,source,note,note_de,qualifier"
    assert text.splitlines()[0] == header
    assert "imreg study for SMWA" in text and "imreg-Studie für das SMWA" in text  # both notes, as stored
    assert all(line.startswith("employment.ict_micro,") for line in text.splitlines()[1:])


def test_backup_is_a_consistent_copy(env, tmp_path, capsys):
    target = tmp_path / "backup" / "copy.db"
    assert cli.main(["backup", str(target)]) == 0
    with sqlite3.connect(target) as conn:
        (count,) = conn.execute("select count(*) from observation").fetchone()
    assert count == db.count_observations(db.get_engine(env.database_url), current_only=False)


def test_status_lists_runs(env, capsys):
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    assert "data version" in out and "seed" in out


def test_unknown_source_is_refused(env, capsys):
    assert cli.main(["run", "nosuchsource"]) == 2
    assert "unknown source nosuchsource" in capsys.readouterr().err


def test_module_entry_point_has_help_on_every_command():
    for command in ("init", "run", "import", "export", "history", "backup", "status", "undo", "template"):
        result = subprocess.run(
            [sys.executable, "-m", "etl", command, "--help"], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "usage: python -m etl" in result.stdout


def test_undo_command_restores_the_previous_value(env, tmp_path, capsys):
    source = a_source(env)
    cli.main(["import", str(write(tmp_path / "a.csv", GERMAN_FILE.format(source=source)))])
    before = export(tmp_path, "before.csv")
    changed = write(tmp_path / "b.csv", GERMAN_FILE.format(source=source).replace("1.250", "1.300"))
    cli.main(["import", str(changed)])
    run_id = int(capsys.readouterr().out.split("import run ")[-1].split(")")[0])
    assert cli.main(["undo", str(run_id)]) == 0
    assert "1 values restored" in capsys.readouterr().out
    assert export(tmp_path, "after.csv") == before
    assert cli.main(["undo", str(run_id)]) == 1
    assert "already undone" in capsys.readouterr().err


# --- issue 9: never a silently wrong number --------------------------------------------------------

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
JOBS_2024 = (
    "employment.ict_micro{sep}DED{sep}{sep}2024{sep}{value}{sep}persons{sep}actual{sep}"
    "silicon-saxony-2024-06-11{sep}{note}{sep}\n"
)


def jobs_2024(settings) -> list[float]:
    frame = db.read_observations(
        db.get_engine(settings.database_url),
        indicator="employment.ict_micro",
        period_from="2024",
        period_to="2024",
    )
    return frame[frame["breakdown"] == ""]["value"].tolist()


def test_english_thousands_in_a_semicolon_file_stop_the_import_and_name_the_row(env, tmp_path, capsys):
    path = write(
        tmp_path / "jobs.csv", HEADER.replace(",", ";") + JOBS_2024.format(sep=";", value="84,000", note="")
    )
    assert cli.main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column 'value': '84,000' reads as 84,000 in English notation but as 84 in German" in err
    assert jobs_2024(env) == []
    assert cli.main(["import", "--numbers", "en", str(path)]) == 0
    assert jobs_2024(env) == [84000.0]


def test_a_decimal_comma_elsewhere_does_not_turn_84_000_into_84(env, tmp_path, capsys):
    rows = JOBS_2024.format(sep=",", value='"84,000"', note="") + (
        'employment.ict_micro_growth,DED,,2024,"4,5",percent,actual,silicon-saxony-2024-06-11,,\n'
    )
    assert cli.main(["import", str(write(tmp_path / "mixed.csv", HEADER + rows))]) == 1
    assert "row 2, column 'value'" in capsys.readouterr().err
    assert jobs_2024(env) == []


def test_a_windows_1252_file_keeps_its_umlauts(env, tmp_path, capsys):
    text = (
        HEADER.replace(",", ";")
        + JOBS_2024.format(sep=";", value="82.000", note="Schätzung für Größe – vorläufig")
        + ("employment.ict_micro_growth;DED;;2024;1,2;percent;actual;silicon-saxony-2024-06-11;;\n")
    )
    path = write(tmp_path / "excel.csv", text, encoding="cp1252")
    assert cli.main(["import", str(path)]) == 0
    assert "read as Windows-1252" in capsys.readouterr().err
    exported = export(tmp_path).decode("utf-8")
    assert "Schätzung für Größe – vorläufig" in exported


def test_warnings_need_accept_warnings_and_are_recorded(env, tmp_path, capsys):
    path = write(tmp_path / "odd.csv", HEADER + JOBS_2024.format(sep=",", value="82000.5", note=""))
    assert cli.main(["import", "--dry-run", str(path)]) == 0
    assert "1 warning (saving needs --accept-warnings)" in capsys.readouterr().err
    assert cli.main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column 'value': 82,000.5 is not a whole number" in err and "--accept-warnings" in err
    assert jobs_2024(env) == []
    assert cli.main(["import", "--accept-warnings", str(path)]) == 0
    assert jobs_2024(env) == [82000.5]
    runs = db.import_runs(db.get_engine(env.database_url), limit=1)
    assert runs.loc[0, "accepted_warnings"] == 1


def test_the_cli_lists_at_most_50_problems_of_a_kind(env, tmp_path, capsys):
    rows = "".join(
        f"cluster.members,DED,silicon-saxony,{1950 + i},700,members,actual,nosuch,,\n" for i in range(60)
    )
    assert cli.main(["import", str(write(tmp_path / "many.csv", HEADER + rows))]) == 1
    err = capsys.readouterr().err
    assert "60 problems" in err and err.count("unknown source 'nosuch'") == 50
    assert "... and 10 more rows with the same problem" in err
