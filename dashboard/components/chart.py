"""A chart in a card: the figure, its screen-reader summary and, for registered charts, the export bar."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.components.export_menu import export_menu
from dashboard.figures import graph_config, summary_of


def chart_card(
    graph_id: str,
    figure: go.Figure,
    lang: str,
    filename: str,
    height: int = 460,
    chart: str | None = None,
    citation: str = "",
) -> html.Figure:
    """dcc.Graph with the locale's config; the summary is the figure's accessible name. With `chart`
    (a name in dashboard.charts) the card gets downloads, citation, permalink and embed code."""
    summary = summary_of(figure)
    children = [
        dcc.Graph(
            id=graph_id,
            figure=figure,
            config=graph_config(lang, filename),
            style={"height": f"{height}px"},
            responsive=True,
        ),
        html.Figcaption(summary, id=f"{graph_id}-summary", className="visually-hidden"),
    ]
    if chart:
        children.append(export_menu(chart, graph_id, filename, citation, lang))
    return html.Figure(children, className="chart-card", role="group", **{"aria-label": summary or filename})
