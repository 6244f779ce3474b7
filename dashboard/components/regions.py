"""Parts of /regions: the chart cards, the figures table with sources and their kinds, the notes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import data
from dashboard.charts import regions as named
from dashboard.components.chart import chart_card
from dashboard.data import boundaries
from dashboard.data import comparison as model
from dashboard.data.cache import cached
from dashboard.data.comparison import Comparison, View
from dashboard.data.population import POPULATION
from dashboard.figures.theme import text_of
from dashboard.i18n import current, format_period, format_value, t

BARS_GRAPH, MAP_GRAPH = "regions-bars-graph", "regions-map-graph"


def kind_label(kind: str) -> str:
    return t(f"source_kind.{kind}") if kind else ""


def source_link(slug: str, kind: str = "") -> list:
    """The publisher, linked, and the kind of source (a secondary source marked as such)."""
    source = data.shown_sources().get(slug)
    link = html.A(
        source.publisher if source and source.publisher else slug,
        href=source.url if source else None,
        title=source.title if source else None,
        target="_blank",
        rel="noopener",
    )
    if not kind:
        return [link]
    marked = "regions-kind secondary" if kind == "secondary" else "regions-kind"
    return [link, " ", html.Span(f"({kind_label(kind)})", className=marked)]


def _sources_line(label: str, rows: pd.DataFrame, slug_column: str, kind_column: str | None) -> html.P:
    pairs = rows[[slug_column, *([kind_column] if kind_column else [])]].astype(str).drop_duplicates()
    parts: list = []
    for record in pairs.to_dict("records"):  # distinct sources: a handful
        parts += ["; ", *source_link(record[slug_column], record.get(kind_column or "", ""))]
    return html.P([f"{label}: ", *parts[1:]], className="small text-muted")


def _cells(row: dict, per_capita: bool, with_source: bool, unit: str) -> list:
    qualifier = text_of(row.get("qualifier"))
    cells: list = [
        data.label("regions", str(row["region"])),
        format_value(row["value"], unit, qualifier=qualifier, with_unit=True),
    ]
    if per_capita:
        unit = str(row["unit"]) if row["unit"] == "EUR" else ""
        people = f"{format_value(row['population'], '')} ({format_period(str(row['population_period']))})"
        cells += [format_value(row["value_per_1000"], unit, qualifier=qualifier), people]
    if with_source:
        cells.append(source_link(str(row["source"]), str(row.get("source_kind") or "")))
    return cells


def table(found: Comparison) -> html.Div:
    """The figures behind the chart with their sources (one line when all share one); cards on phones."""
    rows, per_capita = found.rows, found.view.per_capita
    shared = rows["source"].nunique() <= 1
    headers = [t("common.region"), t("common.value")]
    headers += [t("regions.per_capita"), t("regions.population_used")] if per_capita else []
    headers += [] if shared else [t("common.source_label")]
    ordered = rows.sort_values("value_per_1000" if per_capita else "value", ascending=False)
    # The population counts inhabitants: no 'persons' word (which reads as employees) after its figures.
    unit = "" if found.view.indicator == POPULATION else str(rows["unit"].iloc[0]) if len(rows) else ""
    body = [
        html.Tr([html.Td(html.Div(c), **{"data-label": h}) for h, c in zip(headers, cells, strict=True)])
        for cells in (_cells(row, per_capita, not shared, unit) for row in ordered.to_dict("records"))
    ]  # one row per region: a few dozen at most
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in headers]))
    figures = dbc.Table([head, html.Tbody(body)], className="rm-stack", size="sm", hover=True)
    notes = [_sources_line(t("common.source_label"), rows, "source", "source_kind")] if shared else []
    if per_capita:
        notes.append(_sources_line(t("regions.population_used"), rows, "population_source", None))
    return html.Div([html.Div(figures, className="table-responsive"), *notes], className="regions-table")


def notes(found: Comparison) -> list:
    """Below the bars: regions left out per 1,000 inhabitants, and what a secondary source is."""
    parts = []
    if found.missing:
        names = ", ".join(data.label("regions", code) for code in found.missing)
        parts.append(html.P(t("regions.no_population", regions=names), className="small text-muted"))
    if found.secondary().any():
        parts.append(html.P(t("regions.secondary_note"), className="small regions-secondary-note"))
    return parts


def _card(graph_id: str, output, chart: str, default_height: int):
    """A registered chart's card at the height its figure was drawn for."""
    height = int(output.figure.layout.height or default_height)
    return chart_card(
        graph_id,
        output.figure,
        current(),
        output.filename,
        height=height,
        chart=chart,
        citation=output.citation,
    )


def bars(found: Comparison) -> list:
    return [_card(BARS_GRAPH, named.page_bars(found.view), named.BARS, 460), *notes(found)]


def map_part(found: Comparison) -> list:
    """The district map with its attribution, or a note saying why there is none."""
    if boundaries.district_geojson() is None:
        return [dbc.Alert(t("regions.no_boundaries"), color="info")]
    output = named.page_map(found.view)
    if output.data.empty:
        return [dbc.Alert(t("regions.no_districts"), color="light")]
    card = _card(MAP_GRAPH, output, named.MAP, 560)
    # The attribution is burned into the map's footer (and so into every image of it).
    return [card, html.P(t("regions.map_hint"), className="small text-muted regions-map-hint")]


@cached(named.page_version, budget=8 * 1024 * 1024)
def shown(view: View) -> tuple:
    """What the page shows for a view (bars, map, table, highlight options and value), built once per
    view, language, day and data version: Dash only reads components."""
    found = model.comparison(view.indicator, view.period, view.breakdown, view.highlight, view.per_capita)
    if found is None:
        return nothing(), None, None, [], None
    highlights = [{"label": c.label, "value": c.value} for c in model.highlight_choices(found)]
    return bars(found), map_part(found), table(found), highlights, found.view.highlight


def nothing() -> list:
    return [dbc.Alert(t("regions.no_indicators"), color="info")]
