"""The catalogs (indicators, regions, entities, sources): typed rows, read from a pack's reference/*.csv
or from the warehouse (which also holds what staff added)."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import SQLModel

from etl.errors import Problem, ValidationError
from etl.messages import problem
from etl.models import Entity, Indicator, Region, Source

TABLES: dict[str, type[SQLModel]] = {
    "indicators": Indicator,
    "regions": Region,
    "entities": Entity,
    "sources": Source,
}
KEY_FIELD = {"indicators": "slug", "regions": "code", "entities": "slug", "sources": "slug"}
# Columns a pack's reference file may leave out (added after packs existed; empty when absent).
OPTIONAL_FIELDS = {"sources": ("publisher_de",)}


class _Row:
    """Catalog rows are typed (attributes); `row["unit"]` and `row.get("unit")` read them too."""

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    def name(self, lang: str) -> str:
        """The display name in a language (English if the other is empty)."""
        return str(getattr(self, f"name_{lang}", "") or getattr(self, "name_en", ""))


@dataclass(frozen=True)
class IndicatorRow(_Row):
    slug: str
    category: str = ""
    unit: str = ""
    name_en: str = ""
    name_de: str = ""
    decimals: int = 0
    description_en: str = ""
    description_de: str = ""
    preferred_source: str = ""

    def description(self, lang: str) -> str:
        return (self.description_de if lang == "de" else "") or self.description_en


@dataclass(frozen=True)
class RegionRow(_Row):
    code: str
    level: int = 0
    name_en: str = ""
    name_de: str = ""
    parent: str = ""
    ags: str = ""


@dataclass(frozen=True)
class EntityRow(_Row):
    slug: str
    kind: str = ""
    name_en: str = ""
    name_de: str = ""
    parent: str = ""
    website: str = ""
    founded: str = ""
    description_en: str = ""
    description_de: str = ""

    def description(self, lang: str) -> str:
        return (self.description_de if lang == "de" else "") or self.description_en


@dataclass(frozen=True)
class SourceRow(_Row):
    """A source; `title` is the publication's own title (a citation, never translated), `publisher_de`
    the publisher in German where it carries a gloss ('Gazette (zitiert das Statistikamt)'),
    empty where the publisher is just a name."""

    slug: str
    publisher: str = ""
    title: str = ""
    url: str = ""
    licence: str = ""
    published: str = ""
    kind: str = ""
    language: str = ""
    publisher_de: str = ""

    def publisher_in(self, lang: str) -> str:
        """The publisher as a reader of the language reads it (the German text if there is one)."""
        return (self.publisher_de if lang == "de" else "") or self.publisher


ROWS: dict[str, type[_Row]] = {
    "indicators": IndicatorRow,
    "regions": RegionRow,
    "entities": EntityRow,
    "sources": SourceRow,
}
R = TypeVar("R", bound=_Row)


def typed(name: str, record: dict[str, Any]) -> Any:
    """One catalog row from a mapping (CSV, warehouse or form), unknown keys ignored."""
    row_type = ROWS[name]
    known = {f.name for f in fields(row_type)}  # type: ignore[arg-type]
    return row_type(**{key: value for key, value in record.items() if key in known})


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, IndicatorRow] = field(default_factory=dict)
    regions: dict[str, RegionRow] = field(default_factory=dict)
    entities: dict[str, EntityRow] = field(default_factory=dict)
    sources: dict[str, SourceRow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Rows given as mappings (tests, connectors registering entities) become typed rows.
        for name in ROWS:
            table = getattr(self, name)
            if any(not isinstance(row, _Row) for row in table.values()):
                object.__setattr__(self, name, {k: _as_row(name, k, v) for k, v in table.items()})

    def table(self, name: str) -> dict[str, Any]:
        return getattr(self, name)


def _as_row(name: str, key: str, value: Any) -> Any:
    return value if isinstance(value, _Row) else typed(name, {KEY_FIELD[name]: key, **dict(value)})


def columns_of(name: str) -> list[str]:
    return list(TABLES[name].model_fields)


def _coerce(name: str, row: dict[str, str]) -> dict:
    model = TABLES[name]
    out: dict = {}
    for column, info in model.model_fields.items():
        value = (row.get(column) or "").strip()
        out[column] = int(value or 0) if info.annotation is int else value
    return out


def read_catalog_file(path: Path, name: str) -> dict[str, Any]:
    """Read one catalog CSV; every problem (missing column, duplicate key, bad number) is reported."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        optional = OPTIONAL_FIELDS.get(name, ())
        missing = [c for c in columns_of(name) if c not in (reader.fieldnames or []) and c not in optional]
        if missing:
            raise ValidationError(
                [problem("catalog_missing_column", None, c, name=c) for c in missing],
                str(path),
            )
        rows: dict[str, dict] = {}
        problems: list[Problem] = []
        key = KEY_FIELD[name]
        for number, row in enumerate(reader, start=2):
            try:
                record = _coerce(name, row)
            except ValueError as exc:
                problems.append(problem("catalog_bad_number", number, None, detail=str(exc)))
                continue
            if not record[key]:
                problems.append(problem("catalog_empty_key", number, key))
            elif record[key] in rows:
                problems.append(problem("catalog_duplicate", number, key, value=record[key]))
            rows[record[key]] = typed(name, record)
    if problems:
        raise ValidationError(problems, str(path))
    return rows


def load_reference(directory: Path) -> Catalog:
    """A pack's committed catalogs (its reference/ folder); the warehouse copy may hold more (sources
    staff added)."""
    return Catalog(**{name: read_catalog_file(directory / f"{name}.csv", name) for name in TABLES})
