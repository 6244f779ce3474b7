"""Reserve the space a graph will take before plotly.js has loaded and drawn it, so nothing below it
moves once it does (no layout shift after the first paint). Phone heights are in the pages' CSS
(assets/<page>.css), which also fixes the height the narrow-screen layout would otherwise grow to."""

from __future__ import annotations

from dash import dcc, html


def reserved(card: html.Figure, height: int) -> html.Figure:
    """A chart card (dashboard.components.chart) whose graph sits in a box of its height."""
    children = list(card.children)
    at = next(i for i, child in enumerate(children) if isinstance(child, dcc.Graph))
    graph = children[at]
    children[at] = html.Div(
        graph, className=f"graph-space graph-space-{graph.id}", style={"minHeight": f"{height}px"}
    )
    card.children = children
    return card


def sparkline_box(graph, height: str) -> html.Div:
    return html.Div(graph, className="kpi-spark-space", style={"height": height})
