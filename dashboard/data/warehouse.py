"""The data layer's only door to the warehouse: every read goes through etl.db with its filters, and
what a page shows is cached per data version (dashboard.data.cache), never the whole table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Unpack

import pandas as pd
from flask import current_app, g, has_request_context

from dashboard.data.cache import cached
from etl import db
from etl.catalog import Catalog
from etl.config import Settings
from etl.db import browse
from etl.pack import Pack

SETTINGS_KEY = "REGIOMETER_SETTINGS"
SOURCE_DETAILS = (
    ("source_title", "title"),
    ("source_url", "url"),
    ("publisher", "publisher"),
    ("published", "published"),
    ("licence", "licence"),
)


def settings() -> Settings:
    return current_app.config[SETTINGS_KEY]


def pack() -> Pack:
    """The region pack this site serves."""
    return settings().region_pack()


def engine():
    return db.get_engine(settings().database_url)


def version() -> int:
    """The data version, asked once per request (a page reads many cached parts while rendering)."""
    if not has_request_context():
        return db.data_version(engine())
    if "regiometer_data_version" not in g:
        g.regiometer_data_version = db.data_version(engine())
    return g.regiometer_data_version


def refresh() -> None:
    """Forget this request's data version (after a write in the same request)."""
    if has_request_context():
        g.pop("regiometer_data_version", None)


def data_key() -> tuple[str, int]:
    """What every cached result depends on: the warehouse and its data version."""
    return settings().database_url, version()


@cached(data_key, budget=8 * 1024 * 1024)
def catalog() -> Catalog:
    """The catalogs as the warehouse holds them (the pack's plus what staff added)."""
    return db.read_catalog(engine())


@cached(data_key, budget=1024 * 1024)
def coverage() -> pd.DataFrame:
    """Per indicator: current observations and the first and last period."""
    return browse.indicator_coverage(engine())


@cached(data_key, budget=64 * 1024)
def last_import() -> datetime | None:
    return db.last_import_time(engine())


def enrich(frame: pd.DataFrame, known: Catalog | None = None) -> pd.DataFrame:
    """Observations with their unit and source details (publisher, title, URL, date, licence)."""
    known = known or catalog()
    frame = frame.drop(columns=["valid_to"], errors="ignore")
    if "period_start" in frame:
        frame["period_start"] = pd.to_datetime(frame["period_start"])
    units = {slug: row.unit for slug, row in known.indicators.items()}
    frame["unit"] = frame["indicator"].map(units) if len(frame) else pd.Series(dtype=object)
    for column, field in SOURCE_DETAILS:
        values = {slug: getattr(row, field) for slug, row in known.sources.items()}
        frame[column] = frame["source"].map(values) if len(frame) else pd.Series(dtype=object)
    return frame


@cached(data_key)
def series(indicator: str, region: str | None = None, breakdown: str | None = None) -> pd.DataFrame:
    """Current observations of one indicator (optionally one region and breakdown), from the
    warehouse's index, with units and source details. Treat the result as read-only: it is shared."""
    filters: db.ObservationFilters = {"indicator": indicator}
    if region is not None:
        filters["region"] = region
    if breakdown is not None:
        filters["breakdown"] = [breakdown]  # a list: the empty breakdown (the total) is a value too
    frame = db.read_observations(engine(), dates=("period_start",), **filters)
    return enrich(frame)


def observations_as_of(moment: datetime, **filters: Unpack[db.ObservationFilters]) -> pd.DataFrame:
    """The observations as they stood at a moment (not cached: rare, and each moment differs)."""
    return enrich(db.read_observations(engine(), as_of=moment, **filters))


OBSERVATION_FRAME_COLUMNS = (
    "id", "indicator", "region", "breakdown", "period", "period_start", "frequency", "value", "qualifier",
    "status", "source", "note", "valid_from", "import_run_id", "unit",
    *(column for column, _ in SOURCE_DETAILS),
)  # fmt: skip


def empty() -> pd.DataFrame:
    """An observations frame with no rows (and every column a query result has)."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in OBSERVATION_FRAME_COLUMNS})
    return frame.astype({"value": float, "period_start": "datetime64[ns]"})
