"""/clusters: Silicon Saxony members, Smart Systems Hub partners, events, and a profile per cluster or hub."""

from __future__ import annotations

from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.charts.context import chart_context
from dashboard.components.chart import chart_card
from dashboard.components.kpi import kpi_card
from dashboard.components.source import source_link
from dashboard.data import headline_rows
from dashboard.figures import timeseries
from dashboard.figures.legend import inside_legend
from dashboard.i18n import format_period, format_value, normalise_lang, status_label, t

dash.register_page(__name__, path="/clusters", title="Regiometer: clusters", order=3)


MEMBERS, FOUNDING, PARTNERS = "cluster.members", "cluster.founding_members", "cluster.partners"
LOCATIONS, PARTICIPANTS, FOUNDED = "cluster.hub_locations", "cluster.event_participants", "cluster.founded"
FIGURE_ORDER = (MEMBERS, PARTNERS, LOCATIONS, FOUNDING)
PROFILE_KINDS = ("cluster", "hub", "initiative")
ACTUAL = ("actual", "provisional", "estimate")
REPORTED = (*ACTUAL, "announcement")  # profile cards also list announced funding, marked as such
MEMBERS_GRAPH, EVENTS_GRAPH = "clusters-members-graph", "clusters-events-graph"


def headline(frame: pd.DataFrame, statuses: tuple[str, ...] = ACTUAL) -> pd.DataFrame:
    return headline_rows(frame, statuses)


def kpi_row(lang: str) -> dbc.Row:
    cards = [
        kpi_card(
            f"clusters-kpi-{card.key}",
            card.title.get(lang),
            headline(data.series(card.indicator, breakdown=card.breakdown)),
            lang,
        )
        for card in data.pack().cluster_cards
    ]
    return dbc.Row([dbc.Col(card, xs=12, sm=6, lg=True, className="mb-3") for card in cards])


def _span_name(rows: pd.DataFrame) -> str:
    years = rows["period"].astype(str).str[:4]
    return f"{years.min()}-{years.max()}" if not rows.empty else ""


