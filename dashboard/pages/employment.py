"""/employment: jobs by field, per inhabitant, next to official statistics, with disagreeing sources."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import employment as parts
from dashboard.components.employment import GRAPH, OFFICIAL_GRAPH
from dashboard.components.urlstate import url_sync
from dashboard.data import employment as model
from dashboard.i18n import localized_layout, t

dash.register_page(__name__, path="/employment", order=1, shared=True)

SERIES, REGION, MEASURE = "employment-series", "employment-region", "employment-measure"
OFFICIAL_PICK, OFFICIAL_PICKER = "employment-official-pick", "employment-official-picker"
CHART_BOX, OFFICIAL_BOX = "employment-chart-box", "employment-official-box"
CONFLICTS, GROWTH_BOX = "employment-conflicts", "employment-growth"
URL_STORE = url_sync(
    "employment-url",
    {
        "breakdowns": (SERIES, "value"),
        "region": (REGION, "value"),
        "measure": (MEASURE, "value"),
        "official": (OFFICIAL_PICK, "value"),
    },
)
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


@localized_layout
def layout(
    breakdowns: str | None = None, region: str = "", measure: str = "", official: str = "", **_query: str
):
    view = model.view(breakdowns, region, measure)
    return html.Div(
        [
            html.H1(t("employment.heading"), className="h3 mt-3 mb-1"),
            html.P(t("employment.lead"), className="text-muted"),
            _controls(view),
            html.Div(parts.jobs_chart(view), id=CHART_BOX),
            html.H2(t("employment.official_heading"), className="h5 mt-4"),
            _official_picker(view, official),
            html.Div(parts.official_section(view, official), id=OFFICIAL_BOX),
            html.H2(t("employment.conflicts_heading"), className="h5 mt-4"),
            html.Div(parts.conflicts_table(view.region), id=CONFLICTS),
            html.H2(t("employment.growth_heading"), className="h5 mt-4"),
            html.Div(parts.growth_table(view.region), id=GROWTH_BOX),
            parts.definitions(),
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
    Input(OFFICIAL_PICK, "value"),
    prevent_initial_call=True,
)
def update_region(region: str, measure: str, official: str | None):
    view = model.view(None, region, measure)
    options, first, hidden = official_choices(view.region)
    chosen = official if official in [option["value"] for option in options] else first
    return (
        parts.official_section(view, chosen),
        options,
        chosen,
        hidden,
        parts.conflicts_table(view.region),
        parts.growth_table(view.region),
    )
