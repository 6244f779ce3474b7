"""Legend placement for page charts (pure)."""

from __future__ import annotations

import plotly.graph_objects as go


def inside_legend(figure: go.Figure, height: int = 460) -> go.Figure:
    """Legend in the plot's top-left corner above the data (headroom on the value axis), margins fixed:
    a right-hand legend squeezes a phone-width plot to a sliver."""
    shown = [trace for trace in figure.data if trace.showlegend is not False]
    values = [v for trace in figure.data for v in (trace.y if trace.y is not None else ()) if v is not None]
    if len(shown) < 2 or not values or min(values) < 0:
        return figure
    margin = figure.layout.margin
    plot_px = max(120, height - (margin.t or 0) - (margin.b or 0))
    top = max(values) / (1 - min(0.6, (30 * len(shown) + 10) / plot_px))
    figure.update_yaxes(range=[0, top])
    legend = {"x": 0.01, "xanchor": "left", "y": 1, "yanchor": "top", "bgcolor": "rgba(255,255,255,.85)"}
    # A legend wider than a phone's plot would otherwise widen the margins; clip it instead.
    left = 40 + 8 * len(f"{top:,.0f}")
    return figure.update_layout(
        legend={**legend, "font": {"size": 12}}, margin={"autoexpand": False, "l": left}
    )
