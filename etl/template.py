"""The staff template (CSV and XLSX): header, one example row and, in XLSX, a help sheet (both from
the region pack).

`python -m etl template` writes both into assets/, where the dashboard offers them for download.
"""

from __future__ import annotations

import io
from pathlib import Path

from etl.catalog import read_catalog_file
from etl.pack import Pack
from etl.schema import CANONICAL_COLUMNS, QUALIFIERS, STATUSES


def example_row(pack: Pack) -> dict[str, str]:
    """An example row from the pack: its first cluster card (else its first headline card) in its
    home region, cited to the indicator's preferred source."""
    indicators = read_catalog_file(pack.reference_dir / "indicators.csv", "indicators")
    card = next(iter(pack.cluster_cards or pack.headline), None)
    slug = card.indicator if card else next(iter(indicators))
    indicator = indicators[slug]
    return {
        "indicator": slug,
        "region": (card.region if card else "") or pack.home,
        "breakdown": card.breakdown if card else "",
        "period": "2025",
        "value": "620",
        "unit": indicator["unit"],
        "status": "actual",
        "source": indicator["preferred_source"],
        "note": "EXAMPLE ROW: replace or delete before importing",
        "qualifier": "",
    }


def help_rows(pack: Pack) -> list[tuple[str, str, str]]:
    examples = [
        *([pack.country] if pack.country else []),
        *pack.within_home()[:2],
        *pack.districts()[:1],
    ]
    codes = ", ".join(dict.fromkeys(examples))
    return [
        (
            "indicator",
            "required",
            "slug from the pack's reference/indicators.csv, e.g. " + example_row(pack)["indicator"],
        ),
        ("region", "required", f"NUTS code from the pack's reference/regions.csv: {codes} ..."),
        ("breakdown", "optional", "empty for the total, else a sector or entity slug (entities.csv)"),
        ("period", "required", "2023, 2023-Q2, 2023-06 or 2023-06-30"),
        ("value", "required", "a plain number; 76000, 76.000 or 76,000; money in EUR (4200000)"),
        ("unit", "optional", "must match the indicator's unit if given (persons, EUR, percent ...)"),
        ("status", "required", ", ".join(STATUSES)),
        ("source", "required", "slug from the pack's reference/sources.csv (add a new source there first)"),
        ("note", "optional", "definition changes, breaks in series, how the figure was worded"),
        ("qualifier", "optional", "how the figure was worded: " + ", ".join(q for q in QUALIFIERS if q)),
    ]


def template_csv() -> bytes:
    header = ",".join(CANONICAL_COLUMNS)
    return f"{header}\n".encode()


def template_xlsx(pack: Pack) -> bytes:
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
    for row in help_rows(pack):
        help_sheet.append(list(row))
    help_sheet.append([])
    example = example_row(pack)
    help_sheet.append(["example"] + [example[c] for c in CANONICAL_COLUMNS])
    help_sheet.column_dimensions["A"].width = 14
    help_sheet.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_templates(folder: Path, pack: Pack) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "staff-template.csv", folder / "staff-template.xlsx"]
    paths[0].write_bytes(template_csv())
    paths[1].write_bytes(template_xlsx(pack))
    return paths
