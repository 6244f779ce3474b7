"""The reference catalogs (indicators, regions, entities, sources) read from data/reference/*.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import Problem, ValidationError
from etl.models import Entity, Indicator, Region, Source

TABLES = {"indicators": Indicator, "regions": Region, "entities": Entity, "sources": Source}
KEY_FIELD = {"indicators": "slug", "regions": "code", "entities": "slug", "sources": "slug"}


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, dict] = field(default_factory=dict)
    regions: dict[str, dict] = field(default_factory=dict)
    entities: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, dict] = field(default_factory=dict)

    def table(self, name: str) -> dict[str, dict]:
        return getattr(self, name)


def columns_of(name: str) -> list[str]:
    return list(TABLES[name].model_fields)


def _coerce(name: str, row: dict[str, str]) -> dict:
    model = TABLES[name]
    out: dict = {}
    for column, info in model.model_fields.items():
        value = (row.get(column) or "").strip()
        out[column] = int(value or 0) if info.annotation is int else value
    return out


def read_catalog_file(path: Path, name: str) -> dict[str, dict]:
    """Read one catalog CSV; every problem (missing column, duplicate key, bad number) is reported."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns_of(name) if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(
                [Problem(f"missing column '{c}'", None, c, "add it to the header row") for c in missing],
                str(path),
            )
        rows: dict[str, dict] = {}
        problems: list[Problem] = []
        key = KEY_FIELD[name]
        for number, row in enumerate(reader, start=2):
            try:
                record = _coerce(name, row)
            except ValueError as exc:
                problems.append(Problem(str(exc), number, None, "write a whole number"))
                continue
            if not record[key]:
                problems.append(Problem("empty key", number, key, "fill it in"))
            elif record[key] in rows:
                problems.append(Problem(f"duplicate '{record[key]}'", number, key, "keep one row"))
            rows[record[key]] = record
    if problems:
        raise ValidationError(problems, str(path))
    return rows


def load_reference(directory: Path) -> Catalog:
    """A pack's committed catalogs (its reference/ folder); the warehouse copy may hold more (sources
    staff added)."""
    return Catalog(**{name: read_catalog_file(directory / f"{name}.csv", name) for name in TABLES})
