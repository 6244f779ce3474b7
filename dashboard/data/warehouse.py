"""The data layer's only door to the warehouse: every read goes through etl.db with its filters, and
what a page shows is cached per data version and language (dashboard.data.cache), never the whole
table.

The data texts are chosen here, once, by the reader's language: enrich() gives every observation row
its note and its source's publisher in that language (the German text where there is one, else the
English), and shown_sources() the source catalog the same way. Pages, figures, exports and the API
read `note` and `publisher` as they come; the re-importable staff template takes the stored texts back
(as_stored()).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Unpack

import pandas as pd
from flask import current_app, g, has_request_context

from dashboard.data.cache import cached
from dashboard.i18n import current
from etl import db
from etl.catalog import Catalog, SourceRow
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


def store_key() -> tuple[str, int]:
    """What a result holding no text for readers depends on: the warehouse and its data version."""
    return settings().database_url, version()


def data_key() -> tuple[str, int, str]:
    """What every cached result depends on: the warehouse, its data version and the reader's language
    (the notes and publishers in the rows are chosen by it, see enrich())."""
    return (*store_key(), current())


@cached(store_key, budget=8 * 1024 * 1024)
def catalog() -> Catalog:
    """The catalogs as the warehouse holds them (the pack's plus what staff added), both languages."""
    return db.read_catalog(engine())


@cached(data_key, budget=256 * 1024)
def shown_sources() -> dict[str, SourceRow]:
    """The source catalog as the reader reads it: each `publisher` in the reader's language."""
    lang = current()
    return {slug: replace(row, publisher=row.publisher_in(lang)) for slug, row in catalog().sources.items()}


@cached(store_key, budget=1024 * 1024)
def coverage() -> pd.DataFrame:
    """Per indicator: current observations and the first and last period."""
    return browse.indicator_coverage(engine())


@cached(store_key, budget=64 * 1024)
def last_import() -> datetime | None:
    return db.last_import_time(engine())


def in_language(english: pd.Series, german: pd.Series, lang: str) -> pd.Series:
    """Per row the German text where the reader reads German and there is one, else the English."""
    if lang != "de":
        return english
    german = german.astype(object)
    return german.where(german.notna() & (german != ""), english)


def _notes(frame: pd.DataFrame, lang: str) -> None:
    """`note` in the reader's language; `note_en` and `note_de` keep what is stored (in place; a frame
    enriched twice keeps its English note)."""
    if "note" not in frame:
        return
    if "note_en" not in frame:
        frame["note_en"] = frame["note"]
    if "note_de" not in frame:
        frame["note_de"] = ""
    frame["note"] = in_language(frame["note_en"], frame["note_de"], lang)


def enrich(frame: pd.DataFrame, known: Catalog | None = None) -> pd.DataFrame:
    """Observations with their unit and source details (publisher, title, URL, date, licence), the
    note and the publisher in the reader's language."""
    known, lang = known or catalog(), current()
    frame = frame.drop(columns=["valid_to"], errors="ignore")
    if "period_start" in frame:
        frame["period_start"] = pd.to_datetime(frame["period_start"])
    units = {slug: row.unit for slug, row in known.indicators.items()}
    frame["unit"] = frame["indicator"].map(units) if len(frame) else pd.Series(dtype=object)
    for column, field in SOURCE_DETAILS:
        values = {slug: _detail(row, field, lang) for slug, row in known.sources.items()}
        frame[column] = frame["source"].map(values) if len(frame) else pd.Series(dtype=object)
    _notes(frame, lang)
    return frame


def _detail(row: SourceRow, field: str, lang: str) -> str:
    return row.publisher_in(lang) if field == "publisher" else str(getattr(row, field))


def as_stored(frame: pd.DataFrame) -> pd.DataFrame:
    """Enriched rows with their notes as stored (`note` English, `note_de` German): what the
    re-importable staff template holds, whatever the reader's language."""
    return frame.assign(note=frame["note_en"]) if "note_en" in frame else frame


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
    "status", "source", "note", "note_de", "note_en", "valid_from", "import_run_id", "unit",
    *(column for column, _ in SOURCE_DETAILS),
)  # fmt: skip


def empty() -> pd.DataFrame:
    """An observations frame with no rows (and every column a query result has)."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in OBSERVATION_FRAME_COLUMNS})
    return frame.astype({"value": float, "period_start": "datetime64[ns]"})
