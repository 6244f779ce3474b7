"""GENESIS "flat file" CSV (ffcsv) -> canonical rows. Pure: text in, DataFrame out.

The file is ';'-separated with a header `statistics_code;...;time;1_variable_code;
1_variable_label;1_variable_attribute_code;1_variable_attribute_label;2_variable_code;...;value;
value_unit;...`. Rows are unsorted. An empty attribute code is the total ("Insgesamt"). Values use
a decimal comma; the symbols - . x ... / mean "no value" and are counted, not loaded.
The region variable (DINSG, DLAND, REGBEZ, KREISE) may sit in any slot, so slots are read by code.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from etl.errors import SourceError
from etl.schema import CANONICAL_COLUMNS, empty_frame, parse_period
from etl.sources.wz2008 import sector_slug

SOURCE_SLUG = "regionalstatistik"


@dataclass(frozen=True)
class Table:
    name: str
    indicator: str
    by_sector: bool = False


TABLES = (
    Table("13111-01-03-4", "context.employees_social_insurance"),
    Table("13111-07-05-4", "context.employees_social_insurance", by_sector=True),
    Table("12411-01-01-4", "context.population"),
)

# District AGS (Kreisgebietsreform 2008) -> NUTS-3 2021.
DISTRICTS = {
    "14612": "DED21", "14625": "DED2C", "14626": "DED2D", "14627": "DED2E", "14628": "DED2F",
    "14511": "DED41", "14521": "DED42", "14522": "DED43", "14523": "DED44", "14524": "DED45",
    "14713": "DED51", "14729": "DED52", "14730": "DED53",
}  # fmt: skip
# Statistical regions 145/146/147 cover the same ground as NUTS-2 DED4/DED2/DED5.
REGIONS = {
    ("DINSG", "DG"): "DE",
    ("DLAND", "14"): "DED",
    ("REGBEZ", "145"): "DED4",
    ("REGBEZ", "146"): "DED2",
    ("REGBEZ", "147"): "DED5",
} | {("KREISE", ags): nuts for ags, nuts in DISTRICTS.items()}
REGION_VARIABLES = frozenset({"DINSG", "DLAND", "REGBEZ", "KREISE"})
SPECIAL_VALUES = frozenset({"-", ".", "x", "...", "/"})
TOTAL_CODES = frozenset({"", "INSGESAMT"})
_SLOT = re.compile(r"^(\d+)_variable_code$")


def read_ffcsv(text: str, table: Table) -> pd.DataFrame:
    """Canonical rows (totals over every other variable) and attrs["skipped"] counts."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = reader.fieldnames or []
    missing = {"time", "value"} - set(header)
    if missing:
        raise SourceError(
            "genesis", f"{table.name}: not an ffcsv file, it lacks the columns {sorted(missing)}"
        )
    slots = sorted(int(m.group(1)) for m in map(_SLOT.match, header) if m)
    rows, skipped = [], Counter()
    for record in reader:
        row = _row(record, slots, table)
        if isinstance(row, dict):
            rows.append(row)
        elif row:
            skipped[row] += 1
    frame = pd.DataFrame(rows, columns=CANONICAL_COLUMNS) if rows else empty_frame()
    frame.attrs["skipped"] = dict(skipped)
    return frame


def _row(record: dict, slots: list[int], table: Table) -> dict | str | None:
    """A canonical row, the reason to skip a wanted cell, or None for a cell we never wanted."""
    region_key, sector, breakdown = None, None, ""
    for slot in slots:
        variable = (record.get(f"{slot}_variable_code") or "").strip()
        code = (record.get(f"{slot}_variable_attribute_code") or "").strip()
        if variable in REGION_VARIABLES:
            region_key = (variable, code)
        elif table.by_sector and variable.upper().startswith("WZ08"):
            sector = (code, (record.get(f"{slot}_variable_attribute_label") or "").strip())
        elif code.upper() not in TOTAL_CODES:
            return None  # a split by sex, nationality ...: only totals are loaded
    if region_key is None:
        return "no region variable"
    region = REGIONS.get(region_key)
    if region is None:
        return _region_reason(*region_key)
    if table.by_sector:
        if sector is None:
            return "no WZ 2008 variable"
        if sector[0].upper() in TOTAL_CODES:
            return "sector table total (the total comes from 13111-01-03-4)"
        breakdown = sector_slug(*sector) or ""
        if not breakdown:
            return f"unknown WZ 2008 code {sector[0]}"
    return _finish(record, table, region, breakdown)


def _region_reason(variable: str, code: str) -> str:
    if variable == "KREISE" and code.startswith("14"):
        return "pre-2008 district"
    if variable == "REGBEZ" and code in {"141", "142", "143"}:
        return "pre-2008 Regierungsbezirk"
    return "region outside Saxony"


def _finish(record: dict, table: Table, region: str, breakdown: str) -> dict | str:
    raw = (record.get("value") or "").strip()
    if not raw:
        return "empty value"
    if raw in SPECIAL_VALUES:
        return f"special value '{raw}'"
    value = german_number(raw)
    if value is None:
        return "unreadable value"
    period = (record.get("time") or "").strip()
    try:
        parse_period(period)
    except ValueError:
        return "unreadable period"
    return {
        "indicator": table.indicator,
        "region": region,
        "breakdown": breakdown,
        "period": period,
        "value": value,
        "unit": "",
        "status": "actual",
        "source": SOURCE_SLUG,
        "note": f"Regionaldatenbank {table.name}",
        "qualifier": "",
    }


def german_number(text: str) -> float | None:
    """'3391,228' -> 3391.228; '1.234,5' -> 1234.5; plain '5837916' stays."""
    cleaned = text.replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
