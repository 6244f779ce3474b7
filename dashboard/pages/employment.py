"""/employment: jobs by field, per inhabitant, next to official statistics, with disagreeing sources."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import data
from dashboard.components import employment as parts
from dashboard.components.employment import GRAPH, OFFICIAL_GRAPH
from dashboard.components.urlstate import url_sync
from dashboard.data import employment as model
from dashboard.i18n import localized_layout, t

dash.register_page(
    __name__, path="/employment", order=1, shared=True, validation_layout=lambda: html.Div(_below_default())
)

SERIES, REGION, MEASURE = "employment-series", "employment-region", "employment-measure"
OFFICIAL_PICK, OFFICIAL_PICKER = "employment-official-pick", "employment-official-picker"
CHART_BOX, OFFICIAL_BOX = "employment-chart-box", "employment-official-box"
CONFLICTS, GROWTH_BOX = "employment-conflicts", "employment-growth"
BELOW, VIEW_STORE = "employment-below", "employment-view"
URL_STORE = url_sync(
    "employment-url",
    {"breakdowns": (SERIES, "value"), "region": (REGION, "value"), "measure": (MEASURE, "value")},
)
OFFICIAL_URL_STORE = url_sync("employment-url-official", {"official": (OFFICIAL_PICK, "value")})
__all__ = ["GRAPH", "OFFICIAL_GRAPH"]


def official_choices(region: str) -> tuple[list[dict], str | None, bool]:
    """Options, value and hidden of the official-statistics picker (shown for two or more charts)."""
    found = model.official(region)
    options = [{"label": data.label("indicators", slug), "value": slug} for slug in found.charted]
    return options, found.charted[0] if found.charted else None, len(options) < 2


def _controls(view: model.JobsView) -> dbc.Row:
    series = dbc.Checklist(
        id=SERIES,
        value=list(view.tokens),
        inline=True,
        options=[{"label": model.series_label(token), "value": token} for token in model.tokens()],
    )
    measures = dbc.RadioItems(
        id=MEASURE,
        value=view.measure,
        inline=True,
        options=[
            {"label": t("employment.absolute"), "value": "abs"},
            {"label": t("common.per_1000"), "value": "per1000"},
        ],
    )
    regions = [{"label": data.label("regions", code), "value": code} for code in model.regions()]
    return dbc.Row(
        [
            dbc.Col(html.Fieldset([html.Legend(t("employment.series")), series]), xs=12, lg=6),
            dbc.Col(
                [
                    dbc.Label(t("common.region"), html_for=REGION),
                    dbc.Select(id=REGION, value=view.region, options=regions),
                ],
                xs=12,
                sm=6,
                lg=3,
            ),
            dbc.Col(html.Fieldset([html.Legend(t("employment.measure")), measures]), xs=12, sm=6, lg=3),
        ],
        className="employment-controls g-3 mb-3",
    )


def _official_picker(view: model.JobsView, asked: str | None) -> html.Div:
    options, first, hidden = official_choices(view.region)
    values = [option["value"] for option in options]
    pick = dbc.RadioItems(
        id=OFFICIAL_PICK, options=options, value=asked if asked in values else first, inline=True
    )
    label = html.Legend(t("employment.official_pick"), className="small fw-semibold mb-1")
    return html.Div(html.Fieldset([label, pick]), id=OFFICIAL_PICKER, hidden=hidden, className="mb-2")


def below_parts(view: model.JobsView, official: str | None) -> list:
    """Everything under the jobs chart. The page draws it in a second request, so the browser draws
    the chart first; nothing above it moves when it arrives."""
    return [
        OFFICIAL_URL_STORE,
        html.H2(t("employment.official_heading"), className="h5 mt-4"),
        _official_picker(view, official),
        html.Div(parts.official_section(view, official), id=OFFICIAL_BOX),
        html.H2(t("employment.conflicts_heading"), className="h5 mt-4"),
        html.Div(parts.conflicts_table(view.region), id=CONFLICTS),
        html.H2(t("employment.growth_heading"), className="h5 mt-4"),
        html.Div(parts.growth_table(view.region), id=GROWTH_BOX),
        parts.definitions(),
    ]


def _below_default() -> list:
    return below_parts(model.view(None, "", ""), None)


@callback(Output(BELOW, "children"), Input(VIEW_STORE, "data"))
def fill_below(query: dict | None) -> list:
    query = query or {}
    view = model.view(query.get("breakdowns"), query.get("region", ""), query.get("measure", ""))
    return below_parts(view, query.get("official") or None)


@localized_layout
def layout(
    breakdowns: str | None = None, region: str = "", measure: str = "", official: str = "", **_query: str
):
    view = model.view(breakdowns, region, measure)
    asked = {"breakdowns": breakdowns, "region": region, "measure": measure, "official": official}
    return html.Div(
        [
            html.H1(t("employment.heading"), className="h3 mt-3 mb-1"),
            html.P(t("employment.lead"), className="text-muted"),
            _controls(view),
            html.Div(parts.jobs_chart(view), id=CHART_BOX),
            dcc.Store(id=VIEW_STORE, data=asked),
            html.Div(id=BELOW),
            URL_STORE,
        ],
        className="employment-page",
    )


@callback(
    Output(CHART_BOX, "children"),
    Input(SERIES, "value"),
    Input(REGION, "value"),
    Input(MEASURE, "value"),
    prevent_initial_call=True,
)
def update_chart(tokens: list[str] | None, region: str, measure: str):
    return parts.jobs_chart(model.view(list(tokens or []), region, measure))


@callback(
    Output(OFFICIAL_BOX, "children"),
    Output(OFFICIAL_PICK, "options"),
    Output(OFFICIAL_PICK, "value"),
    Output(OFFICIAL_PICKER, "hidden"),
    Output(CONFLICTS, "children"),
    Output(GROWTH_BOX, "children"),
    Input(REGION, "value"),
    Input(MEASURE, "value"),
    State(OFFICIAL_PICK, "value"),
    prevent_initial_call=True,
)
def update_region(region: str, measure: str, official: str | None):
    view = model.view(None, region, measure)
    options, first, hidden = official_choices(view.region)
    chosen = official if official in [option["value"] for option in options] else first
    return (
        parts.official_section(view, chosen),
        options,
        chosen if chosen != official else no_update,  # unchanged: no second request
        hidden,
        parts.conflicts_table(view.region),
        parts.growth_table(view.region),
    )


@callback(
    Output(OFFICIAL_BOX, "children", allow_duplicate=True),
    Input(OFFICIAL_PICK, "value"),
    State(REGION, "value"),
    State(MEASURE, "value"),
    prevent_initial_call=True,  # drawn with the part under the chart
)
def update_official(official: str | None, region: str, measure: str):
    """The picker redraws the official chart only. It is not an input of `update_region`: arriving
    with the part under the chart, it would make that callback draw the whole part again."""
    return parts.official_section(model.view(None, region, measure), official)
