"""/regions: compare Saxony, its NUTS-2 regions and districts, Germany and the EU on one indicator and
period: bars, a district map (when GISCO boundaries were fetched) and a table with sources, optionally
per 1,000 inhabitants."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.components.chart import chart_card
from dashboard.components.urlstate import url_sync
from dashboard.figures import ChartContext, choropleth, comparison_bars, empty_figure
from dashboard.figures.theme import money_scale, source_names, text_of
from dashboard.i18n import format_period, format_value, normalise_lang, t, unit_label

dash.register_page(__name__, path="/regions", title="Regions compared: Regiometer", order=4)

POPULATION = "context.population"  # also the default indicator
DEFAULT_HIGHLIGHT = "DED21"
PER_CAPITA_UNITS = ("persons", "EUR", "companies")
NO_HIGHLIGHT = "none"
TOTAL = "_total"  # dropdown value for breakdown '' (an empty value would read as 'nothing chosen')
GEO_FILE = "nuts2021_saxony.geojson"  # what etl.sources.gisco writes; any *.geojson with districts will do
ATTRIBUTION_FILE = "ATTRIBUTION.txt"
GISCO_COMMAND = "python -m etl run gisco"

INDICATOR_ID, PERIOD_ID, BREAKDOWN_ID = "regions-indicator", "regions-period", "regions-breakdown"
HIGHLIGHT_ID, PER_CAPITA_ID = "regions-highlight", "regions-per-capita"
LANG_ID, URL_ID, BREAKDOWN_BOX = "regions-lang", "regions-url", "regions-breakdown-box"
BARS_BOX, MAP_BOX, TABLE_BOX = "regions-bars", "regions-map", "regions-table"
BARS_GRAPH, MAP_GRAPH = "regions-bars-graph", "regions-map-graph"
# Registered charts (dashboard.charts): the page, /export/<name>.csv and /embed/<name> draw the same thing.
BARS_CHART, MAP_CHART = "regions-bars", "regions-map"
NO_INDICATORS_COMMAND = "python -m etl run genesis eurostat"


class View(NamedTuple):
    """A valid view state (controls and URL): breakdown '' is the total."""

    indicator: str
    period: str
    breakdown: str
    per_capita: bool
    highlight: str


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype(str)


def _option(label: str, value: str) -> dict:
    return {"label": label, "value": value}


def _pick(value: str | None, options: list[dict], default: str | None = None) -> str:
    values = [option["value"] for option in options]
    if value is not None and value in values:
        return value
    if default is not None and default in values:
        return default
    return str(next(iter(values), ""))


@lru_cache(maxsize=8)
def _slices(url: str, version: int) -> pd.DataFrame:
    """(indicator, breakdown, period) with figures for 2+ regions, with region count and period start."""
    parts = []
    for slug, frame in data.snapshot().by_indicator.items():
        groups = frame.groupby([_text(frame, "breakdown"), _text(frame, "period")])
        found = groups.agg(regions=("region", "nunique"), period_start=("period_start", "min")).reset_index()
        parts.append(found[found["regions"] >= 2].assign(indicator=slug))
    columns = ["indicator", "breakdown", "period", "regions", "period_start"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def slices(indicator: str | None = None) -> pd.DataFrame:
    found = _slices(data.settings().database_url, data.version())  # cached per warehouse and version
    return found if indicator is None else found[found["indicator"] == indicator]


def indicator_options(lang: str) -> list[dict]:
    options = [_option(data.label("indicators", s, lang), s) for s in slices()["indicator"].unique()]
    return sorted(options, key=lambda option: option["label"].casefold())


def period_options(indicator: str, lang: str) -> list[dict]:
    """Comparable periods, latest first; '2024' and '2024-12-31' stay apart (different reference dates)."""
    found = slices(indicator).sort_values("regions").drop_duplicates("period", keep="last")
    count = "regions.regions_count"
    return [
        _option(f"{format_period(row.period, lang)} · {t(count, lang, count=row.regions)}", row.period)
        for row in found.sort_values("period_start", ascending=False).itertuples()
    ]


def breakdown_options(indicator: str, period: str, lang: str) -> list[dict]:
    found = slices(indicator)
    codes = sorted(found.loc[found["period"] == period, "breakdown"], key=lambda code: (code != "", code))
    return [
        _option(data.label("entities", c, lang) if c else t("common.total", lang), c or TOTAL) for c in codes
    ]


def per_capita_allowed(indicator: str) -> bool:
    unit = data.catalog().indicators.get(indicator, {}).get("unit", "")
    return unit in PER_CAPITA_UNITS and not indicator.startswith(POPULATION)  # population per head is 1


def choose(indicator: str | None, period: str | None, breakdown: str | None, per_capita: bool, lang: str):
    """A valid View for a possibly stale or hand-edited state, and the period and breakdown options."""
    indicator = _pick(indicator, indicator_options(lang), POPULATION)
    periods = period_options(indicator, lang) if indicator else []
    period = _pick(period, periods)
    breakdowns = breakdown_options(indicator, period, lang) if period else []
    chosen = _pick(breakdown or TOTAL, breakdowns, TOTAL)
    allowed = bool(indicator) and per_capita_allowed(indicator)
    view = View(indicator, period, "" if chosen == TOTAL else chosen, per_capita and allowed, "")
    return view, periods, breakdowns


def comparison_rows(view: View) -> pd.DataFrame:
    """One row per region (preferred source) for the indicator, breakdown and exact period string."""
    frame = data.series(view.indicator, breakdown=view.breakdown)
    rows = data.preferred(frame[_text(frame, "period") == view.period], data.catalog())
    rows = rows.reset_index(drop=True)
    # Population counts inhabitants, not employees: keep its figures free of the 'persons' unit word.
    return rows.assign(unit="") if view.indicator.startswith(POPULATION) else rows


class Comparison(NamedTuple):
    """What the page shows for a view: the rows drawn (per 1,000 inhabitants if chosen), the regions
    left out for want of a population figure, and the highlight options."""

    view: View
    rows: pd.DataFrame
    missing: list[str]
    regions: list[dict]


def comparison(
    indicator: str | None,
    period: str | None,
    breakdown: str | None,
    highlight: str | None,
    per_capita: bool,
    lang: str,
) -> Comparison | None:
    """The valid view and its rows for the controls' (or the URL's) values; None without comparable data."""
    view, _, _ = choose(indicator, period, breakdown, per_capita, lang)
    if not view.period:
        return None
    rows, missing = comparison_rows(view), []
    if view.per_capita:
        rows = with_population(rows)
        missing = list(_names(rows.loc[rows["population"].isna(), "region"], lang).values())
        rows = rows[rows["population"].notna()]
    regions = [
        _option(t("regions.none", lang), NO_HIGHLIGHT),
        *(_option(n, c) for c, n in _names(rows["region"], lang).items()),
    ]
    view = view._replace(highlight=_pick(highlight, regions, DEFAULT_HIGHLIGHT))
    return Comparison(view, rows, missing, regions)


def comparison_from(query: Mapping[str, str], lang: str) -> Comparison | None:
    """The comparison a URL asks for: the page's query parameters, as the layout reads them."""
    return comparison(
        query.get("indicator"),
        query.get("period"),
        query.get("breakdown"),
        query.get("highlight"),
        query.get("percapita") == "1",
        lang,
    )


