"""The staff template: built from the catalog and the pack, with drop-downs, help in both languages."""

import io

from openpyxl import load_workbook

from etl import cli, db, pipeline, template
from etl.catalog import load_reference
from etl.config import Settings
from etl.paths import ASSETS_DIR
from etl.schema import CANONICAL_COLUMNS

PACK = Settings().region_pack()


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def validations(book) -> dict[str, str]:
    """The data sheet's drop-downs: first cell of the range -> the list it draws from."""
    return {str(v.sqref).split(":")[0]: v.formula1 for v in book["data"].data_validations.dataValidation}


def test_committed_csv_template_matches_the_importer():
    assert (ASSETS_DIR / "staff-template.csv").read_bytes() == template.template_csv()


def test_committed_xlsx_template_is_the_one_the_pack_catalog_gives():
    committed = load_workbook(ASSETS_DIR / "staff-template.xlsx")
    fresh = workbook(template.template_xlsx(load_reference(PACK.reference_dir), PACK))
    assert [c.value for c in committed["data"][1]] == CANONICAL_COLUMNS
    assert validations(committed) == validations(fresh)
    rows = lambda book: [tuple(c.value for c in row) for row in book["lists"].iter_rows()]  # noqa: E731
    assert rows(committed) == rows(fresh)


def test_the_template_has_drop_downs_for_the_catalog_columns():
    book = workbook(template.template_xlsx(load_reference(PACK.reference_dir), PACK))
    found = validations(book)
    for column in ("indicator", "region", "breakdown", "status", "source", "qualifier"):
        letter = "ABCDEFGHIJK"[CANONICAL_COLUMNS.index(column)]
        assert f"{letter}2" in found, column
    listed = {row[0].value for row in book["lists"].iter_rows(min_row=2) if row[0].value}
    assert "cluster.members" in listed


def test_the_help_sheet_is_in_english_and_german_and_names_no_repository_file():
    book = workbook(template.template_xlsx(load_reference(PACK.reference_dir), PACK))
    text = " ".join(str(c.value) for row in book["help"].iter_rows() for c in row if c.value)
    assert (
        "what to write" in text and "was eintragen" in text and "2023-Q2" in text and "announcement" in text
    )
    assert ".csv" not in text and "data/" not in text


def test_the_example_row_comes_from_the_pack_and_the_catalog():
    catalog = load_reference(PACK.reference_dir)
    example = template.example_row(catalog, PACK)
    assert example["indicator"] in catalog.indicators and example["region"] in catalog.regions
    assert (
        example["source"] in catalog.sources
        and example["unit"] == catalog.indicators[example["indicator"]]["unit"]
    )


def test_filled_in_xlsx_template_imports(sqlite_seeded, tmp_path):
    content = pipeline.staff_template(sqlite_seeded, "xlsx")
    book = workbook(content)
    example = dict(template.example_row(db.read_catalog(db.get_engine(sqlite_seeded.database_url)), PACK))
    example["note"] = "annual report"
    book["data"].append([example[c] for c in CANONICAL_COLUMNS])
    path = tmp_path / "members.xlsx"
    book.save(path)
    staff, result = pipeline.import_staff_file(sqlite_seeded, path, accept_warnings=True)
    assert result.counts["new"] == 1 and staff.sheet == "data"
    assert "'lists'" in staff.notes[0].message  # the other sheets are named, not silently skipped


def test_a_new_source_is_in_the_next_template(sqlite_seeded):
    pipeline.add_source(
        sqlite_seeded,
        {
            "slug": "acme-annual-2026",
            "publisher": "Acme",
            "title": "Annual report",
            "url": "",
            "published": "",
            "kind": "company",
        },
        "anna",
    )
    book = workbook(pipeline.staff_template(sqlite_seeded, "xlsx"))
    listed = {c.value for row in book["lists"].iter_rows() for c in row}
    assert "acme-annual-2026" in listed


def test_cli_template_writes_both_files_from_the_warehouse(sqlite_seeded, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REGIOMETER_DATA_DIR", str(sqlite_seeded.data_dir))
    assert cli.main(["template", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "staff-template.xlsx").stat().st_size > 0
    assert "staff-template.csv" in capsys.readouterr().out
