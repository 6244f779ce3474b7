"""Kohesio: EU cohesion policy projects in Saxony (per-country CSV exports for Germany).

fetch() keeps the 2021-2027 "latest" export and the final 2014-2020 export (older projects give
the funding page its history; a missing 2014-2020 file is logged and skipped). parse() keeps
projects with a NUTS code starting DED and emits funding.eu_cohesion_eur (the projects' EU budget,
EUR) by region and Operation_Start_Date year, plus the 10 largest beneficiaries as breakdowns.
A project listed on several rows (one per beneficiary or place) is counted once in the region
totals; a beneficiary's row sums the EU budget of every project it takes part in.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.errors import HTTPStatusError, SourceError
from etl.http import make_session
from etl.raw import RawStore, manifest_files
from etl.sources import funding_common as common

log = logging.getLogger(__name__)

NAME = "kohesio"
INDICATOR = "funding.eu_cohesion_eur"
# (object id, required): the 2014-2020 period is closed, so its final dated export is used.
EXPORTS = (
    ("data/projects-2021-2027/latest/DE-pp21-27-latest.csv", True),
    ("data/projects-2014-2020/2023-09-29/DE-pp14-20-20230929.csv", False),
)
REQUIRED_COLUMNS = ("Project_EU_Budget", "Operation_Start_Date")
NUTS_COLUMNS = ("NUTS3_Code", "NUTS2_Code", "NUTS1_Code")
NOTE = "Kohesio; EU budget of projects by start year"
ENTITY_NOTE = "Kohesio; EU budget of the projects this beneficiary takes part in, by start year"
DESCRIPTION_EN = (
    "Beneficiary of EU cohesion policy funding in Saxony; among the 10 largest by EU budget (Kohesio)."
)
DESCRIPTION_DE = (
    "Empfänger von EU-Kohäsionsmitteln in Sachsen; unter den 10 größten nach EU-Budget (Kohesio)."
)


def export_url(settings: Settings, object_id: str) -> str:
    return f"{settings.base_url(NAME)}/data/object?id={object_id}"


def read_rows(body: bytes, name: str = "export") -> list[dict]:
    """Rows of a Kohesio CSV export (',' or ';', optional BOM); SourceError if it is not one."""
    text = body.decode("utf-8-sig", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing or not any(c in header for c in NUTS_COLUMNS):
        raise SourceError(
            NAME,
            f"{name} is not a Kohesio project export (missing {missing or list(NUTS_COLUMNS)}); "
            f"it starts with {text[:120]!r}",
        )
    reader.fieldnames = header
    return list(reader)


def _codes(row: dict) -> list[str]:
    for column in NUTS_COLUMNS:
        codes = [c for c in re.split(r"[;,|\s]+", row.get(column) or "") if c]
        if any(code.upper().startswith(common.SAXONY) for code in codes):
            return codes
    return []


def _projects(rows: list[dict]) -> dict[str, dict]:
    """Saxon projects keyed by operation id: codes, start year, EU budget, beneficiaries."""
    projects: dict[str, dict] = {}
    for number, row in enumerate(rows):
        codes = _codes(row)
        if not codes:
            continue  # outside Saxony
        key = (row.get("Operation_Unique_Identifier") or "").strip() or f"row-{number}"
        project = projects.setdefault(key, {"codes": set(), "rows": [], "beneficiaries": {}})
        project["codes"].update(codes)
        project["rows"].append(row)
        beneficiary = (row.get("Beneficiary_Name") or "").strip()
        if beneficiary:
            entity = (row.get("Beneficiary_Unique_Identifier") or "").strip() or beneficiary.casefold()
            project["beneficiaries"].setdefault(entity, beneficiary)
    return projects


def records(rows: list[dict], skipped: Counter) -> tuple[list[common.Record], list[common.Record], dict]:
    """(region records, beneficiary records, entity key -> name) for the Saxon projects in rows."""
    regional, personal, names = [], [], {}
    for project in _projects(rows).values():
        # Every row of a project repeats its EU budget; the first readable one is taken once.
        amounts = (common.parse_amount(row.get("Project_EU_Budget"), False) for row in project["rows"])
        amount = next((a for a in amounts if a is not None), None)
        year = common.year_of(project["rows"][0].get("Operation_Start_Date"))
        if amount is None:
            skipped["no EU budget"] += 1
            continue
        if year is None:
            skipped["no start date"] += 1
            continue
        region = common.saxon_region(sorted(project["codes"]))
        regional.append(common.Record(region, year, amount))
        for entity, name in project["beneficiaries"].items():
            personal.append(common.Record(region, year, amount, entity))
            names.setdefault(entity, name)
    return regional, personal, names


class KohesioSource:
    name = NAME
    needs_network = True

    def __init__(
        self, exports: tuple[tuple[str, bool], ...] = EXPORTS, sleep: Callable[[float], None] = time.sleep
    ):
        self.exports = exports
        self.sleep = sleep

    def fetch(self, settings: Settings) -> Path:
        session = make_session(settings, NAME, sleep=self.sleep)
        snapshot = RawStore(settings.raw_dir).start(NAME)
        for object_id, required in self.exports:
            url = export_url(settings, object_id)
            try:
                body = session.get(url).content
            except HTTPStatusError as exc:
                if required or exc.status != 404:
                    raise
                log.warning("kohesio: %s is not available (HTTP 404); continuing without it", object_id)
                continue
            read_rows(body, object_id)
            snapshot.save(object_id.rsplit("/", 1)[-1], body, url)
        return snapshot.complete()

    def parse(self, snapshot: Path) -> pd.DataFrame:
        skipped: Counter[str] = Counter()
        regional, personal, names = [], [], {}
        for entry in manifest_files(snapshot):
            rows = read_rows((Path(snapshot) / entry["name"]).read_bytes(), entry["name"])
            found = records(rows, skipped)
            regional += found[0]
            personal += found[1]
            names.update({k: v for k, v in found[2].items() if k not in names})
        top = common.top_entity_keys(personal)
        slugs = common.unique_slugs({key: names[key] for key in top}, NAME)
        rows = common.region_rows(regional, INDICATOR, NAME, NOTE)
        rows += common.entity_rows(personal, slugs, INDICATOR, NAME, ENTITY_NOTE)
        entities = [
            common.entity_definition(
                slugs[key], common.guess_kind(names[key]), names[key], DESCRIPTION_EN, DESCRIPTION_DE
            )
            for key in top
        ]
        return common.frame_of(rows, skipped, entities)


SOURCE = KohesioSource()
