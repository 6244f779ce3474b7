"""/ : the headline indicators and the path to the 2030 goal."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import data
from dashboard.i18n import format_value, normalise_lang, register, t

dash.register_page(__name__, path="/", title="Regiometer: Silicon Saxony in numbers", order=0)

register(
    {
        "overview.heading": {
            "en": "Saxony's microelectronics and ICT ecosystem",
            "de": "Das Mikroelektronik- und IKT-Ökosystem Sachsens",
        },
        "overview.jobs_title": {
            "en": "People employed in microelectronics/ICT in Saxony",
            "de": "Beschäftigte in Mikroelektronik/IKT in Sachsen",
        },
        "overview.in_year": {"en": "in {year}", "de": "im Jahr {year}"},
        "overview.no_data": {
            "en": "No employment figures are loaded yet. Run 'python -m etl init'.",
            "de": "Noch keine Beschäftigtenzahlen geladen. Führen Sie 'python -m etl init' aus.",
        },
    }
)

HEADLINE_INDICATOR = "employment.ict_micro"
REGION = "DED"
ACTUAL_STATUSES = {"actual", "provisional", "estimate"}


def latest_actual(indicator: str, region: str, breakdown: str = ""):
    """The newest actual value, from the indicator's preferred source where several agree on a period."""
    snapshot = data.snapshot()
    frame = data.series(indicator, region, breakdown)
    frame = frame[frame["status"].isin(ACTUAL_STATUSES)]
    frame = data.preferred(frame, snapshot.catalog)
    return None if frame.empty else frame.sort_values("period_start").iloc[-1]


def headline_card(lang: str) -> dbc.Card:
    row = latest_actual(HEADLINE_INDICATOR, REGION)
    if row is None:
        return dbc.Alert(t("overview.no_data", lang), color="warning")
    value = format_value(row["value"], str(row["unit"]), lang, str(row["qualifier"]))
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("overview.jobs_title", lang), className="h6 text-muted"),
                html.P(
                    [
                        html.Span(value, className="kpi-value", id="overview-jobs-value"),
                        " ",
                        html.Span(t("overview.in_year", lang, year=row["period"]), className="kpi-period"),
                    ]
                ),
                html.P(
                    [
                        t("common.source_label", lang),
                        ": ",
                        html.A(row["source_title"], href=row["source_url"], target="_blank", rel="noopener"),
                    ],
                    className="small mb-0",
                ),
            ]
        ),
        className="kpi-card",
    )


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    return html.Div([html.H1(t("overview.heading", lang), className="h3 my-3"), headline_card(lang)])
