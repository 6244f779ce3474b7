"""What /about says about the data: how many current figures cite each source and each indicator, the
latest period of each indicator (targets and projections lie ahead, so they never count as latest), and
the public list of loads. Counted in SQL in one pass, cached per data version."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data.cache import cached
from dashboard.data.facets import alphabetical
from dashboard.data.goals import GOAL_STATUSES
from dashboard.data.warehouse import catalog, data_key, engine, shown_sources
from etl import db
from etl.catalog import IndicatorRow, SourceRow
from etl.schema import parse_period
from etl.vocabulary import INDICATOR_CATEGORIES, SOURCE_KINDS

CHANGELOG_COLUMNS = ["finished_at", "kind", "source_name", "rows_new", "rows_changed", "rows_unchanged"]


@dataclass(frozen=True)
class Statistics:
    by_source: dict[str, int]  # source slug -> current figures citing it
    by_indicator: dict[str, int]  # indicator slug -> current figures
    latest: dict[str, str]  # indicator slug -> its latest period that is not a goal or projection


def _start(period: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(parse_period(period)[0])
    except ValueError:
        return pd.Timestamp.min


@cached(data_key, budget=256 * 1024)
def statistics() -> Statistics:
    summary = db.observation_summary(engine())
    by_source = summary.groupby("source")["observations"].sum()
    by_indicator = summary.groupby("indicator")["observations"].sum()
    current = summary[~summary["status"].isin(GOAL_STATUSES)]
    current = current.assign(_start=current["latest_period"].astype(str).map(_start))
    latest = current.sort_values("_start", kind="stable").drop_duplicates("indicator", keep="last")
    return Statistics(
        {str(k): int(v) for k, v in by_source.items()},
        {str(k): int(v) for k, v in by_indicator.items()},
        dict(zip(latest["indicator"].astype(str), latest["latest_period"].astype(str), strict=True)),
    )


def import_history(limit: int = 20) -> pd.DataFrame:
    """Recent successful loads, without who or which file: the public changelog."""
    runs = db.import_runs(engine(), limit=limit)
    return runs[runs["status"] == "succeeded"][CHANGELOG_COLUMNS].reset_index(drop=True)


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def sources_in_order(counts: dict[str, int]) -> list[SourceRow]:
    """Official statistics first (etl.vocabulary.SOURCE_KINDS), then the most cited, then by publisher."""
    return sorted(
        shown_sources().values(),
        key=lambda s: (_rank(SOURCE_KINDS, s.kind), -counts.get(s.slug, 0), alphabetical(s.publisher)),
    )


def indicators_in_order(lang: str) -> list[IndicatorRow]:
    """By category, then by name in the reader's language."""
    return sorted(
        catalog().indicators.values(),
        key=lambda i: (_rank(INDICATOR_CATEGORIES, i.category), alphabetical(i.name(lang))),
    )
