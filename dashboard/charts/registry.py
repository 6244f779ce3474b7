"""Every shareable chart, by name: the page shows it, /export sends its data and /embed frames it.

A page registers a builder `(lang, query) -> ChartOutput` under a name; the same builder serves
the page, the CSV/XLSX of exactly what the chart shows, and the embeddable version, so the three can
never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import use_locale

DATA_COLUMNS = (
    "source_title",
    "source_url",
    "licence",
    "source_kind",  # official, government, association, company, press or secondary (etl.vocabulary)
    # Derived values a chart plots, next to the observations they come from (exported when present):
    "value_per_1000",  # regions per 1,000 inhabitants: value / population * 1000
    "population",
    "population_period",
    "population_source",
    "year_total",  # funding bars: the sum of the row's indicator in its year, as the bars plot it
)


# Columns of ChartOutput.derived: one row per value the chart draws that no source published.
DERIVED_COLUMNS = ("series", "period", "value", "unit", "method", "indicator", "region", "breakdown")


@dataclass(frozen=True)
class ChartOutput:
    figure: go.Figure
    data: pd.DataFrame  # the observations the chart shows (canonical columns and source details)
    filename: str  # what the files are called, without extension: testland-tech-employment-2018-2024
    title: str
    citation: str = ""  # charts.citation.citation(): the pasteable line and the full list of sources
    # Values the chart computes and draws besides the observations (paths to a goal, a required
    # rate ...), in DERIVED_COLUMNS: `series` as the chart names it, `method` how it is computed
    # (both in the reader's language). The exports list them after the observations.
    derived: pd.DataFrame | None = None


Builder = Callable[[str, Mapping[str, str]], ChartOutput]
_REGISTRY: dict[str, Builder] = {}


B = TypeVar("B", bound=Callable[..., ChartOutput])


def register(name: str) -> Callable[[B], B]:
    """Decorator: @charts.register("overview-path") on `def build(lang, query) -> ChartOutput`
    (the builder keeps its own signature: pages may call it with defaults)."""

    def decorator(builder: B) -> B:
        _REGISTRY[name] = builder
        return builder

    return decorator


def names() -> list[str]:
    return sorted(_REGISTRY)


def render(name: str, lang: str, query: Mapping[str, str]) -> ChartOutput:
    """KeyError for an unknown chart name (the routes answer 404). Drawn in `lang`: its texts, and
    the notes and publishers the data layer chooses by the language."""
    builder = _REGISTRY[name]
    with use_locale(lang):
        return builder(lang, query)


def page_of(name: str) -> str:
    """The page a chart is on, from its name: 'employment-jobs' -> '/employment', 'overview-...' -> '/'."""
    prefix = name.split("-", 1)[0]
    return "/" if prefix == "overview" else f"/{prefix}"
