"""Reserve the space a control or a graph will take before its code has loaded and drawn it, so nothing
below it moves once it does (no layout shift after the first paint). Dash draws a dcc.Graph and a
dcc.Dropdown only once their lazily loaded code has arrived, after the page's first paint, so pages
build dropdowns here and graphs in chart cards (dashboard/components/chart.py), never directly
(tests/test_architecture.py). Phone heights of graphs are in the pages' CSS (assets/<page>.css), which
also fixes the height the narrow-screen layout would otherwise grow to."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

DROPDOWN = "dropdown-space"  # its height is in assets/regiometer.css: a one-line dcc.Dropdown's


def graph_space(graph: dcc.Graph, height: int) -> html.Div:
    """The graph in a box of its height (chart cards use it)."""
    return html.Div(
        graph, className=f"graph-space graph-space-{graph.id}", style={"minHeight": f"{height}px"}
    )


def dropdown(**props: Any) -> html.Div:
    """A dcc.Dropdown in a box of its height."""
    return html.Div(dcc.Dropdown(**props), className=DROPDOWN)
