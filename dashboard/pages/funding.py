"""/funding: investments and funding decisions as a timeline, jobs announced, the newest events, totals
that never add overlapping figures, and EU programme money (dashboard.data.funding holds the rules)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard.charts import funding as charts
from dashboard.components import funding as parts
from dashboard.components import space
from dashboard.components.chart import chart_card
from dashboard.components.controls import field, options
from dashboard.components.urlstate import url_sync
from dashboard.data import funding
from dashboard.data.funding import FundingView
from dashboard.i18n import current, localized_layout, t

dash.register_page(
    __name__,
    path="/funding",
    order=2,
    shared=True,
    validation_layout=lambda: html.Div(below_parts(FundingView())),
)

TYPES_ID, SCOPE_ID, ENTITY_ID, TOTAL_ID = "funding-types", "funding-scope", "funding-entity", "funding-total"
INFO_BOX, TIMELINE_BOX, JOBS_BOX = "funding-entity-info", "funding-timeline-box", "funding-jobs-box"
TABLE_BOX, TOTALS_BOX, EU_BOX = "funding-table-box", "funding-totals-box", "funding-eu"
BELOW, VIEW_STORE = "funding-below", "funding-view"
TIMELINE_GRAPH, JOBS_GRAPH = "funding-timeline", "funding-jobs-graph"
TOTALS_GRAPH, EU_GRAPH = "funding-totals-graph", "funding-eu-graph"
URL_STORE = url_sync(
    "funding-url",
    {"types": (TYPES_ID, "value"), "scope": (SCOPE_ID, "value"), "entity": (ENTITY_ID, "value")},
)
TOTAL_URL_STORE = url_sync("funding-url-total", {"total": (TOTAL_ID, "value")})  # under the timeline


def _card(graph_id: str, output: charts.PageChart, chart: str) -> html.Figure:
    height = int(output.figure.layout.height or 420)
    return chart_card(
        graph_id,
        output.figure,
        current(),
        output.filename,
        height=height,
        chart=chart,
        citation=output.citation,
    )


def timeline_part(view: FundingView) -> html.Figure:
    return _card(TIMELINE_GRAPH, charts.page_chart(charts.TIMELINE, view), charts.TIMELINE)


def jobs_part(view: FundingView) -> list:
    """Jobs announced, apart from the money: shown when the reader ticks them."""
    if "jobs" not in view.kinds:
        return []
    output = charts.page_chart(charts.JOBS, view)
    if output.data.empty:
        return [html.P(t("funding.jobs_none"), className="small text-muted")]
    return [_card(JOBS_GRAPH, output, charts.JOBS)]


def totals_part(view: FundingView) -> list:
    found = funding.total_rows(view)
    if not found:
        return [dbc.Alert(t("common.no_data"), color="light")]
    shown: list = []
    if view.total:
        shown.append(_card(TOTALS_GRAPH, charts.page_chart(charts.TOTALS, view, False), charts.TOTALS))
    return [*shown, parts.totals_table(found)]


def eu_part() -> list:
    """Cohesion and Horizon Europe money by start year and the largest recipients, once loaded."""
    output = charts.page_chart(charts.EU, funding.FundingView())
    if output.data.empty:
        return [dbc.Alert(t("funding.eu_empty"), color="info", className="funding-eu-empty")]
    link = html.A(t("funding.eu_compare"), href=funding.eu_compare_link())
    shown = [
        _card(EU_GRAPH, output, charts.EU),
        html.P([t("funding.eu_note"), " ", link], className="small text-muted"),
    ]
    recipients = funding.recipients()
    if recipients:
        shown += [
            html.H3(t("funding.eu_recipients"), className="h6 mt-3"),
            parts.recipients_table(recipients),
        ]
    return shown


@callback(
    output={
        "entities": Output(ENTITY_ID, "options"),
        "entity": Output(ENTITY_ID, "value"),
        "totals": Output(TOTAL_ID, "options"),
        "total": Output(TOTAL_ID, "value"),
        "info": Output(INFO_BOX, "children"),
        "timeline": Output(TIMELINE_BOX, "children"),
        "jobs": Output(JOBS_BOX, "children"),
        "table": Output(TABLE_BOX, "children"),
        "sums": Output(TOTALS_BOX, "children"),
    },
    inputs={"types": Input(TYPES_ID, "value"), "scope": Input(SCOPE_ID, "value")}
    | {"entity": Input(ENTITY_ID, "value"), "total": State(TOTAL_ID, "value")},
    prevent_initial_call=True,  # the layout drew the view the URL asked for
)
def update(types: list[str] | None, scope: str | None, entity: str | None, total: str | None) -> dict:
    """Every control redraws the choices, the charts, the table and the totals (one request)."""
    view = funding.view_of(types or [], scope, entity, total)
    choices = funding.choices_for(view)
    return {
        "entities": options(choices.entities),
        "entity": view.entity,
        "totals": options(choices.totals),
        "total": view.total if view.total != total else no_update,  # unchanged: no second request
        "info": parts.entity_card(view.entity),
        "timeline": timeline_part(view),
        "jobs": jobs_part(view),
        "table": parts.events_table(funding.events(view)),
        "sums": totals_part(view),
    }


@callback(
    Output(TOTALS_BOX, "children", allow_duplicate=True),
    Input(TOTAL_ID, "value"),
    [State(TYPES_ID, "value"), State(SCOPE_ID, "value"), State(ENTITY_ID, "value")],
    prevent_initial_call=True,  # drawn with the part under the timeline
)
def update_totals(total: str | None, types: list[str] | None, scope: str | None, entity: str | None) -> list:
    """The totals picker redraws the totals only. It is not an input of `update`: arriving with the
    part under the timeline, it would make that callback redraw the whole page."""
    return totals_part(funding.view_of(types or [], scope, entity, total))


def below_parts(view: FundingView) -> list:
    """Everything under the timeline. The page draws it in a second request, so the browser draws the
    timeline first; nothing above it moves when it arrives."""
    choices = funding.choices_for(view)
    picker = space.dropdown(id=TOTAL_ID, options=options(choices.totals), value=view.total, clearable=False)
    return [
        TOTAL_URL_STORE,
        html.Div(jobs_part(view), id=JOBS_BOX),
        html.H2(t("funding.table_heading"), className="h5 mt-4"),
        html.Div(parts.events_table(funding.events(view)), id=TABLE_BOX),
        html.H2(t("funding.totals_heading"), className="h5 mt-4"),
        html.P(t("funding.totals_note"), className="funding-note"),
        dbc.Row(field(TOTAL_ID, t("funding.totals_of"), picker, md=6, lg=4)),
        html.Div(totals_part(view), id=TOTALS_BOX),
        html.H2(t("funding.eu_heading"), className="h5 mt-4"),
        html.Div(eu_part(), id=EU_BOX),
    ]


@callback(Output(BELOW, "children"), Input(VIEW_STORE, "data"))
def fill_below(query: dict | None) -> list:
    return below_parts(funding.view_from_query(query or {}))


@localized_layout
def layout(**query: str) -> html.Div:
    view = funding.view_from_query(query)
    choices = funding.choices_for(view)
    return html.Div(
        [
            URL_STORE,
            dcc.Store(id=VIEW_STORE, data=query),
            html.H1(t("funding.heading"), className="h3 mt-3 mb-1"),
            html.P(t("funding.lead"), className="text-muted"),
            parts.controls(view, choices, (TYPES_ID, SCOPE_ID, ENTITY_ID)),
            html.Div(parts.entity_card(view.entity), id=INFO_BOX),
            html.Div(timeline_part(view), id=TIMELINE_BOX),
            html.Div(id=BELOW),
        ],
        className="funding-page",
    )
