"""The named charts of /regions: the comparison bars and the district map (page, /export, /embed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import pandas as pd

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.charts.context import chart_context
from dashboard.data import boundaries, comparison
from dashboard.data.cache import cached
from dashboard.data.comparison import NO_HIGHLIGHT, Comparison
from dashboard.data.population import POPULATION
from dashboard.figures import ChartContext, choropleth, comparison_bars, empty_figure
from dashboard.figures.theme import money_scale, source_names
from dashboard.i18n import current, format_period, t, unit_label, use_locale

BARS, MAP = "regions-bars", "regions-map"


def names(codes) -> dict[str, str]:
    return {str(code): data.label("regions", str(code)) for code in codes}


def short_names(codes) -> dict[str, str]:
    """'Alphaville, city' -> 'Alphaville': map labels name the place, the hover says what it is."""
    return {code: name.split(",")[0].strip() for code, name in names(codes).items()}


def _scale(found: Comparison, rows: pd.DataFrame, lang: str) -> str:
    view = found.view
    unit = (
        data.catalog().indicators[view.indicator].unit if view.indicator in data.catalog().indicators else ""
    )
    if unit == "EUR":
        scale = money_scale(rows["value"], lang)[1]
    elif view.indicator == POPULATION:
        scale = t("regions.inhabitants", lang)
    else:
        scale = unit_label(unit, lang)
    return f"{scale} {t('common.per_1000', lang)}" if view.per_capita else scale


def _source_line(found: Comparison, rows: pd.DataFrame) -> str:
    """Per 1,000 inhabitants the population is a source too: the burned-in line names it."""
    found_names = source_names(rows)
    for name in source_names(found.population_sources()):
        if name not in found_names:
            found_names.append(name)
    return "; ".join(found_names)


def context(key: str, found: Comparison, rows: pd.DataFrame, lang: str) -> ChartContext:
    """Title names the indicator (and breakdown); the subtitle the scale, per capita or not, and period."""
    view = found.view
    name = data.label("indicators", view.indicator, lang)
    name = f"{name}: {data.label('entities', view.breakdown, lang)}" if view.breakdown else name
    scale = _scale(found, found.plotted(), lang)
    ctx = chart_context(
        lang,
        t(key, lang, indicator=name),
        f"{scale[:1].upper()}{scale[1:]}, {format_period(view.period, lang)}",
        scale,
    )
    return replace(ctx, source_line=_source_line(found, rows))


def cited(found: Comparison, rows: pd.DataFrame, title: str, lang: str) -> str:
    """Cites the indicator's sources and, per 1,000 inhabitants, the population's sources too."""
    population = found.population_sources()
    frame = pd.concat([rows, population], ignore_index=True) if len(population) else rows
    return citation.citation(frame, title, lang)


def filename(found: Comparison, scope: str, kind: str = "") -> str:
    """<prefix>-districts-population-2024-12-31, <prefix>-compared-funding-projects-ipcei-mect-2023."""
    view = found.view
    indicator = view.indicator.removeprefix("context.")
    per_capita = "per-1000-inhabitants" if view.per_capita else ""
    return citation.filename(scope, indicator, view.breakdown, per_capita, kind, view.period)


def nothing(key: str = "regions.no_indicators") -> charts.ChartOutput:
    """A chart that says why there is nothing to show, as the page does (exports are then empty)."""
    lang = current()
    ctx = ChartContext(lang=lang, title=t("regions.heading", lang))
    return charts.ChartOutput(empty_figure(t(key, lang), ctx), data.empty(), "regions", ctx.title)


def bars_output(found: Comparison) -> charts.ChartOutput:
    lang = current()
    ctx = context("regions.bars_title", found, found.rows, lang)
    highlight = None if found.view.highlight == NO_HIGHLIGHT else found.view.highlight
    figure = comparison_bars(found.plotted(), ctx, highlight=highlight, labels=names(found.regions))
    name = filename(found, comparison.scope(found))
    return charts.ChartOutput(figure, found.rows, name, ctx.title, cited(found, found.rows, ctx.title, lang))


@charts.register(BARS)
def bars_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """The comparison bars for the page's query string (indicator, period, breakdown, highlight,
    percapita)."""
    with use_locale(lang):
        found = comparison.from_query(query)
        return nothing() if found is None else bars_output(found)


def map_output(found: Comparison) -> charts.ChartOutput:
    """The district map; without boundaries or district figures a chart that says so."""
    lang = current()
    geojson = boundaries.district_geojson()
    if geojson is None:
        return nothing("regions.no_boundaries")
    codes = boundaries.feature_codes(geojson)
    shown = found.rows["region"].astype(str).isin(codes)
    if not shown.any():
        return nothing("regions.no_districts")
    rows = found.rows[shown]
    district = Comparison(found.view, rows.reset_index(drop=True), found.missing)
    ctx = context("regions.map_title", district, rows, lang)
    points = [(point.code, point.lon, point.lat) for point in boundaries.label_points(geojson)]
    figure = choropleth(
        district.plotted(),
        geojson,
        ctx,
        labels=names(codes),
        highlight=found.view.highlight if found.view.highlight != NO_HIGHLIGHT else None,
        label_points=points,
        short_labels=short_names(codes),
        attribution=boundaries.attribution(),
    )
    name = filename(found, f"{data.pack().file_prefix}-districts", "map")
    return charts.ChartOutput(figure, district.rows, name, ctx.title, cited(district, rows, ctx.title, lang))


def page_version() -> tuple:
    """What a chart drawn for the page depends on besides its view: data, language and day (the
    citation says when it was retrieved)."""
    return (*data.data_key(), current(), date.today())


@cached(page_version, budget=24 * 1024 * 1024)
def page_bars(view: comparison.View) -> charts.ChartOutput:
    """The bars as the page shows them, drawn once per view and data version. Read-only: /export and
    /embed draw their own (an embed changes its figure's layout)."""
    found = comparison.comparison(
        view.indicator, view.period, view.breakdown, view.highlight, view.per_capita
    )
    return bars_output(found) if found is not None else nothing()


@cached(page_version, budget=24 * 1024 * 1024)
def page_map(view: comparison.View) -> charts.ChartOutput:
    found = comparison.comparison(
        view.indicator, view.period, view.breakdown, view.highlight, view.per_capita
    )
    return map_output(found) if found is not None else nothing()


@charts.register(MAP)
def map_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """The district map for the page's query string (as the bars; the highlight is outlined)."""
    with use_locale(lang):
        found = comparison.from_query(query)
        return nothing() if found is None else map_output(found)