def export_rows(rows: pd.DataFrame, view: View) -> pd.DataFrame:
    """The observations as published (value and unit), with value_per_1000 and the population used
    when the chart shows values per 1,000 inhabitants."""
    unit = data.catalog().indicators.get(view.indicator, {}).get("unit", "")
    if not view.per_capita:
        return rows.assign(unit=unit)
    return rows.assign(value_per_1000=rows["value"], value=rows["raw_value"], unit=unit)


def _citation(rows: pd.DataFrame, view: View, title: str, lang: str) -> str:
    """Cites the indicator's sources and, per 1,000 inhabitants, the population's sources too."""
    frame = rows
    if view.per_capita and "population_source" in rows:
        sources = data.catalog().sources
        found = [
            sources[slug] for slug in dict.fromkeys(map(str, rows["population_source"])) if slug in sources
        ]
        people = pd.DataFrame(
            [
                {
                    "publisher": s.get("publisher"),
                    "published": s.get("published"),
                    "source_title": s.get("title"),
                }
                for s in found
            ]
        )
        frame = pd.concat([rows, people], ignore_index=True) if len(people) else rows
    return citation.citation(frame, title, lang)


def with_population(rows: pd.DataFrame) -> pd.DataFrame:
    """Adds population and population_period (same region, nearest year) and the value per 1,000."""
    people = data.preferred(data.series(POPULATION, breakdown=""), data.catalog())
    people = people.assign(_year=people["period_start"].dt.year)
    found = []
    for row in rows.itertuples():
        own = people[people["region"] == row.region]
        own = own.assign(_distance=(own["_year"] - row.period_start.year).abs())
        nearest = own.sort_values(["_distance", "_year"], ascending=[True, False]).head(1)
        values = nearest[["value", "period", "source"]].astype(str).to_numpy().tolist()
        found.append((float(values[0][0]), values[0][1], values[0][2]) if values else (None, "", ""))
    population = pd.Series([value for value, _, _ in found], index=rows.index, dtype="float64")
    units = _text(rows, "unit")  # per-capita counts are no longer 'persons': keep only the euro sign
    return rows.assign(
        population=population,
        population_period=[period for _, period, _ in found],
        population_source=[source for _, _, source in found],
        raw_value=rows["value"],
        raw_unit=units,
        value=rows["value"] / population * 1000,
        unit=units.where(units.eq("EUR"), ""),
    )


