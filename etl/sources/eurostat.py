"""Eurostat Statistics API (JSON-stat 2.0): high-tech employment, employment, population, GDP, R&D.

fetch() asks {base}/statistics/1.0/data/{dataset}?format=JSON&lang=EN&geo=..&<filters>&sinceTimePeriod=..
once per dataset and keeps each answer as <dataset>.json. Eurostat answers several failures with
HTTP 200, so every body is classified before it is stored: the asynchronous-extraction warning
(TryLaterError), an HTML maintenance page, a JSON error, and the empty cube an unknown code gives.
parse() decodes each file with our own JSON-stat decoder and maps cells to canonical rows.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from etl.config import Settings
from etl.errors import SourceError, TryLaterError
from etl.http import detail_from_text, make_session
from etl.raw import RawStore, manifest_files
from etl.schema import CANONICAL_COLUMNS, empty_frame, parse_period
from etl.sources import jsonstat

log = logging.getLogger(__name__)

NAME = "eurostat"
SAXONY_GEOS = ("DED", "DED2", "DED4", "DED5")
COMPARISON_GEOS = ("DE", "EU27_2020")
SAXONY_NUTS3 = (
    "DED21", "DED2C", "DED2D", "DED2E", "DED2F",
    "DED41", "DED42", "DED43", "DED44", "DED45",
    "DED51", "DED52", "DED53",
)  # fmt: skip
DEFAULT_GEOS = SAXONY_GEOS + COMPARISON_GEOS

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
    """One Eurostat dataset: the query filters and how its units become indicators."""

    code: str
    filters: dict[str, tuple[str, ...]]
    units: dict[str, tuple[str, float]]  # unit code -> (indicator slug, factor to the indicator's unit)
    geos: tuple[str, ...] = DEFAULT_GEOS
    breakdown_dim: str = ""
    breakdowns: dict[str, str] = field(default_factory=dict)  # category code -> breakdown slug

    def params(self, since_year: int) -> list[tuple[str, str]]:
        query = [("format", "JSON"), ("lang", "EN")]
        query += [("geo", geo) for geo in self.geos]
        for dim, codes in self.filters.items():
            query += [(dim, code) for code in codes]
        query += [("unit", unit) for unit in self.units]
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
    Dataset(
        "nama_10r_3empers",
        {"wstatus": ("EMP",), "nace_r2": ("TOTAL",)},
        {"THS": ("context.persons_employed", 1000.0)},
        geos=DEFAULT_GEOS + SAXONY_NUTS3,
    ),
    Dataset("demo_r_d2jan", {"sex": ("T",), "age": ("TOTAL",)}, {"NR": ("context.population", 1.0)}),
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
        session = make_session(settings, NAME, sleep=self.sleep)
        snapshot = RawStore(settings.raw_dir).start(NAME)
        for dataset in self.datasets:
            url = data_url(settings, dataset.code)
            params = dataset.params(settings.since_year)
            response = session.get(url, params=params)
            check_answer(dataset.code, urlencode(params), response.content, response.url or url)
            snapshot.save(f"{dataset.code}.json", response.content, response.url or url)
            log.info("eurostat: %s, %d bytes", dataset.code, len(response.content))
        return snapshot.complete()

    def parse(self, snapshot: Path) -> pd.DataFrame:
        frames, skipped = [], Counter()
        for entry in manifest_files(snapshot):
            code = Path(entry["name"]).stem
            if code not in BY_CODE:
                skipped[f"unknown file {entry['name']}"] += 1
                continue
            body = (Path(snapshot) / entry["name"]).read_bytes()
            check_answer(code, "the stored query", body, entry.get("url", ""))
            frame, counts = to_canonical(BY_CODE[code], body)
            frames.append(frame)
            skipped.update(counts)
        result = pd.concat(frames, ignore_index=True) if frames else empty_frame()
        result.attrs["skipped"] = dict(skipped)
        return result


def to_canonical(dataset: Dataset, body: bytes) -> tuple[pd.DataFrame, Counter[str]]:
    """Canonical rows for one dataset's JSON-stat answer, and the counts of cells left out."""
    try:
        cells = jsonstat.decode(body)
    except jsonstat.JsonStatError as exc:
        raise SourceError(NAME, f"{dataset.code}: {exc}") from None
    skipped: Counter[str] = Counter(cells.attrs.get("skipped", {}))
    rows = []
    for cell in cells.to_dict("records"):
        row = _row(dataset, cell)
        if isinstance(row, str):
            skipped[row] += 1
        else:
            rows.append(row)
    frame = pd.DataFrame(rows, columns=CANONICAL_COLUMNS) if rows else empty_frame()
    return frame, skipped


def _row(dataset: Dataset, cell: dict) -> dict | str:
    """One canonical row, or the reason the cell is left out."""
    for dim, codes in dataset.filters.items():
        if dim != dataset.breakdown_dim and cell.get(dim) not in codes:
            return "not requested"
    if cell.get("geo") not in dataset.geos or cell.get("unit") not in dataset.units:
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
    indicator, factor = dataset.units[cell["unit"]]
    flag = str(cell.get("flag", ""))
    return {
        "indicator": indicator,
        "region": cell["geo"],
        "breakdown": breakdown,
        "period": period,
        "value": round(float(cell["value"]) * factor, 6),
        "unit": "",
        "status": flag_status(flag),
        "source": NAME,
        "note": flag_note(dataset.code, flag),
        "qualifier": "",
    }


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
