"""Staff files in the template (CSV or XLSX) -> canonical frame. Pure: bytes in, frame out.

File-level problems (wrong type, not UTF-8, empty, missing or unknown columns) and value problems
are collected and raised together as one ValidationError; schema.validate() then checks the rows.
"""

from __future__ import annotations

import csv
import difflib
import io
import zipfile
from dataclasses import dataclass

import pandas as pd

from etl import numbers
from etl.errors import Problem, ValidationError
from etl.exporting import restore
from etl.schema import CANONICAL_COLUMNS

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls / .doc
SUPPORTED = "a CSV (UTF-8, ',' or ';') or an XLSX file in the staff template"


@dataclass
class StaffFile:
    frame: (
        pd.DataFrame
    )  # canonical columns as text, value as float (or the original text if unreadable), _row
    number_format: numbers.NumberFormat | None
    kind: str  # csv or xlsx


def _problem(message: str, fix: str, row: int | None = None, column: str | None = None) -> Problem:
    return Problem(message, row, column, fix)


def _fail(what: str, *problems: Problem) -> ValidationError:
    return ValidationError(list(problems), what)


def _sniff_kind(content: bytes, name: str) -> str:
    lower = name.lower()
    if content.startswith(XLSX_MAGIC):
        if zipfile.is_zipfile(io.BytesIO(content)) and not lower.endswith(".csv"):
            return "xlsx"
        raise _fail(name, _problem("is a ZIP archive, not a spreadsheet or CSV", f"upload {SUPPORTED}"))
    if content.startswith(OLE_MAGIC) or lower.endswith(".xls"):
        raise _fail(
            name, _problem("is an old Excel (.xls) file", "save it as .xlsx or CSV UTF-8 and upload again")
        )
    if b"\x00" in content[:4096] or lower.endswith((".pdf", ".docx", ".ods", ".json")):
        raise _fail(name, _problem("is not a CSV or XLSX file", f"upload {SUPPORTED}"))
    return "csv"


def _decode(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(
            name,
            _problem(
                f"is not UTF-8 text (byte {exc.start})",
                "in Excel use 'Save as' -> 'CSV UTF-8 (comma delimited)', or upload the .xlsx",
            ),
        ) from None


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _read_csv(content: bytes, name: str) -> tuple[list[str], list[list[str]], str]:
    text = _decode(content, name)
    if not text.strip():
        raise _fail(name, _problem("is empty", "use the staff template and fill in at least one row"))
    delimiter = _delimiter(text.splitlines()[0])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return rows[0], rows[1:], delimiter


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _read_xlsx(content: bytes, name: str) -> tuple[list[str], list[list[object]]]:
    from openpyxl import load_workbook  # only staff uploads need it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise _fail(name, _problem(f"cannot be opened as XLSX ({exc})", f"upload {SUPPORTED}")) from None
    sheet = workbook["data"] if "data" in workbook.sheetnames else workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise _fail(name, _problem("is empty", "use the staff template and fill in at least one row"))
    return [_cell_text(cell) for cell in rows[0]], rows[1:]


def _header_problems(header: list[str]) -> tuple[list[str], list[Problem]]:
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    problems = []
    for position, column in enumerate(columns, start=1):
        if column and column not in CANONICAL_COLUMNS:
            guess = difflib.get_close_matches(column, CANONICAL_COLUMNS, n=1)
            fix = f"did you mean '{guess[0]}'?" if guess else "remove it or rename it to a template column"
            problems.append(
                _problem(f"unknown column '{header[position - 1]}' (column {position})", fix, 1, column)
            )
    seen = set()
    for column in columns:
        if column and column in seen:
            problems.append(_problem(f"column '{column}' appears twice", "keep one of them", 1, column))
        seen.add(column)
    return columns, problems


def _values(raw: list[object], style: str) -> list[object]:
    """Numbers as floats; unreadable text is kept as text so validation can quote it."""
    out: list[object] = []
    for value in raw:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out.append(float(value))
            continue
        text = _cell_text(value).strip()
        number = numbers.parse_number(text, style) if text else None
        out.append(number if number is not None else text)
    return out


def read_staff_file(content: bytes, name: str, numbers_style: str | None = None) -> StaffFile:
    """Parse an uploaded file into canonical columns; raise ValidationError for file-level problems."""
    kind = _sniff_kind(content, name)
    delimiter = ","
    if kind == "csv":
        header, body, delimiter = _read_csv(content, name)
    else:
        header, body = _read_xlsx(content, name)
    columns, problems = _header_problems(header)
    body = [row for row in body if any(_cell_text(cell).strip() for cell in row)]
    missing = [c for c in ("indicator", "region", "period", "value", "status", "source") if c not in columns]
    problems += [
        _problem(f"required column '{c}' is missing", "use the header row of the staff template", 1, c)
        for c in missing
    ]
    if not body and not problems:
        problems.append(_problem("has a header but no data rows", "add at least one row below the header"))
    if problems:
        raise _fail(name, *problems)
    records = {c: [row[i] if i < len(row) else "" for row in body] for i, c in enumerate(columns) if c}
    row_numbers = list(range(2, len(body) + 2))
    value_texts = [_cell_text(v) for v in records["value"] if not isinstance(v, (int, float))]
    number_format = numbers.detect(value_texts, delimiter, numbers_style)
    values = _values(records["value"], number_format.style)
    frame = pd.DataFrame(
        {c: [restore(_cell_text(v).strip()) for v in records[c]] for c in records if c != "value"}
    )
    frame["value"] = pd.Series(values, dtype=object)
    frame["_row"] = row_numbers
    conflicts = _conflict_problems(number_format, value_texts, records["value"], row_numbers)
    if conflicts:
        raise _fail(name, *conflicts)
    return StaffFile(frame=frame, number_format=number_format, kind=kind)


def _conflict_problems(fmt: numbers.NumberFormat, texts: list[str], raw: list[object], rows: list[int]):
    if not fmt.conflicts:
        return []
    text_rows = [row for value, row in zip(raw, rows, strict=True) if not isinstance(value, (int, float))]
    style = "German (4,2)" if fmt.style == numbers.GERMAN else "English (4.2)"
    return [
        _problem(
            f"value '{texts[i]}' is written in the other number format than the rest of the file",
            f"write every value in one format; most of this file is {style}",
            text_rows[i],
            "value",
        )
        for i in fmt.conflicts
    ]
