"""The data layer between the warehouse and the pages.

Pages and chart builders ask this package, never etl.db: `warehouse` reads through etl.db with
filters and caches per data version; the domain modules beside it (headline, per-capita values,
comparisons, funding totals, facets, progress, boundaries, run history) are pure functions of what
it returns.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.data.warehouse import (
    SETTINGS_KEY,
    as_stored,
    catalog,
    coverage,
    data_key,
    empty,
    engine,
    enrich,
    last_import,
    observations_as_of,
    pack,
    refresh,
    series,
    settings,
    shown_sources,
    store_key,
    version,
)
from etl import db, headline
from etl.catalog import Catalog

__all__ = [
    "SETTINGS_KEY",
    "as_stored",
    "catalog",
    "coverage",
    "data_key",
    "empty",
    "engine",
    "enrich",
    "headline_rows",
    "label",
    "last_import",
    "observations_as_of",
    "pack",
    "preferred",
    "refresh",
    "revision_counts",
    "series",
    "settings",
    "shown_sources",
    "store_key",
    "version",
]


def preferred(frame: pd.DataFrame, known: Catalog | None = None) -> pd.DataFrame:
    """One value per period: the preferred source, else the most recently published (etl.headline)."""
    return headline.preferred(frame, *headline.rules(known or catalog()))


def headline_rows(frame: pd.DataFrame, statuses: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One value per region, breakdown and period (the headline rule of etl.headline), oldest first."""
    if statuses is not None:
        frame = frame[frame["status"].isin(statuses)]
    return preferred(frame).sort_values("period_start", kind="stable")


@lru_cache(maxsize=2)
def _revisions(url: str, data_version: int) -> pd.DataFrame:
    return db.revision_counts(db.get_engine(url))


def revision_counts() -> pd.DataFrame:
    """Revisions per key (indicator, region, breakdown, period, source), cached per data version."""
    return _revisions(settings().database_url, version())


def label(kind: str, slug: str, lang: str | None = None) -> str:
    """The name of an indicator, region or entity in the reader's language (slug if unknown)."""
    from dashboard.i18n import current

    row = getattr(catalog(), kind).get(slug)
    if not row:
        return slug or ""
    return row.name(lang or current()) or slug