def _chart_context(key: str, view: View, rows: pd.DataFrame, lang: str) -> ChartContext:
    """Title names the indicator (and breakdown); the subtitle the scale, per capita or not, and period."""
    name = data.label("indicators", view.indicator, lang)
    name = f"{name}: {data.label('entities', view.breakdown, lang)}" if view.breakdown else name
    unit = data.catalog().indicators.get(view.indicator, {}).get("unit", "")
    if unit == "EUR":
        scale = money_scale(rows["value"], lang)[1]
    else:
        scale = (
            t("regions.inhabitants", lang)
            if view.indicator.startswith(POPULATION)
            else unit_label(unit, lang)
        )
    scale = f"{scale} {t('common.per_1000', lang)}" if view.per_capita else scale
    as_of = data.last_import()
    return ChartContext(
        lang=lang,
        title=t(key, lang, indicator=name),
        subtitle=f"{scale[:1].upper()}{scale[1:]}, {format_period(view.period, lang)}",
        unit_label=scale,
        source_line=_source_line(rows) if view.per_capita else "",
        data_as_of=as_of.date() if as_of else None,
    )


def _source_line(rows: pd.DataFrame) -> str:
    """Per 1,000 inhabitants the population is a source too: the burned-in line names it."""
    names = source_names(rows)
    sources = data.catalog().sources
    for slug in rows.get("population_source", pd.Series(dtype=object)).dropna().astype(str).unique():
        publisher = sources.get(slug, {}).get("publisher", slug)
        if publisher not in names:
            names.append(publisher)
    return "; ".join(names)


def _filename(prefix: str, view: View, kind: str = "") -> str:
    """saxony-districts-population-2024-12-31, saxony-compared-funding-projects-ipcei-mect-2023, ..."""
    indicator = view.indicator.removeprefix("context.")
    per_capita = "per-1000-inhabitants" if view.per_capita else ""
    return citation.filename(prefix, indicator, view.breakdown, per_capita, kind, view.period)


def _is_district(code: str) -> bool:
    return code.startswith("DED") and len(code) == 5


def _scope(rows: pd.DataFrame) -> str:
    """What the bars compare, for the file name: Saxony's districts, or Saxony with other regions."""
    codes = _text(rows, "region")
    return "saxony-districts" if len(codes) and codes.map(_is_district).all() else "saxony-compared"


def _names(codes, lang: str) -> dict[str, str]:
    return {str(code): data.label("regions", str(code), lang) for code in codes}


