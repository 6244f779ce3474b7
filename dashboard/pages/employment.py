"""/employment: jobs by sector, per inhabitant, next to official statistics, with disagreeing sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.charts.context import chart_context
from dashboard.components.chart import chart_card
from dashboard.components.source import source_link
from dashboard.components.urlstate import split_list, url_sync
from dashboard.data import headline_rows
from dashboard.figures import empty_figure, timeseries
from dashboard.figures.legend import inside_legend
from dashboard.figures.theme import source_names
from dashboard.i18n import format_date, format_period, format_value, normalise_lang, t

dash.register_page(__name__, path="/employment", title="Regiometer: employment", order=1)


JOBS = "employment.ict_micro"
GROWTH = "employment.ict_micro_growth"
POPULATION = "context.population"
OFFICIAL = ("context.employees_social_insurance", "context.hightech_employment")
BREAKDOWNS = ("total", "software", "microelectronics", "semiconductors", "semiconductor-components")
DEFAULT_BREAKDOWNS = ["total", "software"]
DEFAULT_REGION = "DED"
MEASURES = ("abs", "per1000")
ACTUAL = ("actual", "provisional", "estimate")
COLUMNS = ("employment.series_col", "common.period", "common.value", "common.source_label", "common.note")

URL_STORE, LANG = "employment-url", "employment-lang"
SERIES, REGION, MEASURE = "employment-series", "employment-region", "employment-measure"
CHART_BOX, GRAPH = "employment-chart-box", "employment-graph"
OFFICIAL_BOX, OFFICIAL_GRAPH = "employment-official-box", "employment-official-graph"
CONFLICTS, GROWTH_BOX = "employment-conflicts", "employment-growth"


def _slug(token: str) -> str:
    """URL token -> breakdown ('total' stands for the empty breakdown, which cannot travel in a list)."""
    return "" if token == "total" else token


def series_label(token: str, lang: str) -> str:
    return t("employment.total", lang) if _slug(token) == "" else data.label("entities", token, lang)


def job_rows(region: str, tokens: list[str], per1000: bool) -> pd.DataFrame:
    """Headline actuals of the chosen series; targets only for absolute numbers (not per inhabitant)."""
    frame = data.series(JOBS, region)
    frame = frame[frame["breakdown"].astype(str).isin([_slug(tok) for tok in tokens])]
    actual = headline_rows(frame[frame["status"].isin(ACTUAL)])
    return actual if per1000 else pd.concat([actual, frame[frame["status"] == "target"]])


def population_rows(region: str) -> pd.DataFrame:
    """The population observation of each calendar year (the last figure of a year wins), by year."""
    frame = headline_rows(data.series(POPULATION, region, ""))
    years = frame["period_start"].dt.year.astype(int)
    return frame.assign(_year=years).drop_duplicates("_year", keep="last").set_index("_year")


def per_thousand(frame: pd.DataFrame, population: pd.Series) -> tuple[pd.DataFrame, dict[int, int]]:
    """Values per 1,000 inhabitants, each divided by the population of the nearest available year."""
    years = frame["period_start"].dt.year.astype(int)
    used = {year: min(population.index, key=lambda p: (abs(p - year), p)) for year in set(years)}
    divisor = years.map(lambda year: population[used[year]]).to_numpy()
    values = (frame["value"].to_numpy() / divisor * 1000).round(2)
    return frame.assign(value=values, unit=""), {int(k): int(v) for k, v in used.items()}


def per1000_subtitle(used: dict[int, int], lang: str) -> str:
    years = ", ".join(str(y) for y in sorted(set(used.values())))
    text = t("employment.per1000_subtitle", lang, years=years)
    substituted = sorted(year for year, pop in used.items() if year != pop)
    if substituted:
        text += t("employment.nearest", lang, years=", ".join(map(str, substituted)))
    return text


class Scaled(NamedTuple):
    """Observations in the chosen measure: what the chart plots, what its export holds, what it cites.
    (A NamedTuple: Dash executes page modules outside sys.modules, where dataclasses fail.)"""

    rows: pd.DataFrame  # plotted (per 1,000: unit '' so the axis shows plain ratios)
    subtitle: str
    data: pd.DataFrame  # as published; per 1,000 also value_per_1000 and the population used
    sources: pd.DataFrame  # every observation behind the plotted values (the population too)


def scaled(frame: pd.DataFrame, region: str, per1000: bool, lang: str) -> Scaled | None:
    """The chosen measure; None when per 1,000 is asked but no population exists."""
    if not per1000:
        return Scaled(frame, "", frame, frame)
    population = population_rows(region)
    if population.empty:
        return None
    if frame.empty:
        return Scaled(frame, "", frame, frame)
    rows, used = per_thousand(frame, population["value"].astype(float))
    chosen = population.loc[frame["period_start"].dt.year.astype(int).map(used)]
    export = frame.assign(  # as published, with the plotted ratio and the population it divides by
        value_per_1000=rows["value"].to_numpy(),
        population=chosen["value"].round().astype("int64").to_numpy(),  # persons: 4090000, not 4090000.0
        population_period=chosen["period"].astype(str).to_numpy(),
        population_source=chosen["source"].astype(str).to_numpy(),
    )
    sources = pd.concat([frame, population.loc[sorted(set(used.values()))].reset_index(drop=True)])
    return Scaled(rows, per1000_subtitle(used, lang), export, sources)


def no_population(region: str, lang: str) -> dbc.Alert:
    text = t("employment.no_population", lang, region=data.label("regions", region, lang))
    return dbc.Alert(text, color="info", className="employment-empty")


def region_codes() -> list[str]:
    return sorted(data.series(JOBS)["region"].astype(str).unique())


def view(breakdowns: str | None, region: str | None, measure: str | None) -> tuple[list[str], str, str]:
    """The view in the URL (series tokens, region, measure), with defaults for missing or unknown
    values: the page and its exports read the query string the same way."""
    tokens = [tok for tok in split_list(breakdowns) if tok in BREAKDOWNS] or DEFAULT_BREAKDOWNS
    region = region if region in region_codes() else DEFAULT_REGION
    return tokens, region, measure if measure in MEASURES else "abs"


def _query_view(query: Mapping[str, str]) -> tuple[list[str], str, str]:
    return view(query.get("breakdowns"), query.get("region"), query.get("measure"))


def _filename(region: str, what: str, rows: pd.DataFrame, per1000: bool) -> str:
    """saxony-ict-employment-by-field-2012-2023, saxony-software-employment-per-1000-2014-2023."""
    place = data.label("regions", region, "en").split("(")[0]
    return citation.filename(place, what, "per-1000" if per1000 else "", citation.period_span(rows))


def _jobs_what(tokens: list[str]) -> str:
    """What the series are, for file names: one series by name, several 'by field'."""
    if len(tokens) > 1:
        return "ict-employment-by-field"
    return "ict-employment" if _slug(tokens[0]) == "" else f"{tokens[0]}-employment"


def jobs_title(region: str, lang: str) -> str:
    return t(
        "employment.title",
        lang,
        indicator=data.label("indicators", JOBS, lang),
        region=data.label("regions", region, lang),
    )


def _empty(message: str, title: str, lang: str, name: str) -> charts.ChartOutput:
    figure = empty_figure(message, chart_context(lang, title))
    return charts.ChartOutput(figure, data.series(JOBS).iloc[0:0], name, title)


def jobs_output(tokens: list[str], region: str, measure: str, lang: str) -> charts.ChartOutput | None:
    """The jobs chart and the rows it shows; None when per 1,000 is asked and there is no population."""
    per1000 = measure == "per1000"
    title = jobs_title(region, lang)
    if not tokens:
        return _empty(t("employment.pick_series", lang), title, lang, "employment")
    result = scaled(job_rows(region, tokens, per1000), region, per1000, lang)
    if result is None:
        return None
    unit_label = t("common.per_1000", lang) if per1000 else ""
    ctx = chart_context(lang, title, result.subtitle, unit_label)
    # Per 1,000 the population is a source too, and the burned-in source line must say so.
    ctx = replace(ctx, source_line="; ".join(source_names(result.sources)))
    labels = {_slug(tok): series_label(tok, lang) for tok in BREAKDOWNS}
    figure = inside_legend(timeseries(result.rows, ctx, by="breakdown", labels=labels))
    actual = result.rows[result.rows["status"] != "target"]
    name = _filename(region, _jobs_what(tokens), actual, per1000)
    return charts.ChartOutput(
        figure, result.data, name, title, citation.citation(result.sources, title, lang)
    )


def _no_population_output(region: str, what: str, title: str, lang: str) -> charts.ChartOutput:
    """For /export and /embed, where the page would show the no-population note instead of a chart."""
    text = t("employment.no_population", lang, region=data.label("regions", region, lang))
    return _empty(text, title, lang, _filename(region, what, pd.DataFrame(), True))


@charts.register("employment-jobs")
def jobs_chart_output(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """/export and /embed: the jobs chart of the view in the query string."""
    tokens, region, measure = _query_view(query)
    output = jobs_output(tokens, region, measure, lang)
    if output is None:
        return _no_population_output(region, _jobs_what(tokens), jobs_title(region, lang), lang)
    return output


def jobs_chart(tokens: list[str], region: str, measure: str, lang: str) -> html.Figure | dbc.Alert:
    """The jobs chart card with its export bar (an empty chart asks for a series; no bar then)."""
    output = jobs_output(tokens, region, measure, lang)
    if output is None:
        return no_population(region, lang)
    chart = "employment-jobs" if tokens else None
    return chart_card(GRAPH, output.figure, lang, output.filename, chart=chart, citation=output.citation)


def official_rows(region: str) -> tuple[pd.DataFrame, list[str]]:
    """The headline official statistics of the region, and the indicators that have none."""
    frames = {slug: headline_rows(data.series(slug, region, "")) for slug in OFFICIAL}
    missing = [slug for slug, frame in frames.items() if frame.empty]
    present = pd.concat([frame for frame in frames.values() if not frame.empty] or [pd.DataFrame()])
    return present, missing


def official_title(region: str, lang: str) -> str:
    return t("employment.official_title", lang, region=data.label("regions", region, lang))


def official_output(region: str, measure: str, lang: str) -> charts.ChartOutput | None:
    """The official-statistics chart and the rows it shows; None when per 1,000 is asked and there is
    no population (without figures, an empty chart that names the command loading them)."""
    per1000 = measure == "per1000"
    title = official_title(region, lang)
    present, missing = official_rows(region)
    if present.empty:
        return _empty(
            _missing_note(region, missing, lang), title, lang, _official_name(region, present, per1000)
        )
    result = scaled(present, region, per1000, lang)
    if result is None:
        return None
    unit_label = t("common.per_1000", lang) if per1000 else ""
    ctx = chart_context(lang, title, result.subtitle, unit_label)
    # Per 1,000 the population is a source too, and the burned-in source line must say so.
    ctx = replace(ctx, source_line="; ".join(source_names(result.sources)))
    labels = {slug: data.label("indicators", slug, lang) for slug in OFFICIAL}
    figure = inside_legend(timeseries(result.rows, ctx, by="indicator", labels=labels), 420)
    name = _official_name(region, result.rows, per1000)
    return charts.ChartOutput(
        figure, result.data, name, title, citation.citation(result.sources, title, lang)
    )


def _official_name(region: str, rows: pd.DataFrame, per1000: bool) -> str:
    return _filename(region, "official-employment", rows, per1000)


def _missing_note(region: str, missing: list[str], lang: str) -> str:
    names = ", ".join(data.label("indicators", slug, lang) for slug in missing)
    return t("employment.official_missing", lang, names=names, region=data.label("regions", region, lang))


@charts.register("employment-official")
def official_chart_output(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """/export and /embed: the official-statistics chart of the view in the query string."""
    _, region, measure = _query_view(query)
    output = official_output(region, measure, lang)
    if output is None:
        return _no_population_output(region, "official-employment", official_title(region, lang), lang)
    return output


def official_section(region: str, measure: str, lang: str) -> list:
    """Official employment series for the region, or a note naming the command that loads them."""
    present, missing = official_rows(region)
    parts: list = []
    if not present.empty:
        output = official_output(region, measure, lang)
        if output is None:
            parts.append(no_population(region, lang))
        else:
            card = chart_card(
                OFFICIAL_GRAPH,
                output.figure,
                lang,
                output.filename,
                height=420,
                chart="employment-official",
                citation=output.citation,
            )
            parts += [card, latest_list(present, lang)]
    if missing:
        parts.append(html.P(_missing_note(region, missing, lang), className="employment-note"))
    return parts


def latest_list(frame: pd.DataFrame, lang: str) -> html.Ul:
    """The latest value of each indicator in words, with its source link."""
    items = [
        html.Li(
            [
                f"{data.label('indicators', str(slug), lang)}: {_value(group.iloc[-1], lang)} "
                f"({format_period(str(group.iloc[-1]['period']), lang)}), ",
                source_link(group.iloc[-1]),
            ]
        )
        for slug, group in frame.sort_values("period_start").groupby("indicator", observed=True)
    ]
    return html.Ul(items, className="employment-latest")


def _table(header_keys: tuple[str, ...], body: list[list], lang: str) -> html.Div:
    """A table whose cells carry their column name, so phones can stack each row as a card."""
    header = [t(key, lang) for key in header_keys]
    head = html.Thead(html.Tr([html.Th(text, scope="col") for text in header]))
    rows = [
        html.Tr([html.Td(html.Div(c), **{"data-label": h}) for h, c in zip(header, row, strict=True)])
        for row in body
    ]
    table = dbc.Table([head, html.Tbody(rows)], size="sm", className="employment-table")
    return html.Div(table, className="table-responsive")


def _value(row: pd.Series, lang: str) -> str:
    return format_value(float(row["value"]), str(row["unit"]), lang, str(row["qualifier"]))


def _source_cell(row: pd.Series, lang: str) -> list:
    published = str(data.catalog().sources.get(str(row["source"]), {}).get("published", ""))
    if not published:
        return [source_link(row)]
    when = format_date(published, lang) if len(published) == 10 else format_period(published, lang)
    return [source_link(row), html.Br(), html.Small(f"{t('employment.published', lang)} {when}")]


def _ordered(frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """Rows in the order of the series list, then by period."""
    order = frame["breakdown"].astype(str).map({_slug(tok): i for i, tok in enumerate(BREAKDOWNS)})
    return frame.assign(_order=order).sort_values(["_order", "period", *extra])


def conflicts_table(region: str, lang: str) -> html.Div:
    frame = data.series(JOBS, region)
    frame = frame[frame["status"].isin(ACTUAL)]
    counts = frame.groupby(["breakdown", "period"], observed=True)["source"].transform("nunique")
    frame = frame[counts > 1]
    catalog = data.catalog()
    preferred = catalog.sources[catalog.indicators[JOBS]["preferred_source"]]["publisher"]
    intro = html.P(t("employment.conflicts_intro", lang, preferred=preferred))
    if frame.empty:
        return html.Div([intro, html.P(t("employment.no_conflicts", lang))])
    chosen = set(headline_rows(frame).index)
    badge = dbc.Badge(t("employment.headline", lang), color="primary", className="ms-1")
    body = [
        [
            series_label(str(row["breakdown"]) or "total", lang),
            format_period(str(row["period"]), lang),
            [html.Strong(_value(row, lang)), badge] if index in chosen else _value(row, lang),
            _source_cell(row, lang),
            str(row["note"]),
        ]
        for index, row in _ordered(frame.assign(_other=~frame.index.isin(chosen)), "_other").iterrows()
    ]
    return html.Div([intro, _table(COLUMNS, body, lang)])


def growth_table(region: str, lang: str) -> html.Div:
    frame = headline_rows(data.series(GROWTH, region))
    if frame.empty:
        return html.P(t("employment.no_growth", lang))
    body = [
        [
            series_label(str(row["breakdown"]) or "total", lang),
            format_period(str(row["period"]), lang),
            ("+" if row["value"] > 0 else "") + _value(row, lang),
            source_link(row),
            str(row["note"]),
        ]
        for _, row in _ordered(frame).iterrows()
    ]
    return _table(
        ("employment.series_col", "common.period", "employment.change", "common.source_label", "common.note"),
        body,
        lang,
    )


def definitions(lang: str) -> html.Section:
    catalog = data.catalog()
    items = []
    for slug in (JOBS, GROWTH):
        items += [
            html.Dt(data.label("indicators", slug, lang)),
            html.Dd(catalog.indicators[slug][f"description_{lang}"]),
        ]
    for token in BREAKDOWNS[1:]:
        entity = catalog.entities.get(token, {})
        items += [html.Dt(series_label(token, lang)), html.Dd(entity.get(f"description_{lang}", ""))]
    return html.Section([html.H2(t("employment.definitions", lang), className="h5"), html.Dl(items)])


def region_options(lang: str) -> list[dict]:
    return [{"label": data.label("regions", code, lang), "value": code} for code in region_codes()]


def _controls(lang: str, tokens: list[str], region: str, measure: str) -> dbc.Row:
    series = dbc.Checklist(
        id=SERIES,
        value=tokens,
        inline=True,
        options=[{"label": series_label(tok, lang), "value": tok} for tok in BREAKDOWNS],
    )
    measures = dbc.RadioItems(
        id=MEASURE,
        value=measure,
        inline=True,
        options=[
            {"label": t("employment.absolute", lang), "value": "abs"},
            {"label": t("common.per_1000", lang), "value": "per1000"},
        ],
    )
    return dbc.Row(
        [
            dbc.Col(html.Fieldset([html.Legend(t("employment.series", lang)), series]), xs=12, lg=6),
            dbc.Col(
                [
                    dbc.Label(t("common.region", lang), html_for=REGION),
                    dbc.Select(id=REGION, value=region, options=region_options(lang)),
                ],
                xs=12,
                sm=6,
                lg=3,
            ),
            dbc.Col(html.Fieldset([html.Legend(t("employment.measure", lang)), measures]), xs=12, sm=6, lg=3),
        ],
        className="employment-controls g-3 mb-3",
    )


def layout(lang: str = "en", breakdowns: str = "", region: str = "", measure: str = "", **_query: str):
    lang = normalise_lang(lang)
    tokens, region, measure = view(breakdowns, region, measure)
    return html.Div(
        [
            dcc.Store(id=LANG, data=lang),
            dcc.Store(id=URL_STORE),
            html.H1(t("employment.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("employment.lead", lang), className="text-muted"),
            _controls(lang, tokens, region, measure),
            html.Div(jobs_chart(tokens, region, measure, lang), id=CHART_BOX),
            html.H2(t("employment.official_heading", lang), className="h5 mt-4"),
            html.Div(official_section(region, measure, lang), id=OFFICIAL_BOX),
            html.H2(t("employment.conflicts_heading", lang), className="h5 mt-4"),
            html.Div(conflicts_table(region, lang), id=CONFLICTS),
            html.H2(t("employment.growth_heading", lang), className="h5 mt-4"),
            html.Div(growth_table(region, lang), id=GROWTH_BOX),
            definitions(lang),
        ],
        className="employment-page",
    )


# Registered once at import; the layout places a store with the same id.
url_sync(
    URL_STORE, {"breakdowns": (SERIES, "value"), "region": (REGION, "value"), "measure": (MEASURE, "value")}
)


@callback(
    Output(CHART_BOX, "children"),
    Input(SERIES, "value"),
    Input(REGION, "value"),
    Input(MEASURE, "value"),
    State(LANG, "data"),
    prevent_initial_call=True,
)
def update_chart(tokens: list[str] | None, region: str, measure: str, lang: str):
    return jobs_chart(
        [tok for tok in BREAKDOWNS if tok in (tokens or [])], region, measure, normalise_lang(lang)
    )


@callback(
    Output(OFFICIAL_BOX, "children"),
    Output(CONFLICTS, "children"),
    Output(GROWTH_BOX, "children"),
    Input(REGION, "value"),
    Input(MEASURE, "value"),
    State(LANG, "data"),
    prevent_initial_call=True,
)
def update_region(region: str, measure: str, lang: str):
    lang = normalise_lang(lang)
    return official_section(region, measure, lang), conflicts_table(region, lang), growth_table(region, lang)
