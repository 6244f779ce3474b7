"""/employment: jobs by sector, per inhabitant, next to official statistics, with disagreeing sources."""

from __future__ import annotations

import re

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.components.chart import chart_card
from dashboard.components.source import source_link
from dashboard.components.urlstate import split_list, url_sync
from dashboard.data import chart_context, headline_rows
from dashboard.figures import empty_figure, timeseries
from dashboard.figures.legend import inside_legend
from dashboard.i18n import format_date, format_period, format_value, normalise_lang, register, t

dash.register_page(__name__, path="/employment", title="Regiometer: employment", order=1)

register(
    {
        "employment.heading": {"en": "Employment", "de": "Beschäftigung"},
        "employment.lead": {
            "en": "People working in Saxony's microelectronics/ICT sector by field, per inhabitant and "
            "next to official statistics. Where sources disagree, both figures are shown.",
            "de": "Beschäftigte der sächsischen Mikroelektronik- und IKT-Branche nach Bereichen, je "
            "Einwohner und neben der amtlichen Statistik. Wo Quellen voneinander abweichen, stehen "
            "beide Zahlen nebeneinander.",
        },
        "employment.series": {"en": "Series", "de": "Reihen"},
        "employment.series_col": {"en": "Series", "de": "Reihe"},
        "employment.measure": {"en": "Measure", "de": "Maß"},
        "employment.absolute": {"en": "absolute", "de": "absolut"},
        "employment.total": {"en": "All microelectronics/ICT", "de": "Mikroelektronik/IKT gesamt"},
        "employment.title": {"en": "{indicator}, {region}", "de": "{indicator}, {region}"},
        "employment.pick_series": {
            "en": "Select at least one series above.",
            "de": "Wählen Sie oben mindestens eine Reihe aus.",
        },
        "employment.per1000_subtitle": {
            "en": "Per 1,000 inhabitants; population of {years}",
            "de": "Je 1.000 Einwohner; Bevölkerung von {years}",
        },
        "employment.nearest": {
            "en": " (nearest available year for {years})",
            "de": " (für {years} das nächstgelegene verfügbare Jahr)",
        },
        "employment.no_population": {
            "en": "There are no population figures for {region}, so values per 1,000 inhabitants cannot "
            "be computed. Switch to absolute numbers, or load population data with "
            "'python -m etl run genesis eurostat'.",
            "de": "Für {region} liegen keine Bevölkerungszahlen vor, daher lassen sich keine Werte je "
            "1.000 Einwohner berechnen. Wechseln Sie zu absoluten Zahlen oder laden Sie "
            "Bevölkerungsdaten mit 'python -m etl run genesis eurostat'.",
        },
        "employment.official_heading": {"en": "Official statistics", "de": "Amtliche Statistik"},
        "employment.official_title": {
            "en": "Official employment statistics, {region}",
            "de": "Amtliche Beschäftigungsstatistik, {region}",
        },
        "employment.official_missing": {
            "en": "No figures yet for {names} in {region}. They come from the official statistics "
            "connectors; load them with 'python -m etl run genesis eurostat'.",
            "de": "Noch keine Zahlen für {names} in {region}. Sie stammen aus den Schnittstellen der "
            "amtlichen Statistik; laden Sie sie mit 'python -m etl run genesis eurostat'.",
        },
        "employment.conflicts_heading": {
            "en": "Where sources disagree",
            "de": "Wo Quellen voneinander abweichen",
        },
        "employment.conflicts_intro": {
            "en": "Periods for which more than one source gives a figure. The headline figure (used in "
            "the charts) comes from the indicator's preferred source, {preferred}, otherwise from "
            "the most recently published source.",
            "de": "Zeiträume, für die mehr als eine Quelle eine Zahl nennt. Die Leitzahl (in den "
            "Diagrammen verwendet) stammt aus der bevorzugten Quelle des Indikators, {preferred}, "
            "sonst aus der zuletzt veröffentlichten Quelle.",
        },
        "employment.no_conflicts": {
            "en": "All sources agree for this region (no period has figures from two sources).",
            "de": "Für diese Region gibt es keine abweichenden Quellen (kein Zeitraum mit Zahlen aus zwei "
            "Quellen).",
        },
        "employment.headline": {"en": "headline figure", "de": "Leitzahl"},
        "employment.published": {"en": "published", "de": "veröffentlicht"},
        "employment.growth_heading": {"en": "Growth on the previous year", "de": "Wachstum zum Vorjahr"},
        "employment.no_growth": {
            "en": "No published growth rates for this region.",
            "de": "Keine veröffentlichten Wachstumsraten für diese Region.",
        },
        "employment.change": {"en": "Change", "de": "Veränderung"},
        "employment.definitions": {"en": "Definitions", "de": "Definitionen"},
    }
)

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


