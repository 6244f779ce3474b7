"""Kohesio: EU cohesion policy projects in the home region (per-country CSV exports).

fetch() keeps the 2021-2027 "latest" export of the pack's country and the newest dated 2014-2020
export. Kohesio keeps its exports as objects data/projects-<period>/<date>/<CC>-pp<yy-yy>-<yyyymmdd>.csv
and lists every object key under data/projects at {base}/data/projects (the listing behind the
Data page of kohesio.ec.europa.eu); the 2014-2020 period is closed but its export is still
refreshed (2023-09-29, ..., 2026-09-24), so the newest date in the listing is taken instead of a
pinned one. The listing is stored with the exports. A missing 2021-2027 export fails the source; a
failed listing or 2014-2020 download is recorded as a failed unit (the current export still loads).
parse() keeps projects with a NUTS code inside the home region and emits funding.eu_cohesion_eur
(the projects' EU budget, EUR) by region and Operation_Start_Date year, plus the 10 largest
beneficiaries as breakdowns. A project listed on several rows (one per beneficiary or place) is
counted once in the region totals; a beneficiary's row sums the EU budget of every project it takes
part in.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.errors import SourceError
from etl.http import make_session
from etl.pack import Pack
from etl.raw import RawStore, Snapshot, manifest_failures, manifest_files
from etl.sources import funding_common as common

log = logging.getLogger(__name__)

NAME = "kohesio"
INDICATOR = "funding.eu_cohesion_eur"
LISTING = "data/projects"
LISTING_FILE = "projects-listing.json"
CURRENT = "data/projects-2021-2027/latest/{country}-pp21-27-latest.csv"
CLOSED_PERIOD = "projects-2014-2020"
_DATED_2014_2020 = re.compile(
    r"^data/projects-2014-2020/(?P<date>\d{4}-\d{2}-\d{2})/(?P<country>[A-Z]{2})-pp14-20-\d{8}\.csv$"
)
REQUIRED_COLUMNS = ("Project_EU_Budget", "Operation_Start_Date")
NUTS_COLUMNS = ("NUTS3_Code", "NUTS2_Code", "NUTS1_Code")
NOTE = "Kohesio; EU budget of projects by start year"
ENTITY_NOTE = "Kohesio; EU budget of the projects this beneficiary takes part in, by start year"
DESCRIPTION_EN = (
    "Beneficiary of EU cohesion policy funding in {region}; among the {count} largest by EU budget (Kohesio)."
)
DESCRIPTION_DE = (
    "Empfänger von EU-Kohäsionsmitteln in {region}; unter den {count} größten nach EU-Budget (Kohesio)."
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


def listed_keys(body: bytes) -> list[str]:
    """The object keys of a Kohesio data listing: a JSON array of keys, or {"files": [keys]}."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        document = None
    if isinstance(document, dict):
        document = document.get("files")
    if not isinstance(document, list) or not all(isinstance(key, str) for key in document):
        raise SourceError(NAME, f"the export listing is not a list of object keys: {body[:120]!r}")
    return document


def latest_closed_export(keys: list[str], country: str) -> str | None:
    """The newest dated 2014-2020 export of the country in a listing (None when it lists none)."""
    dated = [
        (m["date"], key) for key in keys if (m := _DATED_2014_2020.match(key)) and m["country"] == country
    ]
    return max(dated)[1] if dated else None


def _codes(row: dict, home: str) -> list[str]:
    for column in NUTS_COLUMNS:
        codes = [c for c in re.split(r"[;,|\s]+", row.get(column) or "") if c]
        if any(common.is_within(code, home) for code in codes):
            return codes
    return []


def _projects(rows: list[dict], home: str) -> dict[str, dict]:
    """Projects inside the home region keyed by operation id: codes, start year, EU budget, beneficiaries."""
    projects: dict[str, dict] = {}
    for number, row in enumerate(rows):
        codes = _codes(row, home)
        if not codes:
            continue  # outside the home region
        key = (row.get("Operation_Unique_Identifier") or "").strip() or f"row-{number}"
        project = projects.setdefault(key, {"codes": set(), "rows": [], "beneficiaries": {}})
        project["codes"].update(codes)
        project["rows"].append(row)
        beneficiary = (row.get("Beneficiary_Name") or "").strip()
        if beneficiary:
            entity = (row.get("Beneficiary_Unique_Identifier") or "").strip() or beneficiary.casefold()
            project["beneficiaries"].setdefault(entity, beneficiary)
    return projects


