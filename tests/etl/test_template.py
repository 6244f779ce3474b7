"""The blank template in assets/ is what the importer reads."""

import io

from openpyxl import load_workbook

from etl import pipeline, template
from etl.paths import ASSETS_DIR
from etl.schema import CANONICAL_COLUMNS


def test_committed_csv_template_matches_the_importer():
    assert (ASSETS_DIR / "staff-template.csv").read_bytes() == template.template_csv()


def test_committed_xlsx_template_has_the_columns_and_help():
    workbook = load_workbook(ASSETS_DIR / "staff-template.xlsx")
    assert [c.value for c in workbook["data"][1]] == CANONICAL_COLUMNS
    help_text = " ".join(str(c.value) for row in workbook["help"].iter_rows() for c in row if c.value)
    assert "2023-Q2" in help_text and "announcement" in help_text


def test_filled_in_xlsx_template_imports(sqlite_seeded, tmp_path):
    pack = sqlite_seeded.region_pack()
    workbook = load_workbook(io.BytesIO(template.template_xlsx(pack)))
    example = dict(template.example_row(pack), note="annual report 2025")
    workbook["data"].append([example[c] for c in CANONICAL_COLUMNS])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    _, result = pipeline.import_staff_file(sqlite_seeded, path)
    assert result.counts["new"] == 1
