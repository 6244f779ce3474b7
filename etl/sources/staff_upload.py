"""Staff files in the template (CSV or XLSX) -> canonical frame. Pure: bytes in, frame out.

File-level problems (wrong type, unreadable encoding, damaged workbook, empty, missing or unknown
columns, cells outside the columns, ambiguous numbers) are collected and raised together as one
ValidationError; schema.validate() then checks the rows. Nothing here raises anything else for a
bad file: every damage becomes a Problem with row and column where the file has them.

- CSV: UTF-8 (with or without BOM) or Windows-1252 (German Excel's "CSV"), detected and reported;
  ',', ';' or tab separated; quotes must pair up. A byte that is neither names its row and column.
- XLSX: read by etl.xlsx with bounded memory and time; the data sheet is the one whose header row
  (within its first 20 rows) has the template's required columns; other sheets are named in a note.
- Numbers: etl.numbers decides the notation from the whole file, or the caller's choice.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from etl import messages, numbers
from etl.errors import ERROR, Problem, ValidationError
from etl.exporting import restore
from etl.messages import note, problem, word
from etl.schema import CANONICAL_COLUMNS, REQUIRED_COLUMNS
from etl.xlsx import Limits, XlsxError, open_workbook

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls / .doc
HEADER_SEARCH_ROWS = 20
CSV_FIELD_LIMIT = csv.field_size_limit()  # the csv module's own limit (131,072 characters)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


@dataclass(frozen=True)
class ReadLimits:
    """What a staff file may ask of the reader (settings: REGIOMETER_UPLOAD_MAX_*)."""

    max_uncompressed_bytes: int = 50_000_000
    max_cells: int = 1_000_000
    max_cell_chars: int = 10_000

    @classmethod
    def from_settings(cls, settings) -> ReadLimits:
        return cls(
            settings.upload_max_uncompressed_bytes, settings.upload_max_cells, settings.upload_max_cell_chars
        )


@dataclass
class StaffFile:
    frame: pd.DataFrame  # canonical columns as text, value as float (or the original text), _row
    number_format: numbers.NumberFormat | None
    kind: str  # csv or xlsx
    encoding: str = ""  # utf-8, utf-8-sig or windows-1252 for CSV
    sheet: str = ""  # the sheet read, for XLSX
    notes: list[Problem] = field(default_factory=list)  # said to the user, never blocking


@dataclass
class _Table:
    header: list[object]
    body: Sequence[tuple[int, Sequence[object]]]  # (spreadsheet row, cells)
    header_row: int = 1
    encoding: str = ""
    sheet: str = ""
    notes: list[Problem] = field(default_factory=list)


def _fail(what: str, *problems: Problem) -> ValidationError:
    return ValidationError(list(problems), what)


def _supported() -> dict[str, str]:
    return word("supported")


def _sniff_kind(content: bytes, name: str) -> str:
    lower = name.lower()
    if content.startswith(XLSX_MAGIC):
        if zipfile.is_zipfile(io.BytesIO(content)) and not lower.endswith(".csv"):
            return "xlsx"
        if not lower.endswith(".xlsx"):
            raise _fail(name, problem("file_zip", supported=_supported()))
        return "xlsx"  # a damaged workbook: the XLSX reader says what is wrong with it
    if content.startswith(OLE_MAGIC) or lower.endswith(".xls"):
        raise _fail(name, problem("file_old_excel"))
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(name, problem("file_utf16"))
    if b"\x00" in content[:4096] or lower.endswith((".pdf", ".docx", ".ods", ".json")):
        raise _fail(name, problem("file_not_table", supported=_supported()))
    return "csv"


# --- CSV ------------------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _locate(text: str, position: int) -> tuple[int, str | None, int]:
    """(row, column name, character in the line) of a position in CSV text."""
    prefix = text[:position]
    delimiter = _delimiter(text[: position + 4096])
    try:
        records = list(csv.reader(io.StringIO(prefix, newline=""), delimiter=delimiter))
    except csv.Error:  # a damaged file: count physical lines instead
        records = [line.split(delimiter) for line in prefix.splitlines()]
    at_start = not prefix or prefix.endswith(("\n", "\r"))
    row = len(records) + (1 if at_start else 0) or 1
    index = 0 if at_start or not records else len(records[-1]) - 1
    header = records[0] if records else []
    column = header[index].strip().lower() if row > 1 and index < len(header) else None
    line_start = max(prefix.rfind("\n"), prefix.rfind("\r")) + 1
    return row, column, position - line_start + 1


def _decode(content: bytes, name: str) -> tuple[str, str]:
    try:
        text = content.decode("utf-8")
        return (text[1:], "utf-8-sig") if text.startswith("\ufeff") else (text, "utf-8")
    except UnicodeDecodeError as exc:
        utf8_bad = exc.start
    if _UTF8_SEQUENCE.search(content):  # valid UTF-8 here, invalid there: pasted together or damaged
        row, column, position = _locate(content.decode("latin-1"), utf8_bad)
        raise _fail(
            name,
            problem(
                "file_mixed_encoding", row, column, byte=f"{content[utf8_bad]:02X}", position=str(position)
            ),
        )
    try:
        return content.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        row, column, position = _locate(content.decode("latin-1"), exc.start)
        raise _fail(
            name,
            problem("file_bad_byte", row, column, byte=f"{content[exc.start]:02X}", position=str(position)),
        ) from None


def _read_csv(content: bytes, name: str) -> _Table:
    text, encoding = _decode(content, name)
    if not text.strip():
        raise _fail(name, problem("file_empty"))
    if "\x00" in text:
        row, column, _ = _locate(text, text.index("\x00"))
        raise _fail(name, problem("file_nul", row, column, count=text.count("\x00")))
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        row = len(records) + 1
        if "field larger than field limit" in str(exc):
            raise _fail(
                name,
                problem("cell_too_long", row, None, length=f"> {CSV_FIELD_LIMIT:,}", limit=CSV_FIELD_LIMIT),
            ) from None
        raise _fail(name, problem("csv_quote", row, None, detail=str(exc))) from None
    numbered = [(number, record) for number, record in enumerate(records, start=1)]
    first = next((i for i, (_, record) in enumerate(numbered) if any(c.strip() for c in record)), None)
    if first is None:
        raise _fail(name, problem("file_empty"))
    header_row, header = numbered[first]
    notes = [note("note_encoding", encoding=word(f"encoding.{encoding}"))]
    return _Table(list(header), numbered[first + 1 :], header_row, encoding, "", notes)


# --- XLSX -----------------------------------------------------------------------------------------


def _header_names(cells: dict[int, object]) -> set[str]:
    return {_cell_text(v).strip().lstrip("\ufeff").lower() for v in cells.values()}


def _as_list(cells: dict[int, object], width: int) -> list[object]:
    out: list[object] = [None] * max(width, max(cells, default=0))
    for column, value in cells.items():
        out[column - 1] = value
    return out


def _read_xlsx(content: bytes, name: str, limits: ReadLimits) -> _Table:
    try:
        book = open_workbook(content, Limits(limits.max_uncompressed_bytes, limits.max_cells))
        found: list[tuple[str, str, int, dict[int, object]]] = []
        first_rows: list[tuple[str, str, int, dict[int, object]]] = []
        for sheet, path in book.sheets:
            for seen, (number, cells) in enumerate(book.rows(path)):
                if seen == 0:
                    first_rows.append((sheet, path, number, cells))
                if set(REQUIRED_COLUMNS) <= _header_names(cells):
                    found.append((sheet, path, number, cells))
                    break
                if seen + 1 >= HEADER_SEARCH_ROWS:
                    break
        if len(found) > 1:
            raise _fail(name, problem("xlsx_two_data_sheets", sheets=[f"'{f[0]}'" for f in found]))
        names = [sheet for sheet, _ in book.sheets]
        if found:
            sheet, path, header_row, header_cells = found[0]
        elif first_rows:
            data_sheet = [row for row in first_rows if row[0] == "data"]
            sheet, path, header_row, header_cells = (data_sheet or first_rows)[0]
        else:
            raise _fail(name, problem("file_empty"))
        notes = []
        if len(names) > 1:
            others = [f"'{n}'" for n in names if n != sheet]
            notes.append(note("note_other_sheets", sheet=sheet, others=others))
        if header_row > 1:
            notes.append(note("note_rows_above_header", header_row=str(header_row)))
        body = [(number, _as_list(cells, 0)) for number, cells in book.rows(path) if number > header_row]
    except XlsxError as exc:
        # A file-level problem: no row or column, an error; the params fill in its message.
        raise _fail(name, problem(exc.code, None, None, ERROR, **exc.params)) from None
    header = _as_list(header_cells, 0)
    table = _Table(header, body, header_row, "", sheet, notes)
    if not found and len(names) > 1:
        table.notes.append(
            problem("xlsx_no_header", sheets=[f"'{n}'" for n in names], columns=", ".join(CANONICAL_COLUMNS))
        )
    return table


# --- both -----------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


# Headers people write for the two notes: the note's language named, or the German word for it.
NOTE_COLUMNS = {
    "note_en": "note",
    "note_english": "note",
    "note_german": "note_de",
    "note_deutsch": "note_de",
}
NOTE_COLUMNS |= dict.fromkeys(("anmerkung", "anmerkungen", "bemerkung", "hinweis", "notiz"), "note_de")


def _column_hint(column: str) -> dict[str, str]:
    """How to fix an unknown column: the note column it means, else the closest template column."""
    spelled = re.sub(r"[^a-z]+", "_", column).strip("_")
    meant = NOTE_COLUMNS.get(spelled) or (spelled if spelled in ("note", "note_de") else "")
    if meant:
        return word("note_language_column", choice=meant)
    guess = difflib.get_close_matches(column, CANONICAL_COLUMNS, n=1)
    return word("suggestion_column", choice=guess[0]) if guess else word("remove_column")


def _header_problems(header: list[object], header_row: int) -> tuple[list[str], list[Problem]]:
    raw = [_cell_text(h).strip().lstrip("\ufeff") for h in header]
    columns = [h.lower() for h in raw]
    problems = []
    for position, column in enumerate(columns, start=1):
        if column and column not in CANONICAL_COLUMNS:
            fix = _column_hint(column)
            problems.append(
                problem(
                    "column_unknown",
                    header_row,
                    column,
                    name=raw[position - 1],
                    position=str(position),
                    suggestion=fix,
                )
            )
    seen = set()
    for column in columns:
        if column and column in seen:
            problems.append(problem("column_twice", header_row, column, name=column))
        seen.add(column)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    problems += [
        problem("column_missing", header_row, c, name=c, columns=", ".join(CANONICAL_COLUMNS))
        for c in missing
    ]
    return columns, problems


def _cell_problems(
    columns: list[str], body: Sequence[tuple[int, Sequence[object]]], limits: ReadLimits
) -> list[Problem]:
    """Cells outside the header's columns (extra cells, cells under an empty header) and overlong cells."""
    problems: list[Problem] = []
    for number, cells in body:
        for index, value in enumerate(cells):
            text = _cell_text(value)
            if not text.strip():
                continue
            column = columns[index] if index < len(columns) else ""
            if not column:
                shown = text if len(text) <= 40 else text[:40] + "…"
                problems.append(
                    problem("cell_outside_columns", number, None, position=index + 1, value=shown)
                )
            elif len(text) > limits.max_cell_chars:
                problems.append(
                    problem("cell_too_long", number, column, length=len(text), limit=limits.max_cell_chars)
                )
    return problems


