"""Horizontal bar chart comparing regions on one indicator and period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.theme import OKABE_ITO, ChartContext

_ROW_PX = 28
_FRAME_PX = 230  # title, subtitle, x axis and footer around the bars


def _one_per_region(rows: pd.DataFrame) -> pd.DataFrame:
    """Latest period per region, so a frame with a few stray periods still gives one bar each."""
    if "period_start" in rows:
        rows = rows.assign(_start=pd.to_datetime(rows["period_start"])).sort_values("_start", kind="stable")
    return rows.drop_duplicates("region", keep="last")


def comparison_bars(
    frame: pd.DataFrame,
    ctx: ChartContext,
    highlight: str | None = None,
    labels: Mapping[str, str] | None = None,
    descending: bool = True,
) -> go.Figure:
    """One bar per region, largest on top, each labelled with its value in the reader's locale.

    `highlight` is a region code drawn in a strong colour while the others are muted; `labels`
    maps region codes to names.
    """
    rows = theme.finite_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    rows = _one_per_region(rows)
    unit = theme.frame_unit(rows)
    ctx = theme.with_defaults(ctx, rows, unit)
    lang = ctx.lang
    divisor, axis_title = theme.axis_scale(unit, rows["value"], ctx)
    # Plotly draws the first category at the bottom, so sort the other way round.
    rows = rows.sort_values("value", ascending=descending, kind="stable")
    names = [theme.label_for(str(code), labels, lang) for code in rows["region"]]
    colors = [_color(code, highlight) for code in rows["region"]]
    records = rows.to_dict("records")
    fig = go.Figure(
        go.Bar(
            x=rows["value"].astype(float) / divisor,
            y=names,
            orientation="h",
            marker={"color": colors},
            text=[_bar_label(row, unit, lang) for row in records],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                theme.point_hover(name, row, unit, lang) for name, row in zip(names, records, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            name=axis_title,
        ),
        layout=theme.base_layout(lang),
    )
    fig.update_xaxes(title_text=axis_title, rangemode="tozero", showgrid=True)
    fig.update_yaxes(showgrid=False, ticks="", automargin=True)
    periods = list(dict.fromkeys(rows["period"].astype(str)))
    period_text = ", ".join(i18n.format_period(p, lang) for p in periods)
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{axis_title[:1].upper()}{axis_title[1:]}, {period_text}")
    if ctx.height is None:
        ctx = replace(ctx, height=_FRAME_PX + _ROW_PX * len(rows))
    fig.update_layout(showlegend=False, bargap=0.25)
    summary = _summary(ctx, names, records, unit, period_text)
    fig = theme.apply_frame(fig, ctx, summary)
    fig.update_layout(margin_r=80)  # room for the value label of the longest bar
    return fig


def _color(code: str, highlight: str | None) -> str:
    if highlight is None:
        return OKABE_ITO["blue"]
    return OKABE_ITO["vermillion"] if code == highlight else theme.MUTED


def _bar_label(row: Mapping[str, object], unit: str, lang: str) -> str:
    """Compact value for the bar end: '76,000', '€4.2m', 'mehr als 650'."""
    value = float(row["value"])  # type: ignore[arg-type]
    return i18n.format_value(value, unit, lang, theme.text_of(row.get("qualifier")))


def _summary(ctx: ChartContext, names: list[str], records: list[dict], unit: str, period_text: str) -> str:
    head = f"{i18n.t('figure.bar_chart', ctx.lang)}: {ctx.title}".rstrip(": ")
    ordered = sorted(zip(names, records, strict=True), key=lambda pair: float(pair[1]["value"]))
    low, high = ordered[0], ordered[-1]
    extremes = i18n.t(
        "figure.highest_lowest",
        ctx.lang,
        high=f"{high[0]} ({i18n.format_value(float(high[1]['value']), unit, ctx.lang, with_unit=True)})",
        low=f"{low[0]} ({i18n.format_value(float(low[1]['value']), unit, ctx.lang, with_unit=True)})",
    )
    count = i18n.tn("figure.points_count", len(records), ctx.lang)
    return f"{head}, {period_text}, {count}, {extremes}"
