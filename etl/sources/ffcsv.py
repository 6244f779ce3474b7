"""GENESIS "flat file" CSV (ffcsv) -> canonical rows. Pure: text and the pack's keys in, DataFrame out.

The file is ';'-separated with a header `statistics_code;...;time;1_variable_code;
1_variable_label;1_variable_attribute_code;1_variable_attribute_label;2_variable_code;...;value;
value_unit;...`. Rows are unsorted. An empty attribute code is the total ("Insgesamt"). Values use
a decimal comma; the symbols - . x ... / mean "no value" and are counted, not loaded.
The region variable (DINSG, DLAND, REGBEZ, KREISE) may sit in any slot, so slots are read by code;
its keys are the official area keys (AGS) the region pack lists in the `ags` column of regions.csv.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from etl.errors import SourceError
from etl.pack import Pack
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

# The GENESIS region variable of each length of an area key: Land (2 digits), Regierungsbezirk or
# statistical region (3), Kreis or kreisfreie Stadt (5). DINSG/DG is Germany as a whole.
VARIABLE_BY_KEY_LENGTH = {2: "DLAND", 3: "REGBEZ", 5: "KREISE"}
COUNTRY = ("DINSG", "DG")
REGION_VARIABLES = frozenset({"DINSG", "DLAND", "REGBEZ", "KREISE"})
SPECIAL_VALUES = frozenset({"-", ".", "x", "...", "/"})
TOTAL_CODES = frozenset({"", "INSGESAMT"})
_SLOT = re.compile(r"^(\d+)_variable_code$")


@dataclass(frozen=True)
class RegionKeys:
    """(GENESIS region variable, area key) -> region code, for the pack's home region and below."""

    regions: Mapping[tuple[str, str], str]
    home_key: str  # the home region's area key ('14'): keys below it start with it

    @classmethod
    def of(cls, pack: Pack) -> RegionKeys:
        keys = pack.area_keys()
        regions: dict[tuple[str, str], str] = {}
        for key, code in keys.nuts_by_key.items():
            variable = VARIABLE_BY_KEY_LENGTH.get(len(key))
            if variable:
                regions[(variable, key)] = code
        if pack.country == "DE":  # DINSG is the GENESIS variable for Germany as a whole
            regions[COUNTRY] = pack.country
        return cls(regions, keys.home_key)

    def variables(self) -> list[tuple[str, str]]:
        """(regionalvariable, regionalkey) of each level the pack has keys for, the widest first:
        the home region by its key ('14'), the levels below with a wildcard under it ('14*')."""
        home = VARIABLE_BY_KEY_LENGTH.get(len(self.home_key))
        found = sorted(
            {variable for variable, _ in self.regions if variable != COUNTRY[0]},
            key=lambda v: [*VARIABLE_BY_KEY_LENGTH.values()].index(v),
        )
        return [(v, self.home_key if v == home else f"{self.home_key}*") for v in found]


def read_ffcsv(text: str, table: Table, keys: RegionKeys) -> pd.DataFrame:
    """Canonical rows (totals over every other variable) and attrs["skipped"] counts."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = reader.fieldnames or []
    missing = {"time", "value"} - set(header)
    if missing:
        raise SourceError(
            "genesis", f"{table.name}: not an ffcsv file, it lacks the columns {sorted(missing)}"
        )
    slots = sorted(int(m.group(1)) for m in map(_SLOT.match, header) if m)
    rows = []
    skipped: Counter[str] = Counter()
    for record in reader:
        row = _row(record, slots, table, keys)
        if isinstance(row, dict):
            rows.append(row)
        elif row:
            skipped[row] += 1
    frame = pd.DataFrame(rows, columns=CANONICAL_COLUMNS) if rows else empty_frame()
    frame.attrs["skipped"] = dict(skipped)
    return frame


def _row(record: dict, slots: list[int], table: Table, keys: RegionKeys) -> dict | str | None:
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
    region = keys.regions.get(region_key)
    if region is None:
        return _region_reason(*region_key, keys.home_key)
    if table.by_sector:
        if sector is None:
            return "no WZ 2008 variable"
        if sector[0].upper() in TOTAL_CODES:
            return "sector table total (the total comes from 13111-01-03-4)"
        breakdown = sector_slug(*sector) or ""
        if not breakdown:
            return f"unknown WZ 2008 code {sector[0]}"
    return _finish(record, table, region, breakdown)


def _region_reason(variable: str, code: str, home_key: str) -> str:
    # GENESIS lists the former areas next to the current ones (district reforms keep the old keys);
    # a key under the home region that the pack does not list is one of those.
    if home_key and code.startswith(home_key) and variable in ("KREISE", "REGBEZ"):
        return "former district" if variable == "KREISE" else "former Regierungsbezirk"
    return "region outside the home region"


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