def _values(raw: list[object], fmt: numbers.NumberFormat) -> list[object]:
    """Numbers as floats; unreadable text is kept as text so validation can quote it."""
    out: list[object] = []
    for value in raw:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out.append(float(value))
            continue
        text = _cell_text(value).strip()
        number = numbers.parse_number(text, fmt.style) if text else None
        out.append(number if number is not None else text)
    return out


def read_staff_file(
    content: bytes, name: str, numbers_style: str | None = None, limits: ReadLimits = ReadLimits()
) -> StaffFile:
    """Parse an uploaded file into canonical columns; raise ValidationError for file-level problems."""
    kind = _sniff_kind(content, name)
    table = _read_csv(content, name) if kind == "csv" else _read_xlsx(content, name, limits)
    columns, problems = _header_problems(table.header, table.header_row)
    problems += [p for p in table.notes if p.severity == "error"]
    notes = [p for p in table.notes if p.severity != "error"]
    body = [(n, cells) for n, cells in table.body if any(_cell_text(c).strip() for c in cells)]
    problems += _cell_problems(columns, body, limits)
    if not body and not problems:
        problems.append(problem("file_no_rows"))
    if problems:
        raise _fail(name, *problems)
    records = {
        c: [cells[i] if i < len(cells) else None for _, cells in body] for i, c in enumerate(columns) if c
    }
    rows = [n for n, _ in body]
    raw_values = records["value"]
    texts = [
        None if isinstance(v, (int, float)) and not isinstance(v, bool) else _cell_text(v) for v in raw_values
    ]
    fmt = numbers.detect(texts, numbers_style)
    problems = _number_problems(fmt, texts, rows, forced=numbers_style)
    if problems:
        raise _fail(name, *problems)
    frame = pd.DataFrame(
        {c: [restore(_cell_text(v).strip()) for v in records[c]] for c in records if c != "value"}
    )
    frame["value"] = pd.Series(_values(raw_values, fmt), dtype=object)
    frame["_row"] = rows
    return StaffFile(frame, fmt, kind, table.encoding, table.sheet, notes)


