"""What the EU funding sources (Kohesio, CORDIS) share: amounts, years, slugs, roll-ups, top entities.

Each funding record is (region, year, amount, entity key). NUTS codes nest by prefix, so a record
inside the pack's home region (its code starts with the home code) is written for its own region
and every enclosing one up to the home region (a district's row also counts in its NUTS-2 region
and in the home region), so a NUTS-2 row is the whole NUTS-2 total and the home region's row is its
total, whatever level each project was coded at. Rows are written only for regions of the pack's
catalog; a code it does not list (another NUTS version) is counted as skipped. The largest entities
get their own rows (home region, by year) and a definition for the entity catalog.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import pandas as pd

from etl.schema import CANONICAL_COLUMNS, empty_frame

TOP_ENTITIES = 10
SLUG_MAX = 60
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})"),  # DD/MM/YYYY (Kohesio)
    re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})"),  # DD.MM.YYYY
)
_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPANY = re.compile(r"\b(gmbh|ag|kg|se|mbh|ug|ohg|gbr|ltd|inc|llc|s\.?a\.?|b\.?v\.?|co\.)\b", re.IGNORECASE)
_INSTITUTE = re.compile(
    r"universit|hochschule|fraunhofer|leibniz|max-planck|max planck|helmholtz|institut|akademie|forschung",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Record:
    region: str
    year: str
    amount: float
    entity: str = ""  # key of the beneficiary or participant; "" when unknown


def parse_amount(text: object, comma_decimal: bool = True) -> float | None:
    """'2073781,25' / '1.234.567,5' / '1,234,567.89' / '337478.4' / '75 354 267' -> float; '' -> None.

    Only '1,234' is ambiguous: a decimal comma when comma_decimal (CORDIS), else thousands (Kohesio).
    """
    if text is None:
        return None
    cleaned = re.sub(r"[\s\u00a0'€]", "", str(text))
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif cleaned.count(",") > 1 or (not comma_decimal and _THOUSANDS.fullmatch(cleaned)):
        cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def year_of(text: object) -> str | None:
    """The year of 'DD/MM/YYYY', 'DD.MM.YYYY' or 'YYYY-MM-DD[ hh:mm:ss]'; None when unreadable."""
    value = str(text or "").strip()
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        found = next((m for m in (p.match(value) for p in _DATE_PATTERNS) if m), None)
        if not found:
            return None
        day, month, year = (int(g) for g in found.groups())
    try:
        return str(date(year, month, day).year)
    except ValueError:
        return None


def slugify(name: str, prefix: str, max_length: int = SLUG_MAX) -> str:
    """'Technische Universität München' -> 'cordis-technische-universitaet-muenchen' (ASCII, <= 60)."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_GERMAN)).encode("ascii", "ignore").decode()
    body = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"
    return f"{prefix}-{body}"[:max_length].rstrip("-")


def guess_kind(name: str) -> str:
    if _INSTITUTE.search(name):
        return "institute"
    if _COMPANY.search(name):
        return "company"
    return "organisation"


def is_within(code: str, home: str) -> bool:
    """A NUTS code inside the home region (the home code itself or one that starts with it)."""
    return code.strip().upper().startswith(home)


def home_region(codes: list[str], home: str) -> str | None:
    """The most precise region inside `home` that contains every code given that lies inside it
    (None when none does)."""
    inside = sorted({code.strip().upper() for code in codes if is_within(code, home)})
    if not inside:
        return None
    for length in range(max(len(code) for code in inside), len(home), -1):
        if all(len(code) >= length for code in inside) and len({code[:length] for code in inside}) == 1:
            return inside[0][:length]
    return home


def _parents(region: str, home: str) -> list[str]:
    """The region and every enclosing one up to the home region: DE212 in DE2 -> DE2, DE21, DE212."""
    return [region[:length] for length in range(len(home), len(region) + 1)]


def region_rows(
    records: list[Record],
    indicator: str,
    source: str,
    note: str,
    home: str,
    regions: frozenset[str],
    skipped: Counter[str],
) -> list[dict]:
    """Sums by region (and every enclosing one up to home) and year, breakdown '', for the regions
    of the pack's catalog; a record's region the catalog lacks is counted in skipped."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for record in records:
        if record.region not in regions:
            skipped["region not in the pack's catalog"] += 1
        for region in _parents(record.region, home):
            if region in regions:
                sums[(region, record.year)] += record.amount
    return [
        _row(indicator, region, "", year, total, source, note)
        for (region, year), total in sorted(sums.items())
    ]


def top_entity_keys(records: list[Record], count: int = TOP_ENTITIES) -> list[str]:
    totals: dict[str, float] = defaultdict(float)
    for record in records:
        if record.entity:
            totals[record.entity] += record.amount
    return sorted(totals, key=lambda key: (-totals[key], key))[:count]


def entity_rows(
    records: list[Record], slugs: dict[str, str], indicator: str, source: str, note: str, home: str
) -> list[dict]:
    """Sums over the home region by year for the entities in `slugs` (entity key -> breakdown slug)."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for record in records:
        if record.entity in slugs:
            sums[(slugs[record.entity], record.year)] += record.amount
    return [
        _row(indicator, home, slug, year, total, source, note) for (slug, year), total in sorted(sums.items())
    ]


def unique_slugs(names: dict[str, str], prefix: str) -> dict[str, str]:
    """Entity key -> slug from its display name, made unique with -2, -3 ... when names collide."""
    slugs: dict[str, str] = {}
    for key, name in names.items():
        slug, number = slugify(name, prefix), 1
        while slug in slugs.values():
            number += 1
            suffix = f"-{number}"
            slug = slugify(name, prefix, SLUG_MAX - len(suffix)) + suffix
        slugs[key] = slug
    return slugs


def entity_definition(slug: str, kind: str, name: str, description_en: str, description_de: str) -> dict:
    return {
        "slug": slug,
        "kind": kind,
        "name_en": name,
        "name_de": name,
        "parent": "",
        "website": "",
        "founded": "",
        "description_en": description_en,
        "description_de": description_de,
    }


def _row(
    indicator: str, region: str, breakdown: str, year: str, value: float, source: str, note: str
) -> dict:
    return {
        "indicator": indicator,
        "region": region,
        "breakdown": breakdown,
        "period": year,
        "value": round(value, 2),
        "unit": "",
        "status": "actual",
        "source": source,
        "note": note,
        "qualifier": "",
    }


def frame_of(rows: list[dict], skipped: dict, entities: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=CANONICAL_COLUMNS) if rows else empty_frame()
    frame.attrs["skipped"] = dict(skipped)
    frame.attrs["entities"] = entities
    return frame