def population_by_year(region: str) -> pd.Series:
    """Population per calendar year (the last figure of a year wins), for per-1,000 ratios."""
    frame = headline_rows(data.series(POPULATION, region, ""))
    if frame.empty:
        return pd.Series(dtype=float)
    years = frame["period_start"].dt.year
    return frame.assign(_year=years).groupby("_year")["value"].last().astype(float)


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


def _filename(region: str, what: str, rows: pd.DataFrame, per1000: bool) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", data.label("regions", region, "en").split("(")[0].lower()).strip("-")
    span = (
        f"{rows['period'].astype(str).min()[:4]}-{rows['period'].astype(str).max()[:4]}" if len(rows) else ""
    )
    return "-".join(part for part in (name, what, span, "per-1000" if per1000 else "") if part)


def scaled(frame: pd.DataFrame, region: str, per1000: bool, lang: str) -> tuple[pd.DataFrame, str] | None:
    """(frame, subtitle) in the chosen measure; None when per 1,000 is asked but no population exists."""
    if not per1000:
        return frame, ""
    population = population_by_year(region)
    if population.empty:
        return None
    if frame.empty:
        return frame, ""
    frame, used = per_thousand(frame, population)
    return frame, per1000_subtitle(used, lang)


def no_population(region: str, lang: str) -> dbc.Alert:
    text = t("employment.no_population", lang, region=data.label("regions", region, lang))
    return dbc.Alert(text, color="info", className="employment-empty")


def jobs_chart(tokens: list[str], region: str, measure: str, lang: str) -> html.Div | dbc.Alert:
    per1000 = measure == "per1000"
    title = t(
        "employment.title",
        lang,
        indicator=data.label("indicators", JOBS, lang),
        region=data.label("regions", region, lang),
    )
    if not tokens:
        return chart_card(
            GRAPH,
            empty_figure(t("employment.pick_series", lang), chart_context(lang, title)),
            lang,
            "employment",
        )
    result = scaled(job_rows(region, tokens, per1000), region, per1000, lang)
    if result is None:
        return no_population(region, lang)
    rows, subtitle = result
    ctx = chart_context(lang, title, subtitle, t("common.per_1000", lang) if per1000 else "")
    labels = {_slug(tok): series_label(tok, lang) for tok in BREAKDOWNS}
    figure = inside_legend(timeseries(rows, ctx, by="breakdown", labels=labels))
    return chart_card(
        GRAPH, figure, lang, _filename(region, "microelectronics-ict-employment", rows, per1000)
    )


def official_section(region: str, measure: str, lang: str) -> list:
    """Official employment series for the region, or a note naming the command that loads them."""
    region_name = data.label("regions", region, lang)
    frames = {slug: headline_rows(data.series(slug, region, "")) for slug in OFFICIAL}
    missing = [data.label("indicators", slug, lang) for slug, frame in frames.items() if frame.empty]
    present = pd.concat([frame for frame in frames.values() if not frame.empty] or [pd.DataFrame()])
    parts: list = []
    result = scaled(present, region, measure == "per1000", lang) if not present.empty else ("", "")
    if result is None:
        parts.append(no_population(region, lang))
    elif not present.empty:
        rows, subtitle = result
        unit_label = t("common.per_1000", lang) if measure == "per1000" else ""
        ctx = chart_context(
            lang, t("employment.official_title", lang, region=region_name), subtitle, unit_label
        )
        labels = {slug: data.label("indicators", slug, lang) for slug in OFFICIAL}
        figure = inside_legend(timeseries(rows, ctx, by="indicator", labels=labels), 420)
        filename = _filename(region, "official-employment", rows, measure == "per1000")
        parts += [chart_card(OFFICIAL_GRAPH, figure, lang, filename, height=420), latest_list(present, lang)]
    if missing:
        note = t("employment.official_missing", lang, names=", ".join(missing), region=region_name)
        parts.append(html.P(note, className="employment-note"))
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
    published = str(data.snapshot().catalog.sources.get(str(row["source"]), {}).get("published", ""))
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
    catalog = data.snapshot().catalog
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
    catalog = data.snapshot().catalog
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
    codes = sorted(data.series(JOBS)["region"].astype(str).unique())
    return [{"label": data.label("regions", code, lang), "value": code} for code in codes]


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
    tokens = [tok for tok in split_list(breakdowns) if tok in BREAKDOWNS] or DEFAULT_BREAKDOWNS
    regions = [option["value"] for option in region_options(lang)]
    region = region if region in regions else DEFAULT_REGION
    measure = measure if measure in MEASURES else "abs"
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