def _number_problems(
    fmt: numbers.NumberFormat, texts: list[str | None], rows: list[int], forced: str | None
) -> list[Problem]:
    problems = [
        problem(
            "number_conflict",
            rows[i],
            "value",
            value=texts[i],
            style=word(f"style.{fmt.style}"),
        )
        for i in fmt.conflicts
    ]
    for i in fmt.ambiguous:
        cleaned = numbers.clean(texts[i] or "")
        english, german = numbers.parse_number(cleaned, "en"), numbers.parse_number(cleaned, "de")
        evidence = word("evidence.decimals") if fmt.code in ("detected", "mixed") else word("evidence.none")
        problems.append(
            problem(
                "number_ambiguous",
                rows[i],
                "value",
                value=texts[i],
                english=english,
                german=german,
                english_plain=_plain(english),
                german_plain=_plain(german),
                evidence=evidence,
            )
        )
    if forced:
        for i, text in enumerate(texts):
            if (
                text
                and numbers.parse_number(text, forced) is None
                and numbers.evidence(text) == numbers.other(forced)
            ):
                converted = numbers.parse_number(text, numbers.other(forced))
                problems.append(
                    problem(
                        "number_not_in_style",
                        rows[i],
                        "value",
                        value=text,
                        notation=word(f"notation.{forced}"),
                        converted=messages.format_number(converted, forced) if converted is not None else "",
                    )
                )
    return sorted(problems, key=lambda p: p.row or 0)


def _plain(number: float | None) -> dict[str, str]:
    """A number without thousands separators, in each reader's notation: 84000, 1.62 / 1,62."""
    text = messages.format_number(number or 0.0, "en").replace(",", "")
    return {"en": text, "de": text.replace(".", ",")}