@lru_cache(maxsize=4)
def _read_districts(path: str, modified: float) -> dict | None:
    """Saxon NUTS-3 features of one GeoJSON file (None if it has none); cached until the file changes."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    features = document.get("features") if isinstance(document, dict) else None
    features = [f for f in features or [] if isinstance(f, dict) and _is_saxon_district(f.get("properties"))]
    features = [{**f, "geometry": _clockwise(f.get("geometry") or {})} for f in features]
    return {"type": "FeatureCollection", "features": features} if features else None


def _clockwise(geometry: dict) -> dict:
    """Outer rings clockwise, holes counter-clockwise: d3-geo (plotly's map) reads RFC 7946's opposite
    winding as 'the whole globe except this district' and floods the map."""

    def area(ring: list) -> float:  # shoelace: > 0 means counter-clockwise in lon/lat
        return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in pairwise(ring))

    def fix(rings: list) -> list:
        return [ring[::-1] if (area(ring) > 0) == (n == 0) else ring for n, ring in enumerate(rings)]

    if geometry.get("type") == "Polygon":
        return {**geometry, "coordinates": fix(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {**geometry, "coordinates": [fix(polygon) for polygon in geometry["coordinates"]]}
    return geometry


def _is_saxon_district(properties: object) -> bool:
    if not isinstance(properties, dict):
        return False
    return str(properties.get("NUTS_ID", "")).startswith("DED") and str(properties.get("LEVL_CODE")) == "3"


def district_geojson(geo_dir: Path) -> dict | None:
    """Districts from the GISCO file, else from any *.geojson in geo_dir that has them."""
    paths = sorted(geo_dir.glob("*.geojson"), key=lambda path: (path.name != GEO_FILE, path.name))
    found = (_read_districts(str(path), path.stat().st_mtime) for path in paths)
    return next((geojson for geojson in found if geojson), None)


def attribution(geo_dir: Path, lang: str) -> list[str]:
    """The EuroGeographics notice in the reader's language, then the other lines of ATTRIBUTION.txt."""
    path = geo_dir / ATTRIBUTION_FILE
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [
        t("figure.eurogeographics", lang),
        *(line.strip() for line in lines if line.strip() and "©" not in line),
    ]


def _no_comparison(lang: str, key: str = "regions.no_indicators", command: str = "") -> charts.ChartOutput:
    """A chart that says why there is nothing to show, as the page does (exports are then empty)."""
    message = f"{t(key, lang)} {command}".strip()
    ctx = ChartContext(lang=lang, title=t("regions.heading", lang))
    empty = data.empty()
    return charts.ChartOutput(empty_figure(message, ctx), empty, "regions", ctx.title)


def bars_output(found: Comparison, lang: str) -> charts.ChartOutput:
    rows, view = found.rows, found.view
    ctx = _chart_context("regions.bars_title", view, rows, lang)
    highlight = None if view.highlight == NO_HIGHLIGHT else view.highlight
    figure = comparison_bars(rows, ctx, highlight=highlight, labels=_names(rows["region"], lang))
    observations = export_rows(rows, view)
    name = _filename(_scope(rows), view)
    return charts.ChartOutput(
        figure, observations, name, ctx.title, _citation(observations, view, ctx.title, lang)
    )


@charts.register(BARS_CHART)
def bars_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """The comparison bars for the page's query string (indicator, period, breakdown, highlight,
    percapita)."""
    found = comparison_from(query, lang)
    return _no_comparison(lang, command=NO_INDICATORS_COMMAND) if found is None else bars_output(found, lang)


def bars_card(found: Comparison, lang: str) -> html.Figure:
    output = bars_output(found, lang)
    return chart_card(
        BARS_GRAPH,
        output.figure,
        lang,
        output.filename,
        height=int(output.figure.layout.height or 460),
        chart=BARS_CHART,
        citation=output.citation,
    )


def boundaries_dir() -> Path:
    """Fetched boundaries (data/geo, `python -m etl run gisco`) win over the committed 1:20 million copy."""
    fetched = data.settings().geo_dir
    return (
        fetched
        if fetched.is_dir() and any(fetched.glob("*.geojson"))
        else data.settings().region_pack().geo_dir
    )


def map_output(found: Comparison, lang: str) -> charts.ChartOutput:
    """The district map; without boundaries or district figures a chart that says so."""
    geojson = district_geojson(boundaries_dir())
    if geojson is None:
        return _no_comparison(lang, "regions.no_boundaries", GISCO_COMMAND)
    codes = {feature["properties"]["NUTS_ID"] for feature in geojson["features"]}
    districts = found.rows[_text(found.rows, "region").isin(codes)]
    if districts.empty:
        return _no_comparison(lang, "regions.no_districts")
    ctx = _chart_context("regions.map_title", found.view, districts, lang)
    figure = choropleth(districts, geojson, ctx, labels=_names(codes, lang))
    observations = export_rows(districts, found.view)
    name = _filename("saxony-districts", found.view, "map")
    citation_ = _citation(observations, found.view, ctx.title, lang)
    return charts.ChartOutput(figure, observations, name, ctx.title, citation_)


@charts.register(MAP_CHART)
def map_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """The district map for the page's query string (as the bars; the highlight does not apply)."""
    found = comparison_from(query, lang)
    return _no_comparison(lang, command=NO_INDICATORS_COMMAND) if found is None else map_output(found, lang)


def map_part(found: Comparison, lang: str) -> list:
    geo_dir = boundaries_dir()
    if district_geojson(geo_dir) is None:
        return [dbc.Alert([t("regions.no_boundaries", lang), " ", html.Code(GISCO_COMMAND)], color="info")]
    output = map_output(found, lang)
    if output.data.empty:
        return [dbc.Alert(t("regions.no_districts", lang), color="light")]
    notes = [html.Span(line, className="d-block") for line in attribution(geo_dir, lang)]
    card = chart_card(
        MAP_GRAPH, output.figure, lang, output.filename, height=560, chart=MAP_CHART, citation=output.citation
    )
    return [card, html.P(notes, className="small text-muted regions-attribution")]


def _table_row(row, per_capita: bool, with_source: bool, lang: str) -> list:
    qualifier = text_of(row.qualifier)
    raw, unit = (row.raw_value, row.raw_unit) if per_capita else (row.value, str(row.unit))
    cells = [
        data.label("regions", str(row.region), lang),
        format_value(raw, unit, lang, qualifier, with_unit=True),
    ]
    if per_capita:
        people = f"{format_value(row.population, '', lang)} ({format_period(row.population_period, lang)})"
        cells += [format_value(row.value, str(row.unit), lang, qualifier), people]
    return [*cells, _source_link(str(row.source))] if with_source else cells


def _source_link(slug: str) -> html.A:
    source = data.catalog().sources.get(slug, {})
    return html.A(
        source.get("publisher") or slug, href=source.get("url"), title=source.get("title"), target="_blank"
    )


def _sources_line(label: str, slugs) -> html.P:
    links = [part for slug in dict.fromkeys(map(str, slugs)) for part in ("; ", _source_link(slug))][1:]
    return html.P([f"{label}: ", *links], className="small text-muted")


def table_part(rows: pd.DataFrame, per_capita: bool, lang: str) -> html.Div:
    """The figures behind the chart with their sources (one line when all share one); cards on phones."""
    shared = rows["source"].nunique() <= 1
    headers = [t("common.region", lang), t("common.value", lang)]
    headers += [t("regions.per_capita", lang), t("regions.population_used", lang)] if per_capita else []
    headers += [] if shared else [t("common.source_label", lang)]
    ordered = rows.sort_values("value", ascending=False).itertuples()
    body = [
        html.Tr([html.Td(html.Div(c), **{"data-label": h}) for h, c in zip(headers, cells, strict=True)])
        for cells in (_table_row(row, per_capita, not shared, lang) for row in ordered)
    ]
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in headers]))
    table = dbc.Table([head, html.Tbody(body)], className="rm-stack", size="sm", hover=True)
    notes = [_sources_line(t("common.source_label", lang), rows["source"])] if shared and len(rows) else []
    if per_capita:
        notes.append(_sources_line(t("regions.population_used", lang), rows["population_source"]))
    return html.Div([html.Div(table, className="table-responsive"), *notes], className="regions-table")


