"""A bounded XLSX reader for staff files: streams the sheets' XML, trusts nothing the file declares.

openpyxl pads every row to the width a sheet's dimension tag claims and reads all shared strings
first, so a 2 KB file can ask for gigabytes. This reader instead

- counts the bytes it actually decompresses (limit: Limits.max_uncompressed_bytes),
- counts the cells it actually finds (limit: Limits.max_cells) and keeps only those (a cell in
  column XFD is one cell, not 16,384),
- refuses XML with a document type (entity declarations have no place in a workbook),
- raises XlsxError (code and params for etl.messages) for every damage: zip, zlib, XML, references.

It returns what the spreadsheet shows: text, numbers (float), booleans, dates (for cells formatted
as dates), None for empty cells, and error values such as '#N/A' as text.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAX_COLUMN = 16_384  # XFD, the last column of any spreadsheet
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_BUILTIN_DATES = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_DATE_CODE = re.compile(r"[dmyhs]")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class XlsxError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Limits:
    max_uncompressed_bytes: int = 50_000_000
    max_cells: int = 1_000_000


@dataclass
class _Budget:
    limits: Limits
    read: int = 0
    cells: int = 0

    def bytes(self, count: int) -> None:
        self.read += count
        if self.read > self.limits.max_uncompressed_bytes:
            raise XlsxError("xlsx_too_large", limit=self.limits.max_uncompressed_bytes / 1_000_000)

    def cell(self) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise XlsxError("xlsx_too_many_cells", limit=self.limits.max_cells)


class _Counted(io.RawIOBase):
    """A zip member read through the budget; a document type anywhere is refused."""

    def __init__(self, member, budget: _Budget) -> None:
        self._member, self._budget, self._tail = member, budget, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._member.read(min(len(buffer), 65536))
        self._budget.bytes(len(data))
        window = self._tail + data
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise XlsxError("xlsx_damaged", detail="it declares XML entities")
        self._tail = data[-16:]
        buffer[: len(data)] = data
        return len(data)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


@dataclass
class Workbook:
    archive: zipfile.ZipFile
    budget: _Budget
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (name, member path)
    shared: list[str] = field(default_factory=list)
    date_styles: set[int] = field(default_factory=set)
    epoch: datetime = CALENDAR_WINDOWS_1900

    def _open(self, path: str):
        try:
            member = self.archive.open(path)
        except KeyError:
            raise XlsxError("xlsx_damaged", detail=f"{path} is missing") from None
        return io.BufferedReader(_Counted(member, self.budget))

    def _parse(self, path: str, events=("end",)):
        """iterparse over one member, with every kind of damage turned into XlsxError."""
        try:
            yield from iterparse(self._open(path), events=events)
        except ParseError as exc:
            raise XlsxError("xlsx_damaged", detail=f"{path}: {exc}") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise XlsxError("xlsx_damaged", detail=f"{path}: {exc}") from None

    def rows(self, path: str) -> Iterator[tuple[int, dict[int, object]]]:
        """(row number, {column number: value}) for every row that has a cell; columns are 1-based."""
        row_number, column, parent = 0, 0, None
        cells: dict[int, object] = {}
        cell: dict[str, object] = {}
        for event, element in self._parse(path, ("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    declared = _attribute(element, "r")
                    row_number = _whole(declared, row_number + 1, "row")
                    cells, column = {}, 0
                elif tag == "c":
                    cell = {"r": _attribute(element, "r"), "t": _attribute(element, "t") or "n"}
                    cell["s"] = _attribute(element, "s")
                elif tag == "sheetData":
                    parent = element
                continue
            if tag == "c":
                self.budget.cell()
                column = _column(str(cell["r"]), column + 1, row_number)
                value = self._value(element, cell)
                if value is not None:
                    cells[column] = value
                element.clear()
            elif tag == "row":
                if cells:
                    yield row_number, cells
                element.clear()
                if parent is not None:
                    parent.clear()

    def _value(self, element, cell: dict[str, object]) -> object:
        kind = cell["t"]
        raw = None
        inline: list[str] = []
        for child in element:
            name = _local(child.tag)
            if name == "v":
                raw = child.text or ""
            elif name == "is":
                inline.append(_text_of(child))
        if kind == "inlineStr":
            return "".join(inline)
        if raw is None:
            return None
        if kind == "s":
            index = _whole(raw, -1, "shared string")
            if not 0 <= index < len(self.shared):
                raise XlsxError(
                    "xlsx_damaged", detail=f"a cell refers to shared string {raw}, which is missing"
                )
            return self.shared[index]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return raw[:10]
        if not _NUMBER.fullmatch(raw.strip()):
            return raw  # not a number after all: text, for validation to quote
        number = float(raw)
        style = _whole(str(cell["s"]) or "0", 0, "style")
        if style in self.date_styles:
            try:
                moment = from_excel(number, self.epoch)
            except (OverflowError, ValueError, TypeError):
                return number
            if isinstance(moment, (datetime, date)):
                return moment.date() if isinstance(moment, datetime) else moment
        return number


def _whole(text: str, default: int, what: str) -> int:
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise XlsxError("xlsx_damaged", detail=f"'{text[:20]}' is not a {what} number")
    return int(text)


def _column(reference: str, default: int, row: int) -> int:
    if not reference:
        column = default
    else:
        match = _REFERENCE.fullmatch(reference)
        if not match:
            raise XlsxError("xlsx_bad_reference", reference=reference[:20])
        column = 0
        for letter in match.group(1):
            column = column * 26 + ord(letter) - 64
    if column > MAX_COLUMN:
        raise XlsxError("xlsx_bad_reference", reference=reference[:20] or f"column {column}")
    return column


def _text_of(element) -> str:
    """The text of a shared or inline string: its t elements, without phonetic runs (rPh)."""
    parts: list[str] = []

    def walk(node) -> None:
        name = _local(node.tag)
        if name == "rPh":
            return
        if name == "t":
            parts.append(node.text or "")
        for child in node:
            walk(child)

    walk(element)
    return "".join(parts)


def _relationships(book: Workbook, path: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, target path) of a part's relationships; {} when it has none."""
    folder, name = posixpath.split(path)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in book.archive.namelist():
        return {}
    found = {}
    for _, element in book._parse(rels):
        if _local(element.tag) == "Relationship":
            target = element.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            found[element.get("Id", "")] = (element.get("Type", "").rsplit("/", 1)[-1], resolved)
    return found


