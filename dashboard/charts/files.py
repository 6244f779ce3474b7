"""A chart's data as files a spreadsheet opens right (pure): CSV per language, XLSX with an About sheet.

- English CSV: comma-separated, decimal point, UTF-8 (what data tools expect).
- German CSV: semicolon-separated, decimal comma and a UTF-8 byte order mark, which is what German
  Excel needs to split the columns and keep umlauts.
- XLSX: numbers as numbers, periods typed (a year as a whole number, a month or day as a date), the
  header frozen and filtered, and a second sheet about the file (title, citation, permalink,
  sources and licences, the meaning of each column).

Text cells pass through etl.exporting.neutralise, so a note such as '=HYPERLINK(...)' is shown,
never run.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from datetime import date

import pandas as pd

from dashboard.charts.citation import CitedSource
from dashboard.charts.newsroom import NUMERIC_COLUMNS
from dashboard.i18n import t
from etl.exporting import neutralise

BOM = "\ufeff"
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DATE_COLUMNS = ("period", "published", "population_period")


def number_text(value: object, lang: str) -> str:
    """76000.0 -> '76000', 4.25 -> '4.25' ('4,25' in German); '' for a missing value."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(number):
        return ""
    text = f"{number:.15g}"
    return text.replace(".", ",") if lang == "de" else text


def to_csv(frame: pd.DataFrame, lang: str) -> bytes:
    out = frame.copy()
    for column in out.columns:
        if column in NUMERIC_COLUMNS:
            out[column] = [number_text(v, lang) for v in out[column]]
        else:
            out[column] = out[column].map(neutralise)
    separator = ";" if lang == "de" else ","
    text = out.to_csv(index=False, sep=separator, lineterminator="\r\n")
    return ((BOM if lang == "de" else "") + text).encode("utf-8")


def typed_period(period: str) -> int | date | str:
    """'2023' -> 2023, '2023-06' -> 2023-06-01, '2023-06-30' -> that day; anything else stays text."""
    if _YEAR.fullmatch(period):
        return int(period)
    if match := _DAY.fullmatch(period):
        return date(*map(int, match.groups()))
    if match := _MONTH.fullmatch(period):
        return date(int(match[1]), int(match[2]), 1)
    return period


def _date_format(period: str) -> str:
    """How Excel shows a typed period: a year as a plain number, a month as 2023-06, a day as 2023-06-30."""
    if _YEAR.fullmatch(period):
        return "0"
    return "yyyy-mm" if _MONTH.fullmatch(period) else "yyyy-mm-dd"


def _cell(column: str, value: object) -> object:
    if column in NUMERIC_COLUMNS:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return number if math.isfinite(number) else None
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if column in DATE_COLUMNS:
        typed = typed_period(text)
        if not isinstance(typed, str):
            return typed
    return neutralise(text) if text else None


def to_xlsx(
    frame: pd.DataFrame,
    lang: str,
    about: Sequence[tuple[str, str]],
    sources: Sequence[CitedSource],
    columns: Sequence[tuple[str, str]],
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("export.sheet_data", lang)
    names = list(frame.columns)
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = bold
    dated = [(index, column) for index, column in enumerate(names, start=1) if column in DATE_COLUMNS]
    for record in frame.to_dict("records"):  # the rows of one chart, not the warehouse
        sheet.append([_cell(column, record[column]) for column in names])
        for index, column in dated:
            cell = sheet.cell(row=sheet.max_row, column=index)
            cell.number_format = _date_format(str(record[column]))
    for index, column in enumerate(names, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = min(48, max(10, len(column) + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    info = workbook.create_sheet(t("export.sheet_about", lang))
    for label, text in about:
        info.append([label, neutralise(text)])
        info.cell(row=info.max_row, column=1).font = bold
    info.append([])
    info.append([t("cite.sources", lang)])
    info.cell(row=info.max_row, column=1).font = bold
    headers = ["publisher", "title", "published", "url", "licence"]
    info.append([t(f"export.source.{key}", lang) for key in headers])
    for cell in info[info.max_row]:
        cell.font = bold
    for source in sources:
        licence = source.licence or t("cite.no_licence", lang)
        row = [source.publisher, source.title, source.published, source.url, licence]
        info.append([neutralise(value) for value in row])
    info.append([])
    info.append([t("export.about.columns", lang)])
    info.cell(row=info.max_row, column=1).font = bold
    for column, meaning in columns:
        info.append([column, meaning])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 90
    for (cell,) in info.iter_rows(min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
