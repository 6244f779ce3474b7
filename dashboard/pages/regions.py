"""/regions: the home region, its regions and districts, the country and the EU on one indicator and
period: bars, a district map and a table with sources, optionally per 1,000 inhabitants."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, html

from dashboard.components import regions as parts
from dashboard.components import space
from dashboard.components.controls import field, options
from dashboard.components.regions import MAP_GRAPH
from dashboard.components.urlstate import url_sync
from dashboard.data import comparison as model
from dashboard.data.comparison import TOTAL, View
from dashboard.i18n import localized_layout, t

dash.register_page(__name__, path="/regions", order=4, shared=True)

INDICATOR_ID, PERIOD_ID, BREAKDOWN_ID = "regions-indicator", "regions-period", "regions-breakdown"
HIGHLIGHT_ID, PER_CAPITA_ID = "regions-highlight", "regions-per-capita"
URL_ID, BREAKDOWN_BOX = "regions-url", "regions-breakdown-box"
BARS_BOX, MAP_BOX, TABLE_BOX = "regions-bars", "regions-map", "regions-table"
BARS_GRAPH = parts.BARS_GRAPH
URL_STORE = url_sync(
    URL_ID,
    {
        "indicator": (INDICATOR_ID, "value"),
        "period": (PERIOD_ID, "value"),
        "breakdown": (BREAKDOWN_ID, "value"),
        "highlight": (HIGHLIGHT_ID, "value"),
        "percapita": (PER_CAPITA_ID, "value"),
    },
)


def switch_options(indicator: str) -> list[dict]:
    return [
        {"label": t("regions.per_capita"), "value": "1", "disabled": not model.per_capita_allowed(indicator)}
    ]


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
)
def update_choices(indicator: str | None, period: str | None, breakdown: str | None, per_capita: list | None):
    """Period, breakdown and per-capita choices that exist for the chosen indicator."""
    view, periods, breakdowns = model.choose(indicator, period, breakdown, bool(per_capita))
    chosen = ["1"] if view.per_capita else []
    return (
        *(options(periods), view.period, options(breakdowns), view.breakdown or TOTAL),
        *(len(breakdowns) < 2, switch_options(view.indicator), chosen),
    )


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
)
def render(indicator, period, breakdown, highlight, per_capita: list | None):
    found = model.comparison(indicator, period, breakdown, highlight, bool(per_capita))
    if found is None:
        return parts.nothing(), None, None, [], None
    return parts.shown(found.view)


# A click on a district highlights it (and the URL follows through the highlight control).
clientside_callback(
    """function(click, choices) {
        const point = click && click.points && click.points[0];
        const code = point && point.location;
        const known = (choices || []).some(function (choice) { return choice.value === code; });
        return known ? code : window.dash_clientside.no_update;
    }""",
    Output(HIGHLIGHT_ID, "value", allow_duplicate=True),
    Input(MAP_GRAPH, "clickData"),
    State(HIGHLIGHT_ID, "options"),
    prevent_initial_call=True,
)


def _dropdown(control_id: str, choices: list[dict], value: str | None) -> html.Div:
    return space.dropdown(id=control_id, options=choices, value=value or None, clearable=False)


def _controls(view: View, periods: list, breakdowns: list, highlights: list) -> dbc.Card:
    indicators = options(model.indicator_choices())
    top = [
        field(INDICATOR_ID, t("common.indicator"), _dropdown(INDICATOR_ID, indicators, view.indicator), lg=5),
        field(PERIOD_ID, t("common.period"), _dropdown(PERIOD_ID, periods, view.period), md=6, lg=4),
        field(
            HIGHLIGHT_ID,
            t("regions.highlight"),
            _dropdown(HIGHLIGHT_ID, highlights, view.highlight),
            md=6,
            lg=3,
        ),
    ]
    breakdown = html.Div(
        [
            dbc.Label(t("common.breakdown"), html_for=BREAKDOWN_ID, className="fw-semibold small mb-1"),
            _dropdown(BREAKDOWN_ID, breakdowns, view.breakdown or TOTAL),
        ],
        id=BREAKDOWN_BOX,
        hidden=len(breakdowns) < 2,
        className="col-12 col-lg-5 mb-2",
    )
    chosen = ["1"] if view.per_capita else []
    switch = dbc.Checklist(
        id=PER_CAPITA_ID, options=switch_options(view.indicator), value=chosen, switch=True
    )
    help_text = html.Small(t("regions.per_capita_help"), className="text-muted d-block")
    return dbc.Card(
        dbc.CardBody([dbc.Row(top), dbc.Row([breakdown, dbc.Col([switch, help_text], xs=12, lg=7)])]),
        className="regions-controls mb-3",
    )


@localized_layout
def layout(
    indicator: str | None = None,
    period: str | None = None,
    breakdown: str | None = None,
    highlight: str | None = None,
    percapita: str | None = None,
    **_query: str,
) -> html.Div:
    view, periods, breakdowns = model.choose(indicator, period, breakdown, percapita == "1")
    per_capita = ["1"] if view.per_capita else []
    bars, map_, table, highlights, chosen = render(
        view.indicator, view.period, view.breakdown or TOTAL, highlight, per_capita
    )
    controls = _controls(
        View(view.indicator, view.period, view.breakdown, view.per_capita, chosen or ""),
        options(periods),
        options(breakdowns),
        highlights,
    )
    return html.Div(
        [
            html.H1(t("regions.heading"), className="h3 mt-3 mb-1"),
            html.P(t("regions.lead"), className="text-muted"),
            controls,
            html.Div(bars, id=BARS_BOX),
            dbc.Row(
                [
                    dbc.Col(html.Div(map_, id=MAP_BOX), xs=12, lg=7),
                    dbc.Col(html.Div(table, id=TABLE_BOX), xs=12, lg=5),
                ]
            ),
            URL_STORE,
        ],
        className="regions-page",
    )
