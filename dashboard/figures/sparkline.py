"""Tiny trend line for indicator cards: no axes, no annotations, no interaction.

Pages should render it with dcc.Graph(config={"staticPlot": True}); the figure itself also turns
off hover and zoom so it stays inert wherever it is shown.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.timeseries import x_values

SPARK_HEIGHT = 48


def sparkline(
    frame: pd.DataFrame, lang: str = "en", color: str = theme.OKABE_ITO["blue"], height: int = SPARK_HEIGHT
) -> go.Figure:
    """Observed values (actual, provisional, estimate) over time, the last point marked."""
    rows = theme.finite_rows(frame)
    if not rows.empty and "status" in rows:
        rows = rows[rows["status"].isin(theme.STATUS_ACTUAL + theme.STATUS_TENTATIVE)]
    fig = go.Figure(layout=_layout(lang, height))
    if rows.empty:
        fig.update_layout(meta={"summary": i18n.t("common.no_data", lang), "lang": lang})
        return fig
    rows = rows.assign(_x=x_values(rows)).sort_values("_x").drop_duplicates("_x", keep="last")
    values = rows["value"].astype(float)
    fig.add_trace(go.Scatter(x=rows["_x"], y=values, mode="lines", line={"color": color, "width": 2}))
    fig.add_trace(
        go.Scatter(
            x=rows["_x"].iloc[-1:], y=values.iloc[-1:], mode="markers", marker={"color": color, "size": 6}
        )
    )
    fig.update_layout(meta={"summary": _summary(rows, lang), "lang": lang})
    return fig


def _layout(lang: str, height: int) -> dict:
    hidden = {"visible": False, "fixedrange": True}
    return {
        "template": "none",
        "height": height,
        "autosize": True,
        "margin": {"l": 2, "r": 6, "t": 4, "b": 4},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": hidden,
        "yaxis": hidden,
        "showlegend": False,
        "hovermode": False,
        "dragmode": False,
        "separators": i18n.separators(lang),
    }


def _summary(rows: pd.DataFrame, lang: str) -> str:
    """'2012–2023: from 51,660 to 81,000 persons' for the card's aria-label."""
    unit = theme.frame_unit(rows)
    first, last = rows.iloc[0], rows.iloc[-1]
    span = i18n.format_span(str(first["period"]), str(last["period"]), lang)
    change = i18n.t(
        "figure.from_to",
        lang,
        start=i18n.format_value(float(first["value"]), unit, lang, theme.text_of(first.get("qualifier"))),
        end=i18n.format_value(
            float(last["value"]), unit, lang, theme.text_of(last.get("qualifier")), with_unit=True
        ),
    )
    return f"{span}: {change}"
