"""Cached reads for pages and the API. Keyed on the warehouse's data version, so a new import is
visible on the next request while repeated callbacks never rescan the table."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import pandas as pd
from flask import current_app, g, has_request_context

from dashboard.figures import ChartContext
from etl import db, headline
from etl.catalog import Catalog
from etl.config import Settings
from etl.pack import Pack

SETTINGS_KEY = "REGIOMETER_SETTINGS"
log = logging.getLogger(__name__)


def settings() -> Settings:
    return current_app.config[SETTINGS_KEY]


def pack() -> Pack:
    """The region pack this site serves."""
    return settings().region_pack()


def refresh() -> None:
    """Forget this request's data version (after a write in the same request)."""
    if has_request_context():
        g.pop("regiometer_data_version", None)


def engine():
    return db.get_engine(settings().database_url)


def version() -> int:
    """The data version, asked once per request (pages read the snapshot many times while rendering)."""
    if not has_request_context():
        return db.data_version(engine())
    if "regiometer_data_version" not in g:
        g.regiometer_data_version = db.data_version(engine())
    return g.regiometer_data_version


@dataclass(frozen=True)
class Snapshot:
    """Everything the pages read, for one data version."""

    version: int
    catalog: Catalog
    observations: pd.DataFrame  # current revisions joined with source titles and indicator units
    by_indicator: dict[str, pd.DataFrame]
    as_of: datetime | None


_lock = threading.Lock()


CATEGORICAL = ("indicator", "region", "breakdown", "source", "status", "frequency", "qualifier")


def _enrich(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Add units and source details. Text columns become categoricals first, so the lookups run
    once per distinct value rather than once per row (a million rows share a few hundred keys)."""
    frame = frame.drop(columns=["valid_to"])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    for column in CATEGORICAL:
        frame[column] = frame[column].astype("category")
    units = {slug: row["unit"] for slug, row in catalog.indicators.items()}
    frame["unit"] = frame["indicator"].map(units)
    details = (
        ("source_title", "title"),
        ("source_url", "url"),
        ("publisher", "publisher"),
        ("published", "published"),
        ("licence", "licence"),
    )
    for column, field in details:
        frame[column] = frame["source"].map({slug: row[field] for slug, row in catalog.sources.items()})
    return frame


@lru_cache(maxsize=2)  # the current version and the one being replaced: each can be large
def _load(url: str, data_version: int) -> Snapshot:
    warehouse = db.get_engine(url)
    catalog = db.read_catalog(warehouse)
    frame = _enrich(db.read_observations(warehouse, dates=("period_start",)), catalog)
    groups = {str(k): g.reset_index(drop=True) for k, g in frame.groupby("indicator", observed=True)}
    return Snapshot(data_version, catalog, frame, groups, db.last_import_time(warehouse))


def snapshot() -> Snapshot:
    url = settings().database_url
    with _lock:  # one loader per version, other requests wait for it instead of loading again
        return _load(url, version())


def series(indicator: str, region: str | None = None, breakdown: str | None = None) -> pd.DataFrame:
    """Current observations of one indicator, optionally for one region and breakdown."""
    frame = snapshot().by_indicator.get(indicator)
    if frame is None:
        return snapshot().observations.iloc[0:0]
    mask = pd.Series(True, index=frame.index)
    if region is not None:
        mask &= frame["region"] == region
    if breakdown is not None:
        mask &= frame["breakdown"] == breakdown
    return frame[mask]


def headline_rows(frame: pd.DataFrame, statuses: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One value per region, breakdown and period (the headline rule of etl.headline), oldest first."""
    if statuses is not None:
        frame = frame[frame["status"].isin(statuses)]
    return preferred(frame, snapshot().catalog).sort_values("period_start", kind="stable")


def chart_context(lang: str, title: str, subtitle: str = "", unit_label: str = "") -> ChartContext:
    """A ChartContext dated with the warehouse's last import."""
    as_of = snapshot().as_of
    return ChartContext(lang, title, subtitle, unit_label, data_as_of=as_of.date() if as_of else None)


def preferred(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """One value per period: the preferred source, else the most recently published (etl.headline)."""
    return headline.preferred(frame, *headline.rules(catalog))


@lru_cache(maxsize=2)
def _revisions(url: str, data_version: int) -> pd.DataFrame:
    return db.revision_counts(db.get_engine(url))


def revision_counts() -> pd.DataFrame:
    """Revisions per key (indicator, region, breakdown, period, source), cached per data version."""
    return _revisions(settings().database_url, version())


def observations_as_of(moment: datetime, **filters: object) -> pd.DataFrame:
    """The observations as they stood at a moment (not cached: rare, and each moment differs)."""
    snapshot_ = snapshot()
    return _enrich(db.read_observations(engine(), as_of=moment, **filters), snapshot_.catalog)


def label(kind: str, slug: str, lang: str) -> str:
    """The name of an indicator, region or entity in the reader's language (slug if unknown)."""
    table = getattr(snapshot().catalog, kind)
    row = table.get(slug)
    if not row:
        return slug or ""
    return row.get(f"name_{lang}") or row.get("name_en") or slug


def keep_warm(server, interval: float = 2.0) -> threading.Thread:
    """Reload the snapshot in the background when the data version moves, so the first reader after
    an import does not wait for it (with a million observations the load takes seconds)."""

    def loop() -> None:
        while True:
            try:
                with server.app_context():
                    snapshot()
            except Exception:  # a broken warehouse is reported by the requests themselves
                log.warning("background snapshot load failed", exc_info=True)
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="regiometer-snapshot", daemon=True)
    thread.start()
    return thread
