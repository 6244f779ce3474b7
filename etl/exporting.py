"""Canonical frames -> CSV / XLSX / JSON bytes in the staff template's column order (pure).

Spreadsheet safety (CSV/formula injection): a spreadsheet program runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or carriage return) as a formula, so a
note such as ``=HYPERLINK("http://evil", "click")`` in an export could act when a journalist opens
the file. to_csv() and to_xlsx() therefore pass every text cell through neutralise(), which puts an
apostrophe in front of such text (``'=HYPERLINK(...)``): the cell is shown as text and never run.
Numbers are left alone: the value column stays numeric (in XLSX a number cell; a negative value stays
a number), and a text cell that is a plain number such as ``-5`` or ``+4.2`` is not a formula either.
Text that already starts with an apostrophe followed by one of those characters (or by another
apostrophe) gets one more, so restore() - one apostrophe off, which the importer applies to text
cells - gives back exactly the original: an export can be edited and imported again.
The rule applies to every line of a cell (a note may hold line breaks), so a formula start after a
line break is neutralised too; and CSV cells holding a line break of any kind (CR, LF) are quoted
(RFC 4180 line ends, CRLF), so no spreadsheet starts a new row inside a cell.
XLSX cannot hold control characters at all; validation keeps them out of the warehouse, and any that
an older load let in are written as U+FFFD so that one bad value never breaks a download.
JSON is not a spreadsheet format and is written unchanged.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from etl.schema import CANONICAL_COLUMNS

FORMATS = ("csv", "xlsx", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*FORMULA_STARTS, "'")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)([eE][+-]?\d+)?")


def format_value(value: float) -> str:
    """76000.0 -> '76000', 4.2 -> '4.2', 1e16 -> '10000000000000000': what a person would type, and
    what import reads back exactly (the shortest digits that give the same float; never an exponent,
    which the importer does not read)."""
    return np.format_float_positional(float(value), trim="-")


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _needs_prefix(text: str) -> bool:
    if text.startswith(FORMULA_STARTS):
        return not _PLAIN_NUMBER.fullmatch(text)
    return text.startswith("'") and text[1:2].startswith(_ESCAPED)


def _neutralise_line(line: str) -> str:
    return "'" + line if _needs_prefix(line) else line


def _restore_line(line: str) -> str:
    return line[1:] if line.startswith("'") and line[1:2].startswith(_ESCAPED) else line


def _later_lines(text: str, rule) -> str:
    """The rule applied to every line but the first (line breaks kept as they are)."""
    if "\n" not in text and "\r" not in text:
        return text
    parts = _LINE_BREAK.split(text)  # the line breaks at the odd positions
    return "".join(part if i % 2 or i == 0 else rule(part) for i, part in enumerate(parts))


def neutralise(text: object) -> object:
    """'=1+1' -> "'=1+1" (also for a text starting with a tab or a line break), and the same for
    every later line of the text; numbers, plain numeric text ('-5') and harmless text stay as given."""
    if not isinstance(text, str):
        return text
    return ("'" if _needs_prefix(text) else "") + _later_lines(text, _neutralise_line)


def restore(text: object) -> object:
    """The inverse of neutralise() for text read back from an export: one leading apostrophe off
    the text and off every later line that neutralise() would have prefixed."""
    if not isinstance(text, str) or "'" not in text:
        return text
    head = text[1:] if text.startswith("'") and text[1:2].startswith(_ESCAPED) else text
    return _later_lines(head, _restore_line)


def template_frame(observations: pd.DataFrame, extra_columns: Sequence[str] = ()) -> pd.DataFrame:
    """The canonical columns in template order (then any extra columns); text columns as text."""
    columns = [*CANONICAL_COLUMNS, *extra_columns]
    frame = observations.reindex(columns=columns)
    text_columns = [c for c in columns if c != "value"]
    frame[text_columns] = frame[text_columns].astype(object).fillna("")
    return frame.reset_index(drop=True)


def _safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise every text column (everything except the numeric value)."""
    out = frame.copy()
    for column in out.columns:
        if column != "value":
            out[column] = out[column].map(neutralise).astype(object)
    return out


def to_csv(frame: pd.DataFrame, extra_columns: Sequence[str] = ()) -> bytes:
    out = _safe_text(template_frame(frame, extra_columns))
    out["value"] = [format_value(v) for v in out["value"]]
    # CRLF line ends: the csv writer then quotes every cell holding a CR or an LF (RFC 4180).
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_json(frame: pd.DataFrame) -> bytes:
    out = template_frame(frame)
    records = out.to_dict(orient="records")
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data", extra_columns: Sequence[str] = ()) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    out = _safe_text(template_frame(frame, extra_columns))
    for column in out.columns:
        if column != "value":
            out[column] = out[column].map(_xlsx_text).astype(object)
    worksheet.append(list(out.columns))
    value_index = list(out.columns).index("value")
    for row in out.itertuples(index=False, name=None):
        cells = list(row)
        cells[value_index] = float(cells[value_index])  # a number cell, never text or a formula
        worksheet.append(cells)  # neutralised text never starts with '=', so openpyxl keeps it text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_text(text: object) -> object:
    return _XLSX_ILLEGAL.sub("\ufffd", text) if isinstance(text, str) else text


def render(frame: pd.DataFrame, fmt: str) -> bytes:
    renderers: dict[str, Callable[[pd.DataFrame], bytes]] = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}
    return renderers[fmt](frame)