def _is_date_format(code: str) -> bool:
    return bool(_DATE_CODE.search(_QUOTED.sub("", code.lower())))


def _read_styles(book: Workbook, path: str) -> None:
    custom: dict[int, str] = {}
    formats: list[int] = []
    in_cell_xfs = False
    for event, element in book._parse(path, ("start", "end")):
        tag = _local(element.tag)
        if tag == "cellXfs":
            in_cell_xfs = event == "start"
        if event != "end":
            continue
        if tag == "numFmt":
            identifier = element.get("numFmtId", "")
            if identifier.isdigit():
                custom[int(identifier)] = element.get("formatCode", "")
        elif tag == "xf" and in_cell_xfs:
            identifier = element.get("numFmtId", "0")
            formats.append(int(identifier) if identifier.isdigit() else 0)
    book.date_styles = {
        index
        for index, identifier in enumerate(formats)
        if identifier in _BUILTIN_DATES or (identifier in custom and _is_date_format(custom[identifier]))
    }


def _read_shared(book: Workbook, path: str) -> None:
    for _, element in book._parse(path):
        if _local(element.tag) == "si":
            book.shared.append(_text_of(element))
            element.clear()


def open_workbook(content: bytes, limits: Limits = Limits()) -> Workbook:
    """Open an XLSX: its sheets (visible order), shared strings and date styles. XlsxError if damaged."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise XlsxError("xlsx_damaged", detail=str(exc) or type(exc).__name__) from None
    book = Workbook(archive, _Budget(limits))
    main = next(
        (target for kind, target in _relationships(book, "").values() if kind == "officeDocument"),
        "xl/workbook.xml",
    )
    if main not in names:
        raise XlsxError("xlsx_damaged", detail="it has no workbook part")
    parts = _relationships(book, main)
    for kind, target in parts.values():
        if kind == "sharedStrings" and target in names:
            _read_shared(book, target)
        elif kind == "styles" and target in names:
            _read_styles(book, target)
    for _, element in book._parse(main):
        tag = _local(element.tag)
        if tag == "workbookPr" and element.get("date1904", "") in ("1", "true"):
            book.epoch = CALENDAR_MAC_1904
        elif tag == "sheet":
            kind, target = parts.get(_attribute(element, "id"), ("", ""))
            if kind == "worksheet" and target in names:
                book.sheets.append((element.get("name", "") or posixpath.basename(target), target))
    if not book.sheets:
        raise XlsxError("xlsx_no_sheets")
    return book
