"""Rows for `ChartOutput.derived`: the values a chart computes and draws besides the observations.

A builder that draws a path to a goal, a trend or a rate hands them to the exports with these
helpers, so the CSV/XLSX hold exactly what the chart shows:

    derived = derived.frame(
        derived.path_rows(t("figure.straight_path"), result.linear_path, unit, method, series_key),
        derived.rate_rows(name, 100 * result.required_cagr, start, goal_year, method, series_key),
    )
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.charts.registry import DERIVED_COLUMNS


@dataclass(frozen=True)
class SeriesKey:
    """Which series the derived values belong to (codes; the export adds the names)."""

    indicator: str = ""
    region: str = ""
    breakdown: str = ""


def path_rows(
    series: str,
    path: Sequence[tuple[int, float]],
    unit: str,
    method: str,
    key: SeriesKey = SeriesKey(),
) -> list[dict[str, object]]:
    """One row per (year, value) point of a drawn path."""
    return [
        {"series": series, "period": str(year), "value": float(value), "unit": unit, "method": method,
         "indicator": key.indicator, "region": key.region, "breakdown": key.breakdown}
        for year, value in path
    ]  # fmt: skip


def rate_rows(
    series: str, percent: float | None, start: int, end: int, method: str, key: SeriesKey = SeriesKey()
) -> list[dict[str, object]]:
    """A yearly rate in percent over start-end ('2024-2030'); nothing if there is no rate."""
    if percent is None:
        return []
    return [
        {"series": series, "period": f"{start}-{end}", "value": float(percent), "unit": "percent",
         "method": method, "indicator": key.indicator, "region": key.region, "breakdown": key.breakdown}
    ]  # fmt: skip


def frame(*parts: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The rows as the frame ChartOutput.derived takes (DERIVED_COLUMNS)."""
    rows = [row for part in parts for row in part]
    return pd.DataFrame(rows, columns=list(DERIVED_COLUMNS))
