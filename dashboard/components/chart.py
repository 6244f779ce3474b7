"""A chart in a card: the figure, its screen-reader summary and, for registered charts, the export bar."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.components.export_menu import export_menu
from dashboard.components.space import graph_space
from dashboard.figures import graph_config, summary_of
from dashboard.i18n import current, t, use_locale


def view_switch() -> html.Div:
    """'Chart | Table': assets/chart-table.js builds the table from what the graph draws."""
    buttons = [
        html.Button(t(f"common.{view}"), type="button", className="btn btn-outline-secondary", **{
            "data-view": view, "aria-pressed": "true" if view == "chart" else "false"})
        for view in ("chart", "table")
    ]  # fmt: skip
    return html.Div(
        buttons,
        className="chart-switch btn-group btn-group-sm",
        role="group",
        **{"aria-label": t("chart.view")},
    )


def table_box(graph_id: str, summary: str) -> html.Div:
    """Where the table goes; its headings in the reader's language."""
    texts = {f"data-{key}": t(f"chart.table_{key}") for key in ("series", "label", "value", "more")}
    return html.Div(
        id=f"{graph_id}-table",
        className="chart-table-box table-responsive",
        hidden=True,
        **texts,
        **{"data-lang": current(), "data-caption": summary},
    )


def chart_card(
    graph_id: str,
    figure: go.Figure,
    lang: str | None = None,
    filename: str = "regiometer-chart",
    height: int = 460,
    chart: str | None = None,
    citation: str = "",
    indicator: str = "",
) -> html.Figure:
    """dcc.Graph with the locale's config; the summary is the figure's accessible name. With `chart`
    (a name in dashboard.charts) the card gets downloads, citation, permalink, embed code and the
    update feed (of `indicator`, if the chart shows one). `lang` None: the request's language."""
    with use_locale(lang or current()):
        summary = summary_of(figure)
        children = [
            view_switch(),
            graph_space(  # the graph's height before plotly.js draws it: nothing below moves
                dcc.Graph(
                    id=graph_id,
                    figure=figure,
                    config=graph_config(current(), filename),
                    style={"height": f"{height}px"},
                    responsive=True,
                ),
                height,
            ),
            table_box(graph_id, summary),
            html.Figcaption(summary, id=f"{graph_id}-summary", className="visually-hidden"),
        ]
        if chart:
            children.append(export_menu(chart, graph_id, filename, citation, indicator))
    return html.Figure(children, className="chart-card", role="group", **{"aria-label": summary or filename})
