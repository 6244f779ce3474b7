"""Eurostat Statistics API (JSON-stat 2.0): employment, high-tech and ICT employment, population, GDP, R&D.

fetch() asks {base}/statistics/1.0/data/{dataset}?format=JSON&lang=EN&geo=..&<filters>&sinceTimePeriod=..
once per dataset and keeps each answer as <dataset>.json. The geo codes come from the region pack:
the home region and its regions above district level, the country and the comparison regions, plus
the districts for the datasets published for NUTS-3. Eurostat answers several failures with HTTP
200, so every body is classified before it is stored: the asynchronous-extraction warning
(TryLaterError), an HTML maintenance page, a JSON error, and the empty cube an unknown code gives.
Each dataset is its own unit: one renamed or discontinued dataset is recorded as failed in the
manifest and the others are fetched, loaded and reported (the run then exits non-zero).
parse() decodes each file with our own JSON-stat decoder and maps cells to canonical rows.

Population on 1 January (demo_r_d2jan) is stored as the day before: Eurostat's "2025" (1 January
2025) becomes the period 2024-12-31, the date the Regionaldatenbank and the seed give the same
population under (31 December 2024), so a per-inhabitant value of year Y divides by the population
at the end of year Y whichever source it comes from.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from etl.config import Settings
from etl.errors import SourceError, TryLaterError
from etl.http import detail_from_text, make_session
from etl.pack import Pack
from etl.raw import RawStore, manifest_failures, manifest_files
from etl.schema import CANONICAL_COLUMNS, empty_frame, parse_period
from etl.sources import jsonstat
from etl.sources.base import complete_or_raise

log = logging.getLogger(__name__)

NAME = "eurostat"
# Which of the pack's regions a dataset is asked for.
REGIONS = "regions"  # the home region and its regions above district level, the country, comparisons
DISTRICTS = "districts"  # the same and the districts (datasets published for NUTS-3)

# Observation flags: the ones that change the status, and the ones a reader must see in the note.
FLAG_STATUS = (("f", "projection"), ("p", "provisional"), ("e", "estimate"), ("s", "estimate"))
FLAG_NOTES = {
    "b": "break in series",
    "d": "definition differs",
    "u": "low reliability",
    "c": "confidential",
    "r": "revised",
    "n": "not significant",
    "z": "not applicable",
}


@dataclass(frozen=True)
class Dataset:
    """One Eurostat dataset: the query filters and how its measures become indicators.

    measure_dim names the dimension whose codes pick the indicator (`unit` in most datasets,
    `indic_sbs` in structural business statistics, which have no unit dimension); measures maps
    each code to (indicator slug, factor to the indicator's unit). A dataset with breakdown_dim
    splits by that dimension's codes (breakdowns: code -> breakdown slug, '' for the total).
    first_january marks stocks on 1 January, stored as 31 December of the year before.
    """

    code: str
    filters: dict[str, tuple[str, ...]]
    measures: dict[str, tuple[str, float]]
    measure_dim: str = "unit"
    scope: str = REGIONS
    breakdown_dim: str = ""
    breakdowns: dict[str, str] = field(default_factory=dict)
    first_january: bool = False
    source: str = NAME

    def geos(self, pack: Pack) -> tuple[str, ...]:
        """The geo codes to ask for: home and its regions above district level, the country and
        the comparison regions; for DISTRICTS also the districts. An unknown code is dropped by
        Eurostat without an error, so asking for a level a dataset lacks costs nothing."""
        districts = pack.districts()
        inside = [code for code in pack.within_home() if code not in districts]
        codes = [*inside, *([pack.country] if pack.country else []), *pack.comparison]
        if self.scope == DISTRICTS:
            codes += districts
        return tuple(dict.fromkeys(codes))

    def params(self, since_year: int, geos: tuple[str, ...]) -> list[tuple[str, str]]:
        query = [("format", "JSON"), ("lang", "EN")]
        query += [("geo", geo) for geo in geos]
        for dim, codes in self.filters.items():
            query += [(dim, code) for code in codes]
        query += [(self.measure_dim, code) for code in self.measures]
        return [*query, ("sinceTimePeriod", str(since_year))]


DATASETS = (
    Dataset(
        "htec_emp_reg2",
        {"nace_r2": ("HTC", "C_HTC", "KIS_HTC"), "sex": ("T",)},
        {
            "THS": ("context.hightech_employment", 1000.0),
            "PC_EMP": ("context.hightech_employment_share", 1.0),
        },
        breakdown_dim="nace_r2",
        breakdowns={"HTC": "", "C_HTC": "htc-manufacturing", "KIS_HTC": "htc-services"},
    ),
    # Persons employed by NUTS-3 region, in total and in NACE section J (information and
    # communication, codes of the regional accounts' A*10 breakdown): the district-level split.
    Dataset(
        "nama_10r_3empers",
        {"wstatus": ("EMP",), "nace_r2": ("TOTAL", "J")},
        {"THS": ("context.persons_employed", 1000.0)},
        scope=DISTRICTS,
        breakdown_dim="nace_r2",
        breakdowns={"TOTAL": "", "J": "wz08-j"},
    ),
    Dataset(
        "demo_r_d2jan",
        {"sex": ("T",), "age": ("TOTAL",)},
        {"NR": ("context.population", 1.0)},
        first_january=True,
    ),
    Dataset(
        "nama_10r_2gdp",
        {},
        {"MIO_EUR": ("context.gdp_eur", 1e6), "EUR_HAB": ("context.gdp_per_capita_eur", 1.0)},
    ),
    # rd_e_gerdreg codes the all-sectors total as TOTAL (seen in live captures); an unknown code such
    # as TOT would come back as an empty cube.
    Dataset(
        "rd_e_gerdreg",
        {"sectperf": ("TOTAL",)},
        {"MIO_EUR": ("context.rd_expenditure_eur", 1e6), "PC_GDP": ("context.rd_intensity", 1.0)},
    ),
    # Structural business statistics (from reference year 2021): persons employed in the local units
    # of the NACE divisions of electronics (C26), telecommunications (J61), IT services (J62) and
    # information services (J63), by NUTS-2 region. No unit dimension: the measure is indic_sbs.
    Dataset(
        "sbs_r_nuts2021",
        {"nace_r2": ("C26", "J61", "J62", "J63")},
        {"EMP_LOC_NR": ("employment.persons_employed_local_units", 1.0)},
        measure_dim="indic_sbs",
        breakdown_dim="nace_r2",
        breakdowns={"C26": "wz08-c26", "J61": "wz08-j61", "J62": "wz08-j62", "J63": "wz08-j63"},
        source="eurostat-sbs-r-nuts2021",
    ),
)
BY_CODE = {dataset.code: dataset for dataset in DATASETS}


def data_url(settings: Settings, dataset: str) -> str:
    return f"{settings.base_url(NAME)}/statistics/1.0/data/{dataset}"


def check_answer(dataset: str, query: str, body: bytes, url: str = "") -> None:
    """Raise the right error for the HTTP-200 answers that carry no data; return for a usable cube."""
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text[:1] == "<":
        raise SourceError(
            NAME,
            f"{dataset}: Eurostat sent an HTML page instead of JSON-stat (maintenance or an access "
            "block); try again later",
            url,
        )
    try:
        document = json.loads(text)
    except ValueError:
        raise SourceError(NAME, f"{dataset}: the answer is not JSON: {text[:200]!r}", url) from None
    warning = document.get("warning") if isinstance(document, dict) else None
    if isinstance(warning, dict) and str(warning.get("status")) == "413":
        raise TryLaterError(
            NAME, f"Eurostat is preparing this extraction ({dataset}); run again in a few minutes", url
        )
    if isinstance(document, dict) and "error" in document:
        raise SourceError(NAME, f"{dataset}: {detail_from_text(text)}", url)
    try:
        empty = jsonstat.is_empty(document)
    except jsonstat.JsonStatError as exc:
        raise SourceError(NAME, f"{dataset}: {exc}", url) from None
    if empty:
        raise SourceError(
            NAME,
            f"{dataset} returned an empty cube for {query} (Eurostat answers an unknown code or an empty "
            "time window with HTTP 200 and no data); check the codes against the dataset's structure",
            url,
        )


class EurostatSource:
    name = NAME
    needs_network = True

    def __init__(self, datasets: tuple[Dataset, ...] = DATASETS, sleep: Callable[[float], None] = time.sleep):
        self.datasets = datasets
        self.sleep = sleep

    def fetch(self, settings: Settings) -> Path:
        pack = settings.region_pack()
        session = make_session(settings, NAME, sleep=self.sleep)
        snapshot = RawStore(settings.raw_dir).start(NAME)
        errors: list[SourceError] = []
        for dataset in self.datasets:
            url = data_url(settings, dataset.code)
            params = dataset.params(settings.since_year, dataset.geos(pack))
            try:
                response = session.get(url, params=params)
                check_answer(dataset.code, urlencode(params), response.content, response.url or url)
            except SourceError as exc:  # this dataset only: the others are still worth having
                log.warning("eurostat: %s failed: %s", dataset.code, exc)
                errors.append(exc)
                snapshot.fail(dataset.code, exc.message, exc.url or url)
                continue
            snapshot.save(f"{dataset.code}.json", response.content, response.url or url)
            log.info("eurostat: %s, %d bytes", dataset.code, len(response.content))
        return complete_or_raise(snapshot, errors, NAME)

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame:
        frames = []
        skipped: Counter[str] = Counter()
        failed = manifest_failures(snapshot)
        for entry in manifest_files(snapshot):
            code = Path(entry["name"]).stem
            if code not in BY_CODE:
                skipped[f"unknown file {entry['name']}"] += 1
                continue
            dataset = BY_CODE[code]
            body = (Path(snapshot) / entry["name"]).read_bytes()
            try:
                check_answer(code, "the stored query", body, entry.get("url", ""))
                frame, counts = to_canonical(dataset, body, dataset.geos(pack))
            except SourceError as exc:
                failed[code] = exc.message
                continue
            frames.append(frame)
            skipped.update(counts)
        if not frames and failed:
            raise SourceError(NAME, f"{snapshot}: no dataset is usable: " + "; ".join(failed.values()))
        result = pd.concat(frames, ignore_index=True) if frames else empty_frame()
        result.attrs["skipped"] = dict(skipped)
        result.attrs["failed"] = failed
        return result


def to_canonical(dataset: Dataset, body: bytes, geos: tuple[str, ...]) -> tuple[pd.DataFrame, Counter[str]]:
    """Canonical rows for one dataset's JSON-stat answer, and the counts of cells left out."""
    try:
        cells = jsonstat.decode(body)
    except jsonstat.JsonStatError as exc:
        raise SourceError(NAME, f"{dataset.code}: {exc}") from None
    skipped: Counter[str] = Counter(cells.attrs.get("skipped", {}))
    wanted = frozenset(geos)
    rows = []
    for cell in cells.to_dict("records"):
        row = _row(dataset, cell, wanted)
        if isinstance(row, str):
            skipped[row] += 1
        else:
            rows.append(row)
    frame = pd.DataFrame(rows, columns=CANONICAL_COLUMNS) if rows else empty_frame()
    return frame, skipped


def _row(dataset: Dataset, cell: dict, geos: frozenset[str]) -> dict | str:
    """One canonical row, or the reason the cell is left out."""
    for dim, codes in dataset.filters.items():
        if dim != dataset.breakdown_dim and cell.get(dim) not in codes:
            return "not requested"
    if cell.get("geo") not in geos or cell.get(dataset.measure_dim) not in dataset.measures:
        return "not requested"
    breakdown = ""
    if dataset.breakdown_dim:
        if cell.get(dataset.breakdown_dim) not in dataset.breakdowns:
            return "not requested"
        breakdown = dataset.breakdowns[cell[dataset.breakdown_dim]]
    period = str(cell.get("time", ""))
    try:
        parse_period(period)
    except ValueError:
        return "unreadable period"
    note = flag_note(dataset.code, str(cell.get("flag", "")))
    if dataset.first_january:
        if len(period) != 4:
            return "unreadable period"
        period, note = day_before_first_january(period), f"{note}; population on 1 January {period}"
    indicator, factor = dataset.measures[cell[dataset.measure_dim]]
    return {
        "indicator": indicator,
        "region": cell["geo"],
        "breakdown": breakdown,
        "period": period,
        "value": round(float(cell["value"]) * factor, 6),
        "unit": "",
        "status": flag_status(str(cell.get("flag", ""))),
        "source": dataset.source,
        "note": note,
        "qualifier": "",
    }


def day_before_first_january(year: str) -> str:
    """'2025' (a stock on 1 January 2025) -> '2024-12-31'."""
    return (date(int(year), 1, 1) - timedelta(days=1)).isoformat()


def flag_status(flag: str) -> str:
    observation = flag.partition("|")[0]
    for letter, status in FLAG_STATUS:
        if letter in observation:
            return status
    return "actual"


def flag_note(dataset: str, flag: str) -> str:
    observation = flag.partition("|")[0]
    meanings = [meaning for letter, meaning in FLAG_NOTES.items() if letter in observation]
    return "; ".join([f"Eurostat {dataset}", *meanings])


SOURCE = EurostatSource()
