"""What the EU funding sources (Kohesio, CORDIS) share: amounts, years, slugs, roll-ups, top entities.

Each funding record is (region, year, amount, entity key). Region rows are written for the region
itself and every Saxon parent (DED21 -> DED2 -> DED), so a NUTS-2 row is the whole NUTS-2 total
and DED is Saxony's total, whatever level each project was coded at. The largest entities get
their own rows (region DED, by year) and a definition for the entity catalog.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import pandas as pd

from etl.schema import CANONICAL_COLUMNS, empty_frame

SAXONY = "DED"
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
    """'Technische Universität Dresden' -> 'cordis-technische-universitaet-dresden' (ASCII, <= 60)."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_GERMAN)).encode("ascii", "ignore").decode()
    body = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"
    return f"{prefix}-{body}"[:max_length].rstrip("-")


def guess_kind(name: str) -> str:
    if _INSTITUTE.search(name):
        return "institute"
    if _COMPANY.search(name):
        return "company"
    return "organisation"


def saxon_region(codes: list[str]) -> str | None:
    """The most precise region that contains every Saxon code given (None when none is Saxon)."""
    saxon = sorted({code.strip().upper() for code in codes if code.strip().upper().startswith(SAXONY)})
    if not saxon:
        return None
    for length in (5, 4):
        if all(len(code) >= length for code in saxon) and len({code[:length] for code in saxon}) == 1:
            return saxon[0][:length]
    return SAXONY


def _parents(region: str) -> list[str]:
    return [region[:length] for length in (3, 4, 5) if len(region) >= length]


def region_rows(records: list[Record], indicator: str, source: str, note: str) -> list[dict]:
    """Sums by region (and every Saxon parent) and year, breakdown ''."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for record in records:
        for region in _parents(record.region):
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
    records: list[Record], slugs: dict[str, str], indicator: str, source: str, note: str
) -> list[dict]:
    """Saxony-wide sums by year for the entities in `slugs` (entity key -> breakdown slug)."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for record in records:
        if record.entity in slugs:
            sums[(slugs[record.entity], record.year)] += record.amount
    return [
        _row(indicator, SAXONY, slug, year, total, source, note)
        for (slug, year), total in sorted(sums.items())
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