@callback(
    Output(PERIOD_ID, "options"),
    Output(PERIOD_ID, "value"),
    Output(BREAKDOWN_ID, "options"),
    Output(BREAKDOWN_ID, "value"),
    Output(BREAKDOWN_BOX, "hidden"),
    Output(PER_CAPITA_ID, "options"),
    Output(PER_CAPITA_ID, "value"),
    Input(INDICATOR_ID, "value"),
    Input(PERIOD_ID, "value"),
    State(BREAKDOWN_ID, "value"),
    State(PER_CAPITA_ID, "value"),
    State(LANG_ID, "data"),
)
def update_choices(
    indicator: str | None, period: str | None, breakdown: str | None, per_capita: list | None, lang: str
):
    """Period, breakdown and per-capita choices that exist for the chosen indicator."""
    view, periods, breakdowns = choose(indicator, period, breakdown, bool(per_capita), lang)
    switch = _switch_options(view.indicator, lang)
    return (
        periods,
        view.period,
        breakdowns,
        view.breakdown or TOTAL,
        len(breakdowns) < 2,
        switch,
        ["1"] if view.per_capita else [],
    )


def _switch_options(indicator: str, lang: str) -> list[dict]:
    return [
        {"label": t("regions.per_capita", lang), "value": "1", "disabled": not per_capita_allowed(indicator)}
    ]


