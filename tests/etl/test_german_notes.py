"""The German note (`note_de`) and the German publisher (`publisher_de`): stored, compared, exported,
imported back, offered in the template and added to an existing warehouse by migration 0006."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from etl import db, exporting, pipeline, template
from etl.catalog import load_reference
from etl.config import Settings
from etl.errors import ValidationError
from etl.messages import render
from etl.schema import CANONICAL_COLUMNS
from etl.sources.staff_upload import read_staff_file
from tests.conftest import write

OLD_HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,note_de,qualifier\n"
SOURCE = "tag24-2026-02-15"
ROW = "cluster.members,DED,silicon-saxony,2025,{value},members,actual,{source},{note},{note_de},\n"
OLD_ROW = "cluster.members,DED,silicon-saxony,2025,{value},members,actual,{source},{note},\n"


def staff_file(tmp_path, name: str, value: int = 700, note: str = "as of 31 Dec", note_de: str | None = None):
    if note_de is None:
        return write(tmp_path / name, OLD_HEADER + OLD_ROW.format(value=value, source=SOURCE, note=note))
    text = HEADER + ROW.format(value=value, source=SOURCE, note=note, note_de=note_de)
    return write(tmp_path / name, text)


def stored(settings) -> dict[str, object]:
    frame = db.read_observations(
        db.get_engine(settings.database_url), indicator="cluster.members", source=SOURCE, period_from="2025"
    )
    (row,) = frame[frame["period"] == "2025"].to_dict("records")
    return row


def test_a_file_with_note_de_stores_it_and_importing_it_again_changes_nothing(seeded, tmp_path):
    path = staff_file(tmp_path, "a.csv", note_de="Stand 31.12.")
    _, first = pipeline.import_staff_file(seeded, path)
    _, again = pipeline.import_staff_file(seeded, path)
    assert first.counts["new"] == 1 and again.counts == {"new": 0, "changed": 0, "unchanged": 1}
    row = stored(seeded)
    assert (row["note"], row["note_de"]) == ("as of 31 Dec", "Stand 31.12.")


def test_a_changed_german_note_alone_is_a_new_revision(seeded, tmp_path):
    pipeline.import_staff_file(seeded, staff_file(tmp_path, "a.csv", note_de="Stand 31.12."))
    _, result = pipeline.import_staff_file(seeded, staff_file(tmp_path, "b.csv", note_de="Stand: 31.12."))
    assert result.counts == {"new": 0, "changed": 1, "unchanged": 0}
    engine = db.get_engine(seeded.database_url)
    history = db.history(engine, indicator="cluster.members", region="DED", breakdown="silicon-saxony")
    assert history[history["period"] == "2025"]["note_de"].tolist() == ["Stand 31.12.", "Stand: 31.12."]
    pipeline.undo(seeded, result.run_id)
    assert stored(seeded)["note_de"] == "Stand 31.12."  # undo puts the German note back too


def test_a_file_without_note_de_keeps_working(seeded, tmp_path):
    _, result = pipeline.import_staff_file(seeded, staff_file(tmp_path, "old.csv"))
    assert result.counts["new"] == 1 and stored(seeded)["note_de"] == ""


def test_a_file_without_note_de_keeps_the_german_note_of_an_unchanged_english_note(seeded, tmp_path):
    pipeline.import_staff_file(seeded, staff_file(tmp_path, "a.csv", note_de="Stand 31.12."))
    _, same = pipeline.import_staff_file(seeded, staff_file(tmp_path, "old.csv"))
    assert same.counts["unchanged"] == 1 and stored(seeded)["note_de"] == "Stand 31.12."
    _, value = pipeline.import_staff_file(seeded, staff_file(tmp_path, "value.csv", value=710))
    assert value.counts["changed"] == 1 and stored(seeded)["note_de"] == "Stand 31.12."
    _, note = pipeline.import_staff_file(
        seeded, staff_file(tmp_path, "note.csv", value=710, note="as of 30 Jun")
    )
    assert note.counts["changed"] == 1
    assert stored(seeded)["note_de"] == ""  # an outdated translation is not kept: German pages show the note


def test_an_empty_note_de_column_clears_the_german_note(seeded, tmp_path):
    pipeline.import_staff_file(seeded, staff_file(tmp_path, "a.csv", note_de="Stand 31.12."))
    _, result = pipeline.import_staff_file(seeded, staff_file(tmp_path, "b.csv", note_de=""))
    assert result.counts["changed"] == 1 and stored(seeded)["note_de"] == ""


def test_xlsx_with_note_de_imports_and_the_export_round_trips(sqlite_seeded, tmp_path):
    book = Workbook()
    book.active.title = "data"
    book.active.append(CANONICAL_COLUMNS)
    values = {
        "indicator": "cluster.members",
        "region": "DED",
        "breakdown": "silicon-saxony",
        "period": "2025",
        "value": 700,
        "status": "actual",
        "source": SOURCE,
        "note": "two\nlines",
        "note_de": "zwei\nZeilen",
    }
    book.active.append([values.get(column, "") for column in CANONICAL_COLUMNS])
    book.save(tmp_path / "de.xlsx")
    _, result = pipeline.import_staff_file(sqlite_seeded, tmp_path / "de.xlsx")
    assert result.counts["new"] == 1 and stored(sqlite_seeded)["note_de"] == "zwei\nZeilen"
    frame = db.read_observations(db.get_engine(sqlite_seeded.database_url))
    catalog = db.read_catalog(db.get_engine(sqlite_seeded.database_url))
    frame["unit"] = frame["indicator"].map({slug: row.unit for slug, row in catalog.indicators.items()})
    for fmt in ("csv", "xlsx"):
        exported = write(tmp_path / f"all.{fmt}", "") if fmt == "csv" else tmp_path / "all.xlsx"
        exported.write_bytes(exporting.render(frame, fmt))
        _, again = pipeline.import_staff_file(sqlite_seeded, exported)
        assert again.counts["new"] == again.counts["changed"] == 0, fmt


def test_control_characters_in_note_de_are_refused_but_line_breaks_and_tabs_are_not(sqlite_seeded, tmp_path):
    with pytest.raises(ValidationError, match="U\\+0007"):
        pipeline.import_staff_file(sqlite_seeded, staff_file(tmp_path, "bell.csv", note_de="Glocke\x07"))
    _, result = pipeline.import_staff_file(
        sqlite_seeded, staff_file(tmp_path, "tab.csv", note_de='"a\tb\nc"')
    )
    assert result.counts["new"] == 1 and stored(sqlite_seeded)["note_de"] == "a\tb\nc"


@pytest.mark.parametrize(
    ("header", "meant"),
    [("note_en", "note"), ("Anmerkung", "note_de"), ("note (de)", "note_de"), ("Note-DE", "note_de")],
)
def test_a_column_meant_for_one_of_the_notes_is_named_in_both_languages(header, meant):
    content = (OLD_HEADER.replace("qualifier", header) + "a,DED,,2023,1,x,actual,s,,\n").encode()
    with pytest.raises(ValidationError) as caught:
        read_staff_file(content, "notes.csv")
    (problem,) = [p for p in caught.value.problems if p.code == "column_unknown"]
    english, german = " ".join(render(problem, "en")), " ".join(render(problem, "de"))
    assert f"did you mean '{meant}'?" in english and "the German one in 'note_de'" in english
    assert f"meinten Sie „{meant}“?" in german and "die deutsche in „note_de“" in german


def test_the_template_has_the_german_note_with_help_in_both_languages():
    pack = Settings().region_pack()
    assert template.template_csv().decode().strip().split(",") == CANONICAL_COLUMNS
    assert CANONICAL_COLUMNS.index("note_de") == CANONICAL_COLUMNS.index("note") + 1
    book = load_workbook(io.BytesIO(template.template_xlsx(load_reference(pack.reference_dir), pack)))
    assert "note_de" in [cell.value for cell in book["data"][1]]
    (help_row,) = [row for row in book["help"].iter_rows(values_only=True) if row[0] == "note_de"]
    assert help_row[1] == "optional" and "in German" in help_row[2] and "auf Deutsch" in help_row[4]
    example = template.example_row(load_reference(pack.reference_dir), pack)
    assert example["note_de"] == template.EXAMPLE_NOTE["de"]


def test_the_source_catalog_has_the_german_publisher(seeded):
    sources = db.read_catalog(db.get_engine(seeded.database_url)).sources
    oiger = sources["oiger-2012-08-22"]
    assert oiger.publisher_in("de") == "Oiger.de (Bericht über eine imreg-Studie für das SMWA)"
    assert oiger.publisher_in("en") == oiger.publisher == "Oiger.de (reporting an imreg study for SMWA)"
    assert sources["tag24-2026-02-15"].publisher_in("de") == "TAG24"  # just a name: shown as it is


def test_a_reference_file_without_publisher_de_still_reads(tmp_path):
    from etl.catalog import read_catalog_file

    path = write(tmp_path / "sources.csv", "slug,publisher,title,url,licence,published,kind,language\n"
                 "s,Gazette (quoting a release),T,https://example.org,,2024,press,en\n")  # fmt: skip
    assert read_catalog_file(path, "sources")["s"].publisher_in("de") == "Gazette (quoting a release)"


def test_migration_0006_adds_the_german_columns_to_an_existing_0005_warehouse(tmp_path):
    from alembic import command

    from etl.db.engine import alembic_config

    settings = Settings(data_dir=tmp_path)
    engine = db.get_engine(settings.database_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
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
            "VALUES ('s', 'Gazette (quoting a release)', 't', '', '', '', '', '')"
        )
        sql(
            "INSERT INTO import_run (id, kind, source_name, started_at, user, file_name, file_hash, "
            "rows_new, rows_changed, rows_unchanged, rows_withdrawn, accepted_warnings, status, error) "
            "VALUES (1, 'seed', '', '2026-01-01 00:00:00', '', '', '', 1, 0, 0, 0, 0, 'succeeded', '')"
        )
        sql(
            "INSERT INTO observation (id, indicator, region, breakdown, period, period_start, frequency, "
            "value, qualifier, status, source, note, valid_from, import_run_id) VALUES "
            "(1, 'i', 'R', '', '2025', '2025-01-01', 'A', 5, '', 'actual', 's', 'as of 31 Dec', "
            "'2026-01-01', 1)"
        )
    db.migrate(engine)
    frame = db.read_observations(engine, indicator="i")
    assert frame[["note", "note_de"]].to_dict("records") == [{"note": "as of 31 Dec", "note_de": ""}]
    source = db.read_catalog(engine).sources["s"]
    assert source.publisher_de == "" and source.publisher_in("de") == "Gazette (quoting a release)"
    validated = pd.DataFrame(
        [{"indicator": "i", "region": "R", "period": "2025", "value": 5.0, "status": "actual", "source": "s",
          "note": "as of 31 Dec", "note_de": "Stand 31.12."}]
    )  # fmt: skip
    from etl.schema import validate

    result = db.load_frame(engine, validate(validated, db.read_catalog(engine)), kind="staff")
    assert result.counts == {"new": 0, "changed": 1, "unchanged": 0}
    assert db.read_observations(engine, indicator="i")["note_de"].tolist() == ["Stand 31.12."]
