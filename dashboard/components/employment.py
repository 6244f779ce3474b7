"""Parts of /employment: the chart cards, official number cards, and the tables of disagreeing
sources and growth rates (each cell carries its column name, so phones stack rows as cards)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import data
from dashboard.charts import employment as named
from dashboard.components.chart import chart_card
from dashboard.components.regions import kind_label
from dashboard.data import employment as model
from dashboard.data.cache import cached
from dashboard.data.employment import JobsView
from dashboard.figures.theme import text_of
from dashboard.i18n import current, format_date, format_period, format_value, localized_href, t, tn

GRAPH, OFFICIAL_GRAPH = "employment-graph", "employment-official-graph"
# Each section is built once per view, language, day and data version: Dash only reads components.
section = cached(named.page_version, budget=8 * 1024 * 1024)
COLUMNS = ("employment.series_col", "common.period", "common.value", "common.source_label", "common.note")
GROWTH_COLUMNS = (
    "employment.series_col",
    "common.period",
    "employment.change",
    "common.source_label",
    "common.note",
)


def _value(row: dict) -> str:
    return format_value(float(row["value"]), str(row["unit"]), qualifier=text_of(row.get("qualifier")))


def source_cell(row: dict, published: bool = False) -> list:
    """The publisher, linked, its kind, and (if asked) when it published."""
    kind = str(row.get("source_kind") or "")
    marked = "employment-kind secondary" if kind == "secondary" else "employment-kind"
    cell: list = [
        html.A(
            str(row["publisher"]),
            href=str(row["source_url"]),
            title=str(row["source_title"]),
            target="_blank",
            rel="noopener",
        )
    ]
    if kind:
        cell += [" ", html.Span(f"({kind_label(kind)})", className=marked)]
    when = str(row.get("published") or "") if published else ""
    if when:
        shown = format_date(when) if len(when) == 10 else format_period(when)
        cell += [html.Br(), html.Small(f"{t('employment.published')} {shown}")]
    return cell


def table(header_keys: tuple[str, ...], body: list[list]) -> html.Div:
    header = [t(key) for key in header_keys]
    head = html.Thead(html.Tr([html.Th(text, scope="col") for text in header]))
    rows = [
        html.Tr([html.Td(html.Div(c), **{"data-label": h}) for h, c in zip(header, row, strict=True)])
        for row in body
    ]
    return html.Div(
        dbc.Table([head, html.Tbody(rows)], size="sm", className="employment-table"),
        className="table-responsive",
    )


def no_population(region: str) -> dbc.Alert:
    return dbc.Alert(named.no_population_text(region), color="info", className="employment-empty")


def breaks_note(view: JobsView) -> html.P | None:
    marks = model.breaks(model.jobs_indicator(), view.region, tuple(model.slug(tok) for tok in view.tokens))
    if not marks:
        return None
    return html.P(
        [html.Strong(f"{t('employment.breaks')} "), "; ".join(text for _, text in marks)],
        className="small text-muted employment-breaks",
    )


@section
def jobs_chart(view: JobsView) -> list:
    """The jobs chart card with its export bar (an empty chart asks for a series; no bar then)."""
    output = named.page_jobs(view)
    if output is None:
        return [no_population(view.region)]
    chart = named.JOBS if view.tokens else None
    card = chart_card(GRAPH, output.figure, current(), output.filename, chart=chart, citation=output.citation)
    note = breaks_note(view) if view.tokens else None
    return [card, *([note] if note else [])]


def number_cards(cards: pd.DataFrame) -> dbc.Row:
    """A figure that stands alone (one period) is a number, not a chart."""
    items = []
    for row in cards.sort_values(["indicator", "breakdown"]).to_dict("records"):  # configured series
        name = data.label("indicators", str(row["indicator"]))
        if row["breakdown"]:
            name = f"{name}: {data.label('entities', str(row['breakdown']))}"
        body = [
            html.H3(name, className="employment-card-title"),
            html.P(
                [
                    html.Span(_value(row), className="employment-card-value"),
                    " ",
                    format_period(str(row["period"])),
                ]
            ),
            html.P([f"{t('common.source_label')}: ", *source_cell(row)], className="small mb-0"),
        ]
        items.append(
            dbc.Col(dbc.Card(dbc.CardBody(body), className="employment-card h-100"), xs=12, md=6, lg=4)
        )
    return dbc.Row(items, className="g-3 mb-3 employment-cards")


def latest_list(found: model.Official) -> html.Ul:
    """The latest figure of each charted official series in words, with its source."""
    items = []
    for indicator in found.charted:
        frame = found.rows[indicator]
        for breakdown, group in frame.groupby("breakdown", observed=True, sort=False):  # a few series
            row = group.sort_values("period_start").iloc[-1].to_dict()
            name = data.label("indicators", indicator)
            name = f"{name}: {data.label('entities', str(breakdown))}" if breakdown else name
            text = f"{name}: {_value(row)} ({format_period(str(row['period']))}), "
            items.append(html.Li([text, *source_cell(row)]))
    return html.Ul(items, className="employment-latest")


@section
def official_section(view: JobsView, asked: str | None) -> list:
    """A chart of the chosen official statistic, number cards for single figures, and what is missing."""
    found = model.official(view.region)
    parts: list = []
    if found.charted:
        output = named.page_official(view.region, view.measure, asked)
        if output is None:
            parts.append(no_population(view.region))
        else:
            parts.append(
                chart_card(
                    OFFICIAL_GRAPH,
                    output.figure,
                    current(),
                    output.filename,
                    height=420,
                    chart=named.OFFICIAL,
                    citation=output.citation,
                )
            )
    if len(found.cards):
        parts.append(number_cards(found.cards))
    if found.charted:
        parts.append(latest_list(found))
    region = data.label("regions", view.region)
    absent = [slug for slug in found.missing if slug not in found.unloaded]
    for key, slugs in (
        ("employment.official_unloaded", found.unloaded),
        ("employment.official_missing", absent),
    ):
        if slugs:
            names = ", ".join(data.label("indicators", slug) for slug in slugs)
            parts.append(html.P(t(key, names=names, region=region), className="employment-note"))
    return parts


@section
def conflicts_table(region: str) -> html.Div:
    found = model.conflicts(region)
    intro = html.P(t("employment.conflicts_intro", preferred=found.preferred))
    if found.rows.empty:
        return html.Div([intro, html.P(t("employment.no_conflicts"))])
    badge = dbc.Badge(t("employment.headline"), color="primary", className="ms-1")
    body = [
        [
            model.series_label(str(row["breakdown"]) or model.TOTAL),
            format_period(str(row["period"])),
            [html.Strong(_value(row)), badge] if row["headline"] else _value(row),
            source_cell(row, published=True),
            str(row["note"]),
        ]
        for row in found.rows.to_dict("records")  # at most CONFLICT_PERIODS periods
    ]
    parts = [intro, table(COLUMNS, body)]
    if found.total > found.shown:
        link = html.A(
            t("employment.conflicts_all"),
            href=localized_href(f"/data?indicator={model.jobs_indicator()}&region={region}"),
        )
        more = tn("employment.conflicts_more", found.total - found.shown)
        parts.append(html.P([more, " ", link], className="small text-muted"))
    return html.Div(parts)


@section
def growth_table(region: str) -> html.Div:
    rows, total = model.growth(region)
    if rows.empty:
        return html.P(t("employment.no_growth"))
    body = [
        [
            model.series_label(str(row["breakdown"]) or model.TOTAL),
            format_period(str(row["period"])),
            ("+" if row["value"] > 0 else "") + _value(row),
            source_cell(row),
            str(row["note"]),
        ]
        for row in rows.to_dict("records")  # at most GROWTH_ROWS
    ]
    parts = [table(GROWTH_COLUMNS, body)]
    if total > len(rows):
        parts.append(html.P(tn("employment.growth_more", total - len(rows)), className="small text-muted"))
    return html.Div(parts)


@section
def definitions() -> html.Section:
    items = [part for name, text in model.definitions() for part in (html.Dt(name), html.Dd(text))]
    return html.Section([html.H2(t("employment.definitions"), className="h5"), html.Dl(items)])
