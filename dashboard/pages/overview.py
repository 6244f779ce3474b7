"""/ : the headline cards and the path to the pack's goal ("are we on track?"), then every other goal."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.charts.overview import NAME, path_chart
from dashboard.components.chart import chart_card
from dashboard.components.goals import goals_table
from dashboard.components.kpi import kpi_card
from dashboard.components.pagecache import cached_page
from dashboard.data import goals, kpi
from dashboard.data.progress import verdict_text, window_rule
from dashboard.i18n import current, localized_layout, t

dash.register_page(__name__, path="/", title=lambda: t("site.title"), order=0, shared=True)

PATH_GRAPH = "overview-path-graph"
VERDICT = "overview-verdict"
WINDOW = "overview-window"
PATH_HEIGHT = 500


def kpi_cards() -> dbc.Row:
    cards = [kpi_card(f"overview-kpi-{item.card.key}", item, item.card.page) for item in kpi.overview_cards()]
    return dbc.Row([dbc.Col(card, xs=12, sm=6, lg=3, className="mb-3") for card in cards])


def path_section() -> html.Section:
    assessment = goals.pack_goal()
    if assessment is None or assessment.actual.empty:
        return html.Section(dbc.Alert(t("overview.no_data"), color="secondary"), id="overview-path")
    output = path_chart(current())
    card = chart_card(
        PATH_GRAPH,
        output.figure,
        current(),
        output.filename,
        PATH_HEIGHT,
        chart=NAME,
        citation=output.citation,
        indicator=assessment.key[0],  # the share panel's update feed follows the goal's indicator
    )
    return html.Section(
        [
            html.H2(t("overview.verdict_heading"), className="h5 mt-2"),
            html.P(verdict_text(assessment.progress, assessment.unit), id=VERDICT, className="verdict"),
            html.P(window_rule(), id=WINDOW, className="small text-muted"),
            card,
        ],
        id="overview-path",
    )


@cached_page
def page() -> html.Div:
    """The overview depends only on the data and the language."""
    return html.Div(
        [
            html.H1(t("site.heading"), className="h3 mt-3 mb-1"),
            html.P(t("site.lead"), className="text-muted"),
            kpi_cards(),
            path_section(),
            goals_table(goals.other_goals()),
        ],
        className="overview-page",
    )


@localized_layout
def layout(**_query: str) -> dict:
    return page.plain()  # the cached tree in the JSON form Dash sends
