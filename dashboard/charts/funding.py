"""The funding page's named charts: the timeline, jobs announced, totals per year and EU programme
money. The page, /export/<name>.csv and /embed/<name> draw each from the same view."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.charts.context import chart_context
from dashboard.data import data_key, funding
from dashboard.data.cache import cached
from dashboard.data.funding import FundingView
from dashboard.figures.funding import funding_timeline, jobs_bars, totals_by_year
from dashboard.i18n import current, format_span, t, use_locale

TIMELINE, JOBS, TOTALS, EU = "funding-timeline", "funding-jobs", "funding-totals", "funding-eu"
FILE_KINDS = {"investment": "investments", "public": "public-funding"}  # money kinds in file names
HELPER_COLUMNS = ["entity_key", "scope", "group", "part", "_name"]


def _prefix(view: FundingView) -> str:
    prefix = data.pack().file_prefix
    return f"{prefix}-and-eu-programmes" if view.scope == "eu" else prefix


def _output(figure, rows: pd.DataFrame, name: str, title: str) -> charts.ChartOutput:
    rows = rows.drop(columns=HELPER_COLUMNS, errors="ignore")
    return charts.ChartOutput(figure, rows, name, title, citation.citation(rows, title, current()))


def _names(keys) -> dict[str, str]:
    return {key: funding.entity_name(key, short=True) for key in dict.fromkeys(keys)}


def _timeline(view: FundingView, with_rows: bool) -> charts.ChartOutput:
    rows = funding.timeline_rows(view)
    title = t("funding.timeline_title_eu" if view.scope == "eu" else "funding.timeline_title")
    span = format_span(*(str(y) for y in _years(rows))) if not rows.empty else ""
    settings = funding.settings()
    figure = funding_timeline(
        rows.assign(breakdown=rows["entity_key"]),
        chart_context(current(), title, t("funding.timeline_subtitle", span=span) if span else ""),
        labels=_names(rows["entity_key"]),
        kinds=funding.kind_of(settings),
        kind_labels={kind: t(f"funding.type.{kind}") for kind in funding.MONEY_KINDS},
        indicator_labels={slug: funding.indicator_label(slug) for slug in rows["indicator"].unique()},
        key_labels={key: t(f"funding.key.{key}") for key in ("announced", "decided")},
    )
    kinds = "-and-".join(FILE_KINDS[kind] for kind in view.kinds if kind in FILE_KINDS) or "funding"
    name = citation.filename(_prefix(view), view.entity or "", kinds, citation.period_span(rows))
    return _output(figure, rows, name, title)


def _years(rows: pd.DataFrame) -> tuple[int, int]:
    years = pd.to_datetime(rows["period_start"]).dt.year
    return int(years.min()), int(years.max())


def _jobs(view: FundingView, with_rows: bool) -> charts.ChartOutput:
    rows = funding.jobs_rows(view)
    title = t("funding.jobs_title")
    figure = jobs_bars(
        rows.assign(breakdown=rows["entity_key"]),
        chart_context(current(), title, t("funding.jobs_subtitle")),
        labels=_names(rows["entity_key"]),
    )
    name = citation.filename(
        data.pack().file_prefix, view.entity or "", "jobs-announced", citation.period_span(rows)
    )
    return _output(figure, rows, name, title)


def _totals(view: FundingView, with_rows: bool) -> charts.ChartOutput:
    """The chosen indicator's countable amounts of companies and projects in the home region, summed
    per year; the subtitle says what the bars add. `with_rows`: the data are the observations summed
    (downloads), else the sums per entity and date the bars are drawn from (the page)."""
    summed = funding.yearly_rows(view)
    indicator = view.total or ""
    title = t("funding.totals_title", indicator=funding.indicator_label(indicator))
    figure = totals_by_year(
        summed, chart_context(current(), title, funding.yearly_label(summed)), color_by="status"
    )
    name = citation.filename(
        data.pack().file_prefix,
        view.entity or "",
        indicator.removeprefix("funding.").removesuffix("_eur"),
        "by-year",
        citation.period_span(summed),
    )
    return _output(figure, funding.yearly_observations(view) if with_rows else summed, name, title)


def _eu(view: FundingView, with_rows: bool) -> charts.ChartOutput:
    """EU programme money in the home region as a whole, by start year."""
    rows = funding.eu_years()
    title = t("funding.eu_title")
    names = {slug: funding.indicator_label(slug) for slug in funding.settings().eu_programmes}
    figure = totals_by_year(rows, chart_context(current(), title), indicator_labels=names)
    name = citation.filename(data.pack().file_prefix, "eu-funding-by-start-year", citation.period_span(rows))
    return _output(figure, rows.drop(columns=["year", "entries", "bounded"], errors="ignore"), name, title)


BUILDERS: dict[str, Callable[[FundingView, bool], charts.ChartOutput]] = {
    TIMELINE: _timeline,
    JOBS: _jobs,
    TOTALS: _totals,
    EU: _eu,
}


@cached(data_key, budget=24 * 1024 * 1024)
def _stored(name: str, view: FundingView, lang: str, with_rows: bool, today: date) -> tuple:
    """A chart as its figure's JSON and its data, per data version, view, language and day (the
    citation says when it was retrieved)."""
    output = BUILDERS[name](view, with_rows)
    return output.figure.to_json(), output.data, output.filename, output.title, output.citation


def _figure(text: str) -> go.Figure:
    spec = json.loads(text)
    try:  # it was validated when it was built: checking every property again only costs time
        return go.Figure(spec, _validate=False)
    except TypeError:  # a plotly without the flag
        return go.Figure(spec)


class Drawn:
    """A stored figure as the page sends it: its JSON parsed once per request and passed on as it is
    (plotly's JSON encoder calls `to_plotly_json`), so no go.Figure is built and copied per request.
    `layout.meta` (the summary) and `layout.height` serve the chart card."""

    __slots__ = ("layout", "spec")

    def __init__(self, text: str) -> None:
        self.spec = json.loads(text)
        layout = self.spec.get("layout", {})
        self.layout = SimpleNamespace(meta=layout.get("meta"), height=layout.get("height"))

    def to_plotly_json(self) -> dict:
        return self.spec


@dataclass(frozen=True)
class PageChart:
    """A chart for the page: the figure as sent (Drawn), the rows drawn, file name and citation."""

    figure: Drawn
    data: pd.DataFrame
    filename: str
    title: str
    citation: str


def page_chart(name: str, view: FundingView, with_rows: bool = True) -> PageChart:
    """One of the page's charts for a view, as the page sends it (from the cache, not copied)."""
    text, rows, filename, title, cite = _stored(name, view, current(), with_rows, date.today())
    return PageChart(Drawn(text), rows, filename, title, cite)


def chart(name: str, view: FundingView, with_rows: bool = True) -> charts.ChartOutput:
    """One of the page's charts for a view (a fresh figure: callers may change it)."""
    text, rows, filename, title, cite = _stored(name, view, current(), with_rows, date.today())
    return charts.ChartOutput(_figure(text), rows, filename, title, cite)


def timeline(view: FundingView) -> charts.ChartOutput:
    """The money of the view as bubbles: one per entity, indicator and year."""
    return chart(TIMELINE, view)


def jobs(view: FundingView) -> charts.ChartOutput:
    """Jobs announced: each entity's latest figure, apart from the money."""
    return chart(JOBS, view)


def totals(view: FundingView, with_rows: bool = True) -> charts.ChartOutput:
    """Totals per year of the view's indicator; with_rows: the observations summed (downloads), else
    the sums per entity and date the bars are drawn from (the page)."""
    return chart(TOTALS, view, with_rows)


def eu() -> charts.ChartOutput:
    """EU programme money in the home region as a whole, by start year (no view state)."""
    return chart(EU, FundingView())


def _view(query: Mapping[str, str]) -> FundingView:
    return funding.view_from_query(query)


@charts.register(TIMELINE)
def timeline_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """The timeline for the page's query string (types, scope, entity)."""
    with use_locale(lang):
        return timeline(_view(query))


@charts.register(JOBS)
def jobs_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    with use_locale(lang):
        return jobs(_view(query))


@charts.register(TOTALS)
def totals_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """Totals by year for the page's query string (types, scope, entity, total)."""
    with use_locale(lang):
        return totals(_view(query))


@charts.register(EU)
def eu_chart(lang: str, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    with use_locale(lang):
        return eu()