def records(
    rows: list[dict], skipped: Counter, home: str
) -> tuple[list[common.Record], list[common.Record], dict[str, str]]:
    """(region records, beneficiary records, entity key -> name) for the home region's projects."""
    regional: list[common.Record] = []
    personal: list[common.Record] = []
    names: dict[str, str] = {}
    for project in _projects(rows, home).values():
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
        region = common.home_region(sorted(project["codes"]), home)
        if region is None:
            continue  # never: _projects keeps only projects with a code inside the home region
        regional.append(common.Record(region, year, amount))
        for entity, name in project["beneficiaries"].items():
            personal.append(common.Record(region, year, amount, entity))
            names.setdefault(entity, name)
    return regional, personal, names


class KohesioSource:
    name = NAME
    needs_network = True

    def __init__(self, sleep: Callable[[float], None] = time.sleep):
        self.sleep = sleep

    def fetch(self, settings: Settings) -> Path:
        country = settings.region_pack().country
        session = make_session(settings, NAME, sleep=self.sleep)
        snapshot = RawStore(settings.raw_dir).start(NAME)
        current = CURRENT.format(country=country)
        url = export_url(settings, current)
        body = session.get(url).content
        read_rows(body, current)
        snapshot.save(current.rsplit("/", 1)[-1], body, url, period="2021-2027")
        try:
            self._closed_period(session, settings, snapshot, country)
        except SourceError as exc:  # the 2014-2020 history only: the current export still loads
            log.warning("kohesio: %s failed: %s", CLOSED_PERIOD, exc)
            snapshot.fail(CLOSED_PERIOD, exc.message, exc.url or f"{settings.base_url(NAME)}/{LISTING}")
        return snapshot.complete()

    def _closed_period(self, session, settings: Settings, snapshot: Snapshot, country: str) -> None:
        listing_url = f"{settings.base_url(NAME)}/{LISTING}"
        listing = session.get(listing_url).content
        key = latest_closed_export(listed_keys(listing), country)
        snapshot.save(LISTING_FILE, listing, listing_url, kind="listing")
        if key is None:
            log.warning("kohesio: the listing names no 2014-2020 export for %s; continuing without", country)
            return
        url = export_url(settings, key)
        body = session.get(url).content
        read_rows(body, key)
        snapshot.save(key.rsplit("/", 1)[-1], body, url, period="2014-2020", export=key.split("/")[2])

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame:
        home, regions = pack.home, frozenset(pack.within_home())
        skipped: Counter[str] = Counter()
        regional: list[common.Record] = []
        personal: list[common.Record] = []
        names: dict[str, str] = {}
        for entry in manifest_files(snapshot):
            if entry.get("kind") == "listing":
                continue
            rows = read_rows((Path(snapshot) / entry["name"]).read_bytes(), entry["name"])
            found = records(rows, skipped, home)
            regional += found[0]
            personal += found[1]
            names.update({k: v for k, v in found[2].items() if k not in names})
        top = common.top_entity_keys(personal)
        slugs = common.unique_slugs({key: names[key] for key in top}, NAME)
        rows = common.region_rows(regional, INDICATOR, NAME, NOTE, home, regions, skipped)
        rows += common.entity_rows(personal, slugs, INDICATOR, NAME, ENTITY_NOTE, home)
        texts = [
            text.format(region=pack.region_name(home, lang), count=common.TOP_ENTITIES)
            for text, lang in ((DESCRIPTION_EN, "en"), (DESCRIPTION_DE, "de"))
        ]
        entities = [
            common.entity_definition(slugs[key], common.guess_kind(names[key]), names[key], *texts)
            for key in top
        ]
        frame = common.frame_of(rows, skipped, entities)
        frame.attrs["failed"] = manifest_failures(snapshot)
        return frame


SOURCE = KohesioSource()
