"""Fuzzing the import path: mutated CSV and XLSX files through the reader and the validator.

Properties, for every mutated file:
1. the reader and the validator raise nothing but ValidationError (no traceback, no 500);
2. an accepted file holds nothing a later feature cannot handle: clean NFC text without control
   characters (notes may hold tab and newline), ASCII periods, finite numbers;
3. every export of an accepted file works (CSV, XLSX, JSON), and CSV and XLSX import back to the
   same data.

A few seconds by default; `pytest --fuzz-examples 1000 tests/etl/test_fuzz.py` (or
REGIOMETER_TEST_FUZZ_EXAMPLES=1000) runs more.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from etl.catalog import Catalog
from etl.errors import ValidationError
from etl.exporting import to_csv, to_json, to_xlsx
from etl.schema import CANONICAL_COLUMNS, MULTILINE_COLUMNS, validate
from etl.sources.staff_upload import ReadLimits, read_staff_file

CATALOG = Catalog(
    indicators={"cluster.members": {"unit": "members"}, "employment.ict_micro": {"unit": "persons"}},
    regions={"R1": {}, "R2": {}},
    entities={"hub": {}, "software": {}},
    sources={"src-2024": {}, "src-2025": {}},
)
HEADER = ",".join(CANONICAL_COLUMNS)
ROWS = [
    "cluster.members,R1,hub,2024,650,members,actual,src-2024,annual report,Jahresbericht,",
    'employment.ict_micro,R2,,2023-Q2,"81,000",persons,estimate,src-2024,"two\nlines","zwei\tZeilen",about',
    "cluster.members,R1,,2022-06,4.5,,provisional,src-2025,'=not a formula,,more_than",
    "employment.ict_micro,R1,software,2021-12-31,-3,persons,target,src-2025,size,Größe,",
]
BASE_CSV = ("\n".join([HEADER, *ROWS]) + "\n").encode()
SPECIALS = [
    b"\x00", b"\r", b"\n", b"\r\n", b"\x1b", b"\x07", b'"', b",", b";", b"\t", b"'", b"=", b"-", b"+", b"@",
    b"=cmd|' /C calc'!A0", "２０２４".encode(), "٨٤".encode(), b"\xff\xfe", b"\xef\xbb\xbf", b"\x81",
    b"\xe4", "\u0308".encode(), "\u2028".encode(), "\u202e".encode(), b"NaN", b"inf", b"1e309",
    b"84,000", b"1.620", b"42,5", b"x" * 140_000, b"y" * 12_000, b",,,,,,,,,,,,", b"\xc3", b"PK\x03\x04",
    b"&#1;", b"&#x1F;", b"<", b">", b"</row>", b'r="XFD9"', b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b'<c r="A9" t="s"><v>999</v></c>', b'<c r="B2"><v>NaN</v></c>', b't="inlineStr"', b"\xd0\xcf\x11\xe0",
]  # fmt: skip
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
TEXT_COLUMNS = [c for c in CANONICAL_COLUMNS if c != "value"]
LIMITS = ReadLimits(max_uncompressed_bytes=2_000_000, max_cells=20_000, max_cell_chars=10_000)


def base_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(CANONICAL_COLUMNS)
    sheet.append(
        [
            "cluster.members",
            "R1",
            "hub",
            2024,
            650,
            "members",
            "actual",
            "src-2024",
            "report",
            "Bericht",
            None,
        ]
    )
    sheet.append(
        [
            "employment.ict_micro",
            "R2",
            None,
            "2023-Q2",
            "81.000,5",
            None,
            "estimate",
            "src-2024",
            "a\nb",
            "a\nb auf Deutsch",
            "about",
        ]
    )
    workbook.create_sheet("help").append(["column", "what to write"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BASE_XLSX = base_xlsx()


@st.composite
def mutate(draw, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "insert", "replace", "delete", "truncate", "duplicate"]))
        chunk = draw(st.one_of(st.sampled_from(SPECIALS), st.binary(min_size=1, max_size=6)))
        if operation == "insert":
            data[position:position] = chunk
        elif operation == "replace":
            data[position : position + len(chunk)] = chunk
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        elif operation == "truncate":
            del data[position:]
        else:
            data[position:position] = data[position : position + draw(st.integers(1, 200))]
    return bytes(data)


@st.composite
def mutate_xlsx(draw) -> bytes:
    """Either the zip's bytes or one member's XML mutated (and zipped again)."""
    if draw(st.booleans()):
        return draw(mutate(BASE_XLSX))
    with zipfile.ZipFile(io.BytesIO(BASE_XLSX)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    target = draw(st.sampled_from(sorted(members)))
    members[target] = draw(mutate(members[target]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


TEXT_SPECIALS = [
    "\x00", "\r", "\n", "\r\n", "\t", "\x1b", "\x85", "\u2028", "\ufeff", "\u0308", "\u00a0", " ", '"', "'",
    "=", "+", "-", "@", "=cmd|' /C calc'!A0", "２０２４", "٨٤", "84,000", "1.620", "42,5", "1e5", "NaN",
    "Größe", "„Zahl“", "€", ";", ",", "x" * 11_000,
]  # fmt: skip


@st.composite
def mutate_cells(draw) -> bytes:
    """Text inserted into cells of the base CSV (a valid file with a few changed cells), written in
    one of the encodings staff files come in: many of these are accepted, and exercise the exports."""
    import csv as csv_module

    rows = list(csv_module.reader(io.StringIO(BASE_CSV.decode(), newline="")))
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(1, len(rows) - 1))
        column = draw(st.integers(0, len(CANONICAL_COLUMNS) - 1))
        text = draw(st.one_of(st.sampled_from(TEXT_SPECIALS), st.text(max_size=8)))
        at = draw(st.integers(0, len(rows[row][column])))
        rows[row][column] = rows[row][column][:at] + text + rows[row][column][at:]
    buffer = io.StringIO()
    csv_module.writer(buffer, delimiter=draw(st.sampled_from([",", ";"]))).writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return buffer.getvalue().encode(encoding, errors="replace")


def read_and_validate(content: bytes, name: str, numbers: str | None = None) -> pd.DataFrame | None:
    """The accepted frame, or None when the file was refused with a ValidationError (anything else
    propagates: a traceback is a failure)."""
    try:
        staff = read_staff_file(content, name, numbers, LIMITS)
        return validate(staff.frame, CATALOG, name)
    except ValidationError:
        return None


def canonical(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in frame[CANONICAL_COLUMNS].itertuples(index=False, name=None)]


def check_accepted(valid: pd.DataFrame) -> None:
    for column in TEXT_COLUMNS:
        for text in valid[column]:
            assert isinstance(text, str) and text == text.strip(), (column, text)
            assert unicodedata.is_normalized("NFC", text), (column, text)
            allowed = text.replace("\t", "").replace("\n", "") if column in MULTILINE_COLUMNS else text
            assert not CONTROL.search(allowed), (column, text)
    assert all(re.fullmatch(r"[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?", p) for p in valid["period"])
    assert all(math.isfinite(v) for v in valid["value"])
    exports = {"csv": to_csv(valid), "xlsx": to_xlsx(valid)}
    assert to_json(valid)
    for fmt, content in exports.items():
        again = read_and_validate(content, f"export.{fmt}", numbers="en")
        assert again is not None, f"the {fmt} export does not import back"
        assert canonical(again) == canonical(valid), fmt


def run(strategy, name: str, examples: int | None, default: int) -> None:
    @settings(
        max_examples=examples or default,
        deadline=None,
        derandomize=examples is None,  # the quick run is the same every time; longer runs explore
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(strategy)
    def check(content: bytes) -> None:
        valid = read_and_validate(content, name)
        if valid is not None:
            check_accepted(valid)

    check()


def test_the_base_files_are_accepted():
    for content, name in ((BASE_CSV, "base.csv"), (BASE_XLSX, "base.xlsx")):
        valid = read_and_validate(content, name)
        assert valid is not None and len(valid) >= 2
        check_accepted(valid)


def test_fuzzed_csv_files(fuzz_examples):
    run(mutate(BASE_CSV), "fuzz.csv", fuzz_examples, default=150)


def test_fuzzed_cells(fuzz_examples):
    run(mutate_cells(), "cells.csv", fuzz_examples, default=100)


def test_fuzzed_xlsx_files(fuzz_examples):
    run(mutate_xlsx(), "fuzz.xlsx", fuzz_examples, default=50)
