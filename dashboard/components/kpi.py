"""Indicator cards: latest value with its period, change, source link and a sparkline."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.figures import sparkline
from dashboard.i18n import format_percent, format_period, format_value, t


def _change_text(latest: pd.Series, previous: pd.Series | None, lang: str) -> tuple[str, str]:
    if previous is None or not previous["value"]:
        return "", ""
    change = (latest["value"] - previous["value"]) / abs(previous["value"]) * 100
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    text = t(
        "kpi.change",
        lang,
        change=sign + format_percent(abs(change), lang, 1),
        period=format_period(str(previous["period"]), lang),
    )
    return text, "up" if change > 0 else ("down" if change < 0 else "")


def kpi_card(card_id: str, title: str, series: pd.DataFrame, lang: str, href: str | None = None) -> dbc.Card:
    """series: one value per period (preferred source), actual statuses only, sorted by period."""
    if series.empty:
        body = [
            html.H2(title, className="kpi-title"),
            html.P(t("kpi.no_value", lang), className="text-muted"),
        ]
        return dbc.Card(dbc.CardBody(body), className="kpi-card", id=card_id)
    latest = series.iloc[-1]
    previous = series.iloc[-2] if len(series) > 1 else None
    change, direction = _change_text(latest, previous, lang)
    value = format_value(float(latest["value"]), str(latest["unit"]), lang)
    qualifier = str(latest["qualifier"])
    body = [
        html.H2(title, className="kpi-title"),
        html.Div(
            [
                html.Span(t(f"qualifier.{qualifier}", lang), className="kpi-qualifier")
                if qualifier
                else None,
                html.Span(value, className="kpi-value"),
                " ",
                html.Span(format_period(str(latest["period"]), lang), className="kpi-period"),
            ],
        ),
        html.Div(change, className=f"kpi-change {direction}") if change else None,
        dcc.Graph(
            figure=sparkline(series, lang),
            config={"staticPlot": True, "displayModeBar": False},
            className="kpi-spark",
            style={"height": "48px"},
        )
        if len(series) > 1
        else None,
        html.Div(
            [
                t("common.source_label", lang),
                ": ",
                html.A(
                    str(latest["publisher"]),
                    href=str(latest["source_url"]),
                    title=str(latest["source_title"]),
                    target="_blank",
                    rel="noopener",
                ),
            ],
            className="kpi-source small",
        ),
    ]
    if href:
        body.append(html.A(t("common.more", lang), href=href, className="stretched-link-off small kpi-more"))
    return dbc.Card(dbc.CardBody([b for b in body if b is not None]), className="kpi-card", id=card_id)
