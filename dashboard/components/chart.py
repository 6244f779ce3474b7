"""A chart in a card: the figure, its screen-reader summary and the source notes beneath."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.figures import graph_config, summary_of


def chart_card(graph_id: str, figure: go.Figure, lang: str, filename: str, height: int = 460) -> html.Figure:
    """dcc.Graph with the locale's config; the summary is the figure's accessible name."""
    summary = summary_of(figure)
    return html.Figure(
        [
            dcc.Graph(
                id=graph_id,
                figure=figure,
                config=graph_config(lang, filename),
                style={"height": f"{height}px"},
                responsive=True,
            ),
            html.Figcaption(summary, id=f"{graph_id}-summary", className="visually-hidden"),
        ],
        className="chart-card",
        role="group",
        **{"aria-label": summary or filename},
    )
