"""Exports are safe in a spreadsheet and import back to the same data."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from etl.exporting import neutralise, restore, to_csv, to_json, to_xlsx
from etl.sources.staff_upload import read_staff_file

NOTES = [
    "x\r=cmd|' /C calc'!A0",  # issue 10: a bare CR, then a formula
    'first line\n=HYPERLINK("http://x")',
    'tab\tinside, comma; semicolon "quoted"',
    "'=already escaped",
    "-5",
    "Größe – „Zahl“ €",
    "@mention\n+plus\n-minus",
]


def frame(notes: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "cluster.members",
            "region": "R",
            "breakdown": "",
            "period": [str(2000 + i) for i in range(len(notes))],
            "value": [float(i) + 0.5 for i in range(len(notes))],
            "unit": "members",
            "status": "actual",
            "source": "s",
            "note": notes,
            "qualifier": "",
        }
    )


@pytest.mark.parametrize("text", NOTES)
def test_restore_undoes_neutralise(text):
    assert restore(neutralise(text)) == text


def test_a_csv_cell_with_a_bare_cr_is_quoted_and_no_line_starts_with_a_formula():
    content = to_csv(frame(NOTES[:1]))
    assert b"\"x\r'=cmd" in content
    rows = list(csv.reader(io.StringIO(content.decode(), newline="")))
    assert len(rows) == 2 and rows[1][8] == "x\r'=cmd|' /C calc'!A0"
    for line in content.decode().replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        assert not line.startswith(("=", "+", "@")), line


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_imports_back_to_the_same_notes(fmt):
    # XML turns a CR into LF, and validation keeps CRs out of the warehouse: no CR for XLSX
    notes = NOTES if fmt == "csv" else NOTES[1:]
    exported = (to_csv if fmt == "csv" else to_xlsx)(frame(notes))
    staff = read_staff_file(exported, f"export.{fmt}", numbers_style="en")
    assert staff.frame["note"].tolist() == notes
    assert staff.frame["value"].tolist() == [float(i) + 0.5 for i in range(len(notes))]


def test_an_xlsx_export_survives_control_characters_an_older_load_let_in():
    """Issue 10: one stored control character broke every XLSX download for everybody."""
    content = to_xlsx(frame(["bell\x07", "nul\x00here"]))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.cell(2, 9).value == "bell\ufffd" and sheet.cell(3, 9).value == "nul\ufffdhere"
    assert to_json(frame(["bell\x07"]))  # JSON is not a spreadsheet: written as it is
