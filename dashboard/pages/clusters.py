"""/clusters: the pack's cluster cards, members over time, event participants and a profile of every
cluster, hub or initiative the pack names."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import data
from dashboard.charts import clusters as charts
from dashboard.components.chart import chart_card
from dashboard.components.kpi import kpi_card
from dashboard.components.pagecache import cached_page
from dashboard.components.source import source_link
from dashboard.data import clusters, kpi
from dashboard.data.clusters import Profile
from dashboard.i18n import current, format_period, format_value, localized_layout, status_label, t, tn
from etl.vocabulary import MEASURED

dash.register_page(
    __name__, path="/clusters", title=lambda: f"{t('clusters.heading')} – Regiometer", order=3, shared=True
)

MEMBERS_GRAPH, EVENTS_GRAPH = "clusters-members-graph", "clusters-events-graph"


def kpi_row() -> dbc.Row:
    cards = [kpi_card(f"clusters-kpi-{item.card.key}", item) for item in kpi.cluster_cards()]
    return dbc.Row([dbc.Col(card, xs=12, sm=6, lg=True, className="mb-3") for card in cards])


def chart(graph_id: str, name: str, output) -> html.Figure:
    return chart_card(
        graph_id,
        output.figure,
        current(),
        output.filename,
        charts.HEIGHT,
        chart=name,
        citation=output.citation,
    )


def _figure_item(slug: str, row) -> html.Li:
    name = data.label("indicators", str(row["indicator"]))
    if row["breakdown"] != slug:
        name = f"{data.label('entities', str(row['breakdown']))}: {name}"
    value = format_value(
        float(row["value"]), str(row["unit"]), qualifier=str(row["qualifier"] or ""), with_unit=True
    )
    period = format_period(str(row["period"]))
    if row["status"] not in MEASURED:
        period = f"{period}, {status_label(str(row['status']))}"
    return html.Li(
        [html.Span(name, className="clusters-figure-name"), f": {value} ({period}), ", source_link(row)]
    )


def _facts(item: Profile) -> html.Dl:
    facts: list = []
    if item.founded:
        source = [" (", source_link(item.founded_source), ")"] if item.founded_source is not None else []
        facts += [html.Dt(t("clusters.founded")), html.Dd([item.founded, *source])]
    if item.parent is not None:
        facts += [html.Dt(t("clusters.part_of")), html.Dd(data.label("entities", item.parent.slug))]
    if item.entity.website:
        link = html.A(item.entity.website.split("//")[-1], href=item.entity.website, target="_blank")
        facts += [html.Dt(t("clusters.website")), html.Dd(link)]
    return html.Dl(facts, className="clusters-facts")


def profile_card(item: Profile) -> dbc.Card:
    slug = item.entity.slug
    figures = [_figure_item(slug, row) for row in item.figures.to_dict("records")]
    sources = [
        html.Li([source_link(row), f": {row['source_title']}"]) for row in item.sources.to_dict("records")
    ]
    body = [
        html.Div(t(f"clusters.kind.{item.entity.kind}"), className="clusters-kind"),
        html.H3(data.label("entities", slug), className="h5"),
        html.P(item.entity.description(current())),
        _facts(item),
        html.H4(t("clusters.figures"), className="h6"),
        html.Ul(figures, className="clusters-figures") if figures else html.P(t("clusters.no_figures")),
        html.Details(
            [html.Summary(tn("clusters.sources_used", len(sources))), html.Ul(sources, className="small")]
        )
        if sources
        else None,
    ]
    return dbc.Card(
        dbc.CardBody([part for part in body if part is not None]),
        id=f"clusters-profile-{slug}",
        className="clusters-profile h-100",
    )


@cached_page
def page() -> html.Div:
    profiles = [
        dbc.Col(profile_card(item), xs=12, md=6, lg=4, className="mb-3") for item in clusters.profiles()
    ]
    return html.Div(
        [
            html.H1(t("clusters.heading"), className="h3 mt-3 mb-1"),
            html.P(t("clusters.lead"), className="text-muted"),
            kpi_row(),
            chart(MEMBERS_GRAPH, "clusters-members", charts.members_output()),
            chart(EVENTS_GRAPH, "clusters-events", charts.events_output()),
            html.P(t("clusters.events_gaps"), className="small text-muted"),
            html.H2(t("clusters.profiles"), className="h5 mt-3"),
            dbc.Row(profiles),
        ],
        className="clusters-page",
    )


@localized_layout
def layout(**_query: str) -> dict:
    return page.plain()  # the cached tree in the JSON form Dash sends