@charts.register("clusters-members")
def members_output(lang: str, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """Members by year, with the founding members of 2000 as the first point (page, /export, /embed)."""
    cluster = data.pack().cluster_members
    members = headline(data.series(MEMBERS, breakdown=cluster))
    founding = headline(data.series(FOUNDING, breakdown=cluster))
    rows = pd.concat([members, founding.assign(unit="members")]) if not founding.empty else members
    span = f"{members['period'].min()}–{members['period'].max()}" if not members.empty else ""
    count = format_value(float(founding["value"].iloc[0]), "count", lang) if not founding.empty else "–"
    subtitle = t("clusters.members_subtitle", lang, span=span, count=count)
    labels = {MEMBERS: t("clusters.members", lang), FOUNDING: t("clusters.founding", lang)}
    title = t("clusters.members_title", lang, cluster=data.label("entities", cluster, lang))
    figure = inside_legend(
        timeseries(rows, chart_context(lang, title, subtitle), by="indicator", labels=labels), 420
    )
    name = citation.filename(f"{cluster}-members", _span_name(rows))
    return charts.ChartOutput(figure, rows, name, title, citation.citation(rows, title, lang))


@charts.register("clusters-events")
def events_output(lang: str, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """Participants per event and year; years without a reported figure are joined by the line."""
    rows = headline(data.series(PARTICIPANTS))
    labels = {str(slug): data.label("entities", str(slug), lang) for slug in rows["breakdown"].unique()}
    title = t("clusters.events_title", lang)
    ctx = chart_context(lang, title, t("clusters.events_subtitle", lang))
    figure = inside_legend(timeseries(rows, ctx, by="breakdown", labels=labels), 420)
    name = citation.filename("cluster-event-participants", _span_name(rows))
    return charts.ChartOutput(figure, rows, name, title, citation.citation(rows, title, lang))


def _card(graph_id: str, chart: str, output: charts.ChartOutput, lang: str) -> html.Figure:
    return chart_card(
        graph_id, output.figure, lang, output.filename, 420, chart=chart, citation=output.citation
    )


def members_chart(lang: str) -> html.Figure:
    return _card(MEMBERS_GRAPH, "clusters-members", members_output(lang), lang)


def events_chart(lang: str) -> html.Figure:
    return _card(EVENTS_GRAPH, "clusters-events", events_output(lang), lang)


def _observations(slugs: list[str]) -> pd.DataFrame:
    """All current observations about these entities (any region), newest first."""
    frame = data.snapshot().observations
    return frame[frame["breakdown"].astype(str).isin(slugs)].sort_values("period_start", ascending=False)


def _founded(entity: dict, rows: pd.DataFrame, lang: str) -> list | None:
    """The founding year: a sourced observation (year founded, else the founding members' year) if there
    is one, else the catalogue entry."""
    mine = rows[rows["breakdown"] == entity["slug"]]
    for indicator, year in ((FOUNDED, lambda row: row["value"]), (FOUNDING, lambda row: row["period"])):
        observed = mine[mine["indicator"] == indicator]
        if not observed.empty:
            row = observed.iloc[0]
            return [str(year(row))[:4].split(".")[0], " (", source_link(row), ")"]
    return [str(entity["founded"])] if entity.get("founded") else None


def _rank(indicator: str) -> int:
    return FIGURE_ORDER.index(indicator) if indicator in FIGURE_ORDER else len(FIGURE_ORDER)


def _figure_items(slug: str, rows: pd.DataFrame, lang: str) -> list[html.Li]:
    """The latest headline value of each indicator about the entity, then about its events."""
    figures = rows[rows["indicator"] != FOUNDED]
    groups = figures.groupby(["indicator", "breakdown"], observed=True)
    items = []
    for indicator, breakdown in sorted(
        groups.groups, key=lambda key: (key[1] != slug, _rank(str(key[0])), key[0])
    ):
        latest = headline(groups.get_group((indicator, breakdown)), REPORTED).iloc[-1:]
        if not latest.empty:
            items.append(_figure_item(slug, str(indicator), str(breakdown), latest.iloc[0], lang))
    return items


def _figure_item(slug: str, indicator: str, breakdown: str, row: pd.Series, lang: str) -> html.Li:
    name = data.label("indicators", indicator, lang)
    if breakdown != slug:
        name = f"{data.label('entities', breakdown, lang)}: {name}"
    value = format_value(float(row["value"]), str(row["unit"]), lang, str(row["qualifier"]), with_unit=True)
    period = format_period(str(row["period"]), lang)
    if row["status"] not in ACTUAL:
        period = f"{period}, {status_label(str(row['status']), lang)}"
    return html.Li(
        [html.Span(name, className="clusters-figure-name"), f": {value} ({period}), ", source_link(row)]
    )


def _sources(rows: pd.DataFrame, lang: str) -> html.Details | None:
    unique = rows.drop_duplicates("source")
    if unique.empty:
        return None
    links = [html.Li([source_link(row), f": {row['source_title']}"]) for _, row in unique.iterrows()]
    return html.Details(
        [html.Summary(t("clusters.sources_used", lang, count=len(links))), html.Ul(links, className="small")]
    )


def _facts(entity: dict, rows: pd.DataFrame, lang: str) -> html.Dl:
    catalog = data.catalog()
    items: list = []
    founded = _founded(entity, rows, lang)
    if founded:
        items += [html.Dt(t("clusters.founded", lang)), html.Dd(founded)]
    parent = catalog.entities.get(entity.get("parent", ""))
    if parent:
        items += [html.Dt(t("clusters.part_of", lang)), html.Dd(data.label("entities", parent["slug"], lang))]
    if entity.get("website"):
        link = html.A(entity["website"].split("//")[-1], href=entity["website"], target="_blank")
        items += [html.Dt(t("clusters.website", lang)), html.Dd(link)]
    return html.Dl(items, className="clusters-facts")


def profile_card(entity: dict, lang: str) -> dbc.Card:
    catalog = data.catalog()
    slug = entity["slug"]
    events = [s for s, e in catalog.entities.items() if e.get("parent") == slug and e["kind"] == "event"]
    rows = _observations([slug, *events])
    figures = _figure_items(slug, rows, lang)
    body = [
        html.Div(t(f"clusters.kind.{entity['kind']}", lang), className="clusters-kind"),
        html.H3(data.label("entities", slug, lang), className="h5"),
        html.P(entity.get(f"description_{lang}") or entity.get("description_en", "")),
        _facts(entity, rows, lang),
        html.H4(t("clusters.figures", lang), className="h6"),
        html.Ul(figures, className="clusters-figures") if figures else html.P(t("clusters.no_figures", lang)),
        _sources(rows, lang),
    ]
    return dbc.Card(
        dbc.CardBody([part for part in body if part is not None]),
        id=f"clusters-profile-{slug}",
        className="clusters-profile h-100",
    )


def profiles(lang: str) -> dbc.Row:
    entities = [e for e in data.catalog().entities.values() if e["kind"] in PROFILE_KINDS]
    entities.sort(key=lambda e: (PROFILE_KINDS.index(e["kind"]), e["slug"]))
    return dbc.Row([dbc.Col(profile_card(e, lang), xs=12, md=6, lg=4, className="mb-3") for e in entities])


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    return html.Div(
        [
            html.H1(t("clusters.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("clusters.lead", lang), className="text-muted"),
            kpi_row(lang),
            members_chart(lang),
            events_chart(lang),
            html.P(t("clusters.events_gaps", lang), className="small text-muted"),
            html.H2(t("clusters.profiles", lang), className="h5 mt-3"),
            profiles(lang),
        ],
        className="clusters-page",
    )
