"""The staff template (CSV and XLSX), built from the warehouse's catalog and the region pack.

The XLSX has the sheet 'data' (the header row, drop-down lists for indicator, region, breakdown,
status, source and qualifier), 'help' (what to write in each column, in English and German, and an
example row from the pack) and 'lists' (the catalog's slugs with their names, which the drop-downs
use). `python -m etl template` writes both files from the warehouse; the editor offers them
generated on request, so a source added a minute ago is in the list. assets/ holds the files for the
pack's committed catalogs (a test keeps them in step with this module).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from etl.catalog import Catalog
from etl.pack import Pack
from etl.schema import CANONICAL_COLUMNS, REQUIRED_COLUMNS
from etl.vocabulary import QUALIFIERS, STATUSES

FIRST_ROW, LAST_ROW = 2, 5000  # the data rows the drop-downs cover
EXAMPLE_NOTE = {
    "en": "EXAMPLE ROW: replace or delete before importing",
    "de": "BEISPIEL: vor dem Import ersetzen",
}

# column: (English, German)
HELP = {
    "indicator": (
        "an indicator of the catalog (the drop-down; names on the sheet 'lists' and the About page)",
        "ein Indikator des Katalogs (Auswahlliste; Namen im Blatt „lists“ und auf der Seite „Über“)",
    ),
    "region": (
        "the code of a region of the catalog (the drop-down)",
        "der Code einer Region des Katalogs (Auswahlliste)",
    ),
    "breakdown": (
        "empty for the total, else a sector or organisation of the catalog (the drop-down)",
        "leer für die Summe, sonst eine Branche oder Organisation des Katalogs (Auswahlliste)",
    ),
    "period": ("2023, 2023-Q2, 2023-06 or 2023-06-30", "2023, 2023-Q2, 2023-06 oder 2023-06-30"),
    "value": (
        "a plain number, money in EUR (4200000); in a CSV write 76000 or use one notation throughout",
        "eine einfache Zahl, Geld in Euro (4200000); im CSV 76000 schreiben oder durchgehend eine "
        "Schreibweise verwenden",
    ),
    "unit": (
        "optional; must match the indicator's unit if given (persons, EUR, percent ...)",
        "optional; muss zur Einheit des Indikators passen (persons, EUR, percent ...)",
    ),
    "status": (
        ", ".join(STATUSES) + " (actual and provisional only for periods that have begun)",
        ", ".join(STATUSES) + " (actual und provisional nur für begonnene Zeiträume)",
    ),
    "source": (
        "a source of the catalog (the drop-down); add a new one in the editor first",
        "eine Quelle des Katalogs (Auswahlliste); eine neue zuerst in der Redaktion anlegen",
    ),
    "note": (
        "definition changes, breaks in series, how the figure was worded (in English)",
        "Abgrenzungsänderungen, Brüche in der Reihe, wie die Zahl formuliert war (auf Englisch)",
    ),
    "note_de": (
        "the note in German, shown on the German pages and exports; empty: the English note is shown",
        "die Anmerkung auf Deutsch, gezeigt auf den deutschen Seiten und in deutschen Exporten; leer: "
        "die englische Anmerkung wird gezeigt",
    ),
    "qualifier": (
        "how the figure was worded: " + ", ".join(q for q in QUALIFIERS if q),
        "wie die Zahl formuliert war: " + ", ".join(q for q in QUALIFIERS if q),
    ),
}


def example_row(catalog: Catalog, pack: Pack | None, today: date | None = None) -> dict[str, str]:
    """An example row from the pack (its first cluster or headline card) and the catalog."""
    cards = (*pack.cluster_cards, *pack.headline) if pack else ()
    card = next((c for c in cards if c.indicator in catalog.indicators), None)
    indicator = card.indicator if card else next(iter(sorted(catalog.indicators)), "")
    row = catalog.indicators.get(indicator)
    preferred = row.preferred_source if row else ""
    source = preferred if preferred in catalog.sources else next(iter(sorted(catalog.sources)), "")
    region = (card.region if card and card.region else "") or (pack.home if pack else "")
    return {
        "indicator": indicator,
        "region": region,
        "breakdown": card.breakdown if card and card.breakdown in catalog.entities else "",
        "period": str((today or date.today()).year - 1),
        "value": "1234",
        "unit": row.unit if row else "",
        "status": "actual",
        "source": source,
        "note": EXAMPLE_NOTE["en"],
        "note_de": EXAMPLE_NOTE["de"],
        "qualifier": "",
    }


def template_csv() -> bytes:
    return (",".join(CANONICAL_COLUMNS) + "\n").encode()


def _name(row: dict, lang: str) -> str:
    return str(row.get(f"name_{lang}") or row.get("name_en") or row.get("title") or "")


def _lists(catalog: Catalog) -> dict[str, list[tuple[str, str, str]]]:
    """column -> [(slug, English name, German name)] for the drop-downs."""

    def table(rows: dict) -> list[tuple[str, str, str]]:
        return [(slug, _name(row, "en"), _name(row, "de")) for slug, row in sorted(rows.items())]

    return {
        "indicator": table(catalog.indicators),
        "region": table(catalog.regions),
        "breakdown": table(catalog.entities),
        "status": [(s, s, s) for s in STATUSES],
        "source": [
            (slug, str(r.get("publisher", "")), str(r.get("title", "")))
            for slug, r in sorted(catalog.sources.items())
        ],
        "qualifier": [(q, q, q) for q in QUALIFIERS if q],
    }


def template_xlsx(catalog: Catalog, pack: Pack | None = None, today: date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    data.append(CANONICAL_COLUMNS)
    for cell in data[1]:
        cell.font = Font(bold=True)
    widths = {"indicator": 26, "region": 10, "breakdown": 20, "note": 40, "note_de": 40, "source": 30}
    for position, column in enumerate(CANONICAL_COLUMNS, start=1):
        data.column_dimensions[get_column_letter(position)].width = widths.get(column, 13)

    lists = workbook.create_sheet("lists")
    for position, (column, entries) in enumerate(_lists(catalog).items()):
        first = 3 * position + 1
        letter = get_column_letter(first)
        lists.cell(1, first, column).font = Font(bold=True)
        lists.cell(1, first + 1, "name (en) / publisher").font = Font(bold=True)
        lists.cell(1, first + 2, "Name (de) / Titel").font = Font(bold=True)
        for number, entry in enumerate(entries, start=2):
            for offset, text in enumerate(entry):
                lists.cell(number, first + offset, text)
        target = get_column_letter(CANONICAL_COLUMNS.index(column) + 1)
        closed = column in ("status", "qualifier")
        validation = DataValidation(
            type="list",
            formula1=f"=lists!${letter}$2:${letter}${max(2, len(entries) + 1)}",
            allow_blank=column not in REQUIRED_COLUMNS,
            showErrorMessage=True,
            errorStyle="stop" if closed else "warning",
            errorTitle=column,
            error=f"choose a {column} from the list / bitte aus der Liste wählen",
        )
        validation.add(f"{target}{FIRST_ROW}:{target}{LAST_ROW}")
        data.add_data_validation(validation)

    help_sheet = workbook.create_sheet("help")
    help_sheet.append(["column", "required?", "what to write", "Pflicht?", "was eintragen"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in CANONICAL_COLUMNS:
        required = column in REQUIRED_COLUMNS
        english, german = HELP[column]
        help_sheet.append(
            [column, "required" if required else "optional", english, "ja" if required else "nein", german]
        )
    help_sheet.append([])
    example = example_row(catalog, pack, today)
    help_sheet.append(["example / Beispiel", *(example[c] for c in CANONICAL_COLUMNS)])
    for letter, width in (("A", 18), ("B", 10), ("C", 70), ("D", 9), ("E", 70)):
        help_sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_templates(folder: Path, catalog: Catalog, pack: Pack | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "staff-template.csv", folder / "staff-template.xlsx"]
    paths[0].write_bytes(template_csv())
    paths[1].write_bytes(template_xlsx(catalog, pack))
    return paths
