"""The staff template (CSV and XLSX): header, one example row and, in XLSX, a help sheet.

`python -m etl template` writes both into assets/, where the dashboard offers them for download.
"""

from __future__ import annotations

import io
from pathlib import Path

from etl.schema import CANONICAL_COLUMNS, QUALIFIERS, STATUSES

EXAMPLE = {
    "indicator": "cluster.members",
    "region": "DED",
    "breakdown": "silicon-saxony",
    "period": "2025",
    "value": "620",
    "unit": "members",
    "status": "actual",
    "source": "silicon-saxony-2024-06-11",
    "note": "EXAMPLE ROW: replace or delete before importing",
    "qualifier": "",
}

HELP = [
    ("indicator", "required", "slug from data/reference/indicators.csv, e.g. employment.ict_micro"),
    ("region", "required", "NUTS code from data/reference/regions.csv: DE, DED, DED2, DED21 ..."),
    ("breakdown", "optional", "empty for the total, else a sector or entity slug (entities.csv)"),
    ("period", "required", "2023, 2023-Q2, 2023-06 or 2023-06-30"),
    ("value", "required", "a plain number; 76000, 76.000 or 76,000; money in EUR (4200000)"),
    ("unit", "optional", "must match the indicator's unit if given (persons, EUR, percent ...)"),
    ("status", "required", ", ".join(STATUSES)),
    ("source", "required", "slug from data/reference/sources.csv (add a new source there first)"),
    ("note", "optional", "definition changes, breaks in series, how the figure was worded"),
    ("qualifier", "optional", "how the figure was worded: " + ", ".join(q for q in QUALIFIERS if q)),
]


def template_csv() -> bytes:
    header = ",".join(CANONICAL_COLUMNS)
    return f"{header}\n".encode()


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    data.append(CANONICAL_COLUMNS)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", (26, 8, 20, 12, 14, 12, 13, 30, 40, 12), strict=True):
        data.column_dimensions[column].width = width
    help_sheet = workbook.create_sheet("help")
    help_sheet.append(["column", "required?", "what to write"])
    for row in HELP:
        help_sheet.append(list(row))
    help_sheet.append([])
    help_sheet.append(["example"] + [EXAMPLE[c] for c in CANONICAL_COLUMNS])
    help_sheet.column_dimensions["A"].width = 14
    help_sheet.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_templates(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "staff-template.csv", folder / "staff-template.xlsx"]
    paths[0].write_bytes(template_csv())
    paths[1].write_bytes(template_xlsx())
    return paths