@callback(
    Output(BARS_BOX, "children"),
    Output(MAP_BOX, "children"),
    Output(TABLE_BOX, "children"),
    Output(HIGHLIGHT_ID, "options"),
    Output(HIGHLIGHT_ID, "value"),
    Input(INDICATOR_ID, "value"),
    Input(PERIOD_ID, "value"),
    Input(BREAKDOWN_ID, "value"),
    Input(HIGHLIGHT_ID, "value"),
    Input(PER_CAPITA_ID, "value"),
    State(LANG_ID, "data"),
)
def render(
    indicator: str | None,
    period: str | None,
    breakdown: str | None,
    highlight: str | None,
    per_capita: list | None,
    lang: str,
):
    lang = normalise_lang(lang)
    found = comparison(indicator, period, breakdown, highlight, bool(per_capita), lang)
    if found is None:
        empty = dbc.Alert(
            [t("regions.no_indicators", lang), " ", html.Code(NO_INDICATORS_COMMAND)], color="info"
        )
        return empty, None, None, [], None
    missing = ", ".join(found.missing)
    notes = (
        [html.P(t("regions.no_population", lang, regions=missing), className="small text-muted")]
        if missing
        else []
    )
    bars = [bars_card(found, lang), *notes]
    table = table_part(found.rows, found.view.per_capita, lang)
    return bars, map_part(found, lang), table, found.regions, found.view.highlight


url_sync(
    URL_ID,
    {
        name: (control, "value")
        for name, control in (
            ("indicator", INDICATOR_ID),
            ("period", PERIOD_ID),
            ("breakdown", BREAKDOWN_ID),
            ("highlight", HIGHLIGHT_ID),
            ("percapita", PER_CAPITA_ID),
        )
    },
)


def _field(control_id: str, label: str, control, **widths: int) -> dbc.Col:
    label_ = dbc.Label(label, html_for=control_id, className="fw-semibold small mb-1")
    return dbc.Col([label_, control], xs=12, className="mb-2", **widths)


def _controls(view: View, periods: list, breakdowns: list, regions: list, lang: str) -> dbc.Card:
    def dropdown(control_id: str, options: list, value: str | None) -> dcc.Dropdown:
        return dcc.Dropdown(id=control_id, options=options, value=value or None, clearable=False)

    indicators = indicator_options(lang)
    top = [
        _field(
            INDICATOR_ID,
            t("common.indicator", lang),
            dropdown(INDICATOR_ID, indicators, view.indicator),
            lg=5,
        ),
        _field(PERIOD_ID, t("common.period", lang), dropdown(PERIOD_ID, periods, view.period), md=6, lg=4),
        _field(
            HIGHLIGHT_ID,
            t("regions.highlight", lang),
            dropdown(HIGHLIGHT_ID, regions, view.highlight),
            md=6,
            lg=3,
        ),
    ]
    chosen = view.breakdown or TOTAL
    breakdown = html.Div(
        [
            dbc.Label(t("common.breakdown", lang), html_for=BREAKDOWN_ID, className="fw-semibold small mb-1"),
            dropdown(BREAKDOWN_ID, breakdowns, chosen),
        ],
        id=BREAKDOWN_BOX,
        hidden=len(breakdowns) < 2,
        className="col-12 col-lg-5 mb-2",
    )
    switch = dbc.Checklist(
        id=PER_CAPITA_ID,
        options=_switch_options(view.indicator, lang),
        value=["1"] if view.per_capita else [],
        switch=True,
    )
    help_text = html.Small(t("regions.per_capita_help", lang), className="text-muted d-block")
    return dbc.Card(
        dbc.CardBody([dbc.Row(top), dbc.Row([breakdown, dbc.Col([switch, help_text], xs=12, lg=7)])]),
        className="regions-controls mb-3",
    )


def layout(
    lang: str = "en",
    indicator: str | None = None,
    period: str | None = None,
    breakdown: str | None = None,
    highlight: str | None = None,
    percapita: str | None = None,
    **_query: str,
) -> html.Div:
    lang = normalise_lang(lang)
    view, periods, breakdowns = choose(indicator, period, breakdown, percapita == "1", lang)
    per_capita = ["1"] if view.per_capita else []
    bars, map_, table, regions, highlight = render(
        view.indicator, view.period, view.breakdown or TOTAL, highlight, per_capita, lang
    )
    return html.Div(
        [
            html.H1(t("regions.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("regions.lead", lang), className="text-muted"),
            _controls(view._replace(highlight=highlight or ""), periods, breakdowns, regions, lang),
            html.Div(bars, id=BARS_BOX),
            dbc.Row(
                [
                    dbc.Col(html.Div(map_, id=MAP_BOX), xs=12, lg=7),
                    dbc.Col(html.Div(table, id=TABLE_BOX), xs=12, lg=5),
                ]
            ),
            dcc.Store(id=LANG_ID, data=lang),
            dcc.Store(id=URL_ID),
        ],
        className="regions-page",
    )
