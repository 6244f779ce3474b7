"""CORDIS: Horizon Europe participations of organisations in the home region (bulk CSV download).

fetch() keeps {base}/cordis-HORIZONprojects-csv.zip as delivered. Inside are ';'-separated CSVs
(member names may carry a "csv/" folder): organization.csv gives each participant's nutsCode and
ecContribution (German decimal commas happen), project.csv the project's startDate. parse() keeps
participants whose nutsCode lies inside the pack's home region (starts with its NUTS code) and emits
funding.horizon_europe_eur by region and project start year, plus the 10 largest organisations as
breakdowns.
"""

from __future__ import annotations

import csv
import io
import logging
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.errors import SourceError
from etl.http import make_session
from etl.pack import Pack
from etl.raw import RawStore, manifest_files
from etl.sources import funding_common as common

log = logging.getLogger(__name__)

NAME = "cordis"
INDICATOR = "funding.horizon_europe_eur"
ARCHIVE = "cordis-HORIZONprojects-csv.zip"
MEMBERS = ("project.csv", "organization.csv")
NOTE = "CORDIS Horizon Europe; EU contribution to participants by project start year"
ENTITY_NOTE = "CORDIS Horizon Europe; EU contribution to this organisation by project start year"
# activityType: HES higher education, REC research organisation, PRC private for-profit, PUB public body.
KINDS = {
    "HES": "institute",
    "REC": "institute",
    "PRC": "company",
    "PUB": "organisation",
    "OTH": "organisation",
}
DESCRIPTION_EN = (
    "Horizon Europe participant in {region}; among the {count} largest by EU contribution (CORDIS)."
)
DESCRIPTION_DE = "Horizon-Europe-Teilnehmer in {region}; unter den {count} größten nach EU-Beitrag (CORDIS)."


def archive_url(settings: Settings) -> str:
    return f"{settings.base_url(NAME)}/{ARCHIVE}"


def read_archive(body: bytes, name: str = ARCHIVE) -> dict[str, list[dict]]:
    """{'project.csv': rows, 'organization.csv': rows}; SourceError when the ZIP lacks one of them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile:
        raise SourceError(
            NAME, f"{name} is not a ZIP; CORDIS may have sent an error page: {body[:120]!r}"
        ) from None
    with archive:
        by_base = {member.rsplit("/", 1)[-1].lower(): member for member in archive.namelist()}
        missing = [m for m in MEMBERS if m not in by_base]
        if missing:
            raise SourceError(NAME, f"{name} has no {', '.join(missing)} (members: {sorted(by_base)})")
        return {m: _rows(archive.read(by_base[m]), m) for m in MEMBERS}


def _rows(data: bytes, member: str) -> list[dict]:
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    reader.fieldnames = [h.strip() for h in reader.fieldnames or []]
    needed = {
        "project.csv": ("id", "startDate"),
        "organization.csv": ("projectID", "nutsCode", "ecContribution"),
    }
    missing = [c for c in needed[member] if c not in reader.fieldnames]
    if missing:
        raise SourceError(NAME, f"{member} lacks the columns {missing}; has the CORDIS layout changed?")
    return list(reader)


def records(
    tables: dict[str, list[dict]], skipped: Counter, home: str
) -> tuple[list[common.Record], dict[str, str], dict[str, str]]:
    """(participation records inside the home region, entity key -> name, entity key -> kind)."""
    start_years = {
        (row.get("id") or "").strip(): common.year_of(row.get("startDate")) for row in tables["project.csv"]
    }
    found: list[common.Record] = []
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for row in tables["organization.csv"]:
        region = (row.get("nutsCode") or "").strip().upper()
        if not common.is_within(region, home):
            continue
        amount = common.parse_amount(row.get("ecContribution"), comma_decimal=True)
        year = start_years.get((row.get("projectID") or "").strip())
        if amount is None:
            skipped["no ecContribution"] += 1
            continue
        if year is None:
            skipped["no project start date"] += 1
            continue
        name = " ".join((row.get("name") or "").split())
        entity = (row.get("organisationID") or "").strip() or name.casefold()
        found.append(common.Record(region[:5], year, amount, entity if name else ""))
        if name:
            names.setdefault(entity, name)
            kinds.setdefault(
                entity, KINDS.get((row.get("activityType") or "").strip().upper()) or common.guess_kind(name)
            )
    return found, names, kinds


class CordisSource:
    name = NAME
    needs_network = True

    def __init__(self, sleep: Callable[[float], None] = time.sleep):
        self.sleep = sleep

    def fetch(self, settings: Settings) -> Path:
        session = make_session(settings, NAME, sleep=self.sleep)
        snapshot = RawStore(settings.raw_dir).start(NAME)
        url = archive_url(settings)
        body = session.get(url).content
        read_archive(body)
        snapshot.save(ARCHIVE, body, url)
        return snapshot.complete()

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame:
        home, regions = pack.home, frozenset(pack.within_home())
        skipped: Counter[str] = Counter()
        found: list[common.Record] = []
        names: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for entry in manifest_files(snapshot):
            tables = read_archive((Path(snapshot) / entry["name"]).read_bytes(), entry["name"])
            part = records(tables, skipped, home)
            found += part[0]
            for key, name in part[1].items():
                names.setdefault(key, name)
                kinds.setdefault(key, part[2][key])
        top = common.top_entity_keys(found)
        slugs = common.unique_slugs({key: names[key] for key in top}, NAME)
        rows = common.region_rows(found, INDICATOR, NAME, NOTE, home, regions, skipped)
        rows += common.entity_rows(found, slugs, INDICATOR, NAME, ENTITY_NOTE, home)
        texts = [
            text.format(region=pack.region_name(home, lang), count=common.TOP_ENTITIES)
            for text, lang in ((DESCRIPTION_EN, "en"), (DESCRIPTION_DE, "de"))
        ]
        entities = [common.entity_definition(slugs[key], kinds[key], names[key], *texts) for key in top]
        return common.frame_of(rows, skipped, entities)


SOURCE = CordisSource()
