"""Horizontal bar chart comparing regions on one indicator and period.

Each region's name stands above its bar, left-aligned, so the bars get the plot's full width on a
phone, long names have room (and wrap when they must), and no name is ever dropped the way crowded
tick labels are. The highlighted region is drawn in a strong colour and named in bold; a bar whose
figure comes from a secondary source is hatched and says so in its label.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.hover import point_hovers
from dashboard.figures.theme import OKABE_ITO, ChartContext

_ROW_PX = 40  # one bar and the name above it
_ROW_PX_WRAPPED = 62  # when some name needs two lines
_FRAME_PX = 230  # title, subtitle, x axis and footer around the bars
_LABEL_CHARS = 40  # longer names wrap onto a second line
_BAR_GAP = 0.45  # of each row: the room the name takes above the bar
_BAR_GAP_WRAPPED = 0.56
SECONDARY = "secondary"


def _one_per_region(rows: pd.DataFrame) -> pd.DataFrame:
    """Latest period per region, so a frame with a few stray periods still gives one bar each."""
    if "period_start" in rows:
        rows = rows.assign(_start=pd.to_datetime(rows["period_start"])).sort_values("_start", kind="stable")
    return rows.drop_duplicates("region", keep="last")


def _wrapped(name: str) -> str:
    return "<br>".join(textwrap.wrap(name, _LABEL_CHARS, break_long_words=False)) or name


def _is_secondary(rows: pd.DataFrame) -> list[bool]:
    if "source_kind" not in rows:
        return [False] * len(rows)
    return rows["source_kind"].astype(str).eq(SECONDARY).tolist()


def comparison_bars(
    frame: pd.DataFrame,
    ctx: ChartContext,
    highlight: str | None = None,
    labels: Mapping[str, str] | None = None,
    descending: bool = True,
) -> go.Figure:
    """One bar per region, largest on top, each labelled with its value in the reader's locale.

    `highlight` is a region code drawn in a strong colour while the others are muted; `labels`
    maps region codes to names. A `source_kind` column marks secondary sources.
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
    codes = [str(code) for code in rows["region"]]
    names = [theme.label_for(code, labels, lang) for code in codes]
    secondary = _is_secondary(rows)
    records = rows.to_dict("records")
    fig = go.Figure(
        go.Bar(
            x=rows["value"].astype(float) / divisor,
            y=names,
            orientation="h",
            marker={
                "color": [_color(code, highlight) for code in codes],
                "pattern": {"shape": ["/" if flag else "" for flag in secondary], "solidity": 0.35},
            },
            text=[_bar_label(row, unit, lang) for row in records],
            textposition="auto",
            insidetextanchor="end",
            cliponaxis=False,
            hovertext=point_hovers(rows, pd.Series(names, index=rows.index), unit, lang),
            hovertemplate="%{hovertext}<extra></extra>",
            name=axis_title,
        ),
        layout=theme.base_layout(lang),
    )
    marked = [
        f"{name} · <i>{i18n.t('figure.secondary_source', lang)}</i>" if flag else name
        for name, flag in zip(names, secondary, strict=True)
    ]
    texts = [_wrapped(name) for name in marked]
    wrapped = any("<br>" in text for text in texts)
    gap = _BAR_GAP_WRAPPED if wrapped else _BAR_GAP
    names_above = [
        {
            "text": f"<b>{text}</b>" if code == highlight else text,
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": index + (1 - gap) / 2,
            "yanchor": "bottom",
            "showarrow": False,
            "align": "left",
            "font": {"size": 12, "color": theme.TEXT},
            "name": f"region-{code}",
        }
        for index, (code, text) in enumerate(zip(codes, texts, strict=True))
    ]
    fig.update_layout(annotations=names_above)  # one update: adding them one by one is quadratic
    fig.update_xaxes(title_text=axis_title, rangemode="tozero", showgrid=True)
    fig.update_yaxes(showgrid=False, ticks="", showticklabels=False, range=[-0.6, len(rows) - 0.5 + gap])
    periods = list(dict.fromkeys(rows["period"].astype(str)))
    period_text = ", ".join(i18n.format_period(p, lang) for p in periods)
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{axis_title[:1].upper()}{axis_title[1:]}, {period_text}")
    if ctx.height is None:
        ctx = replace(ctx, height=_FRAME_PX + (_ROW_PX_WRAPPED if wrapped else _ROW_PX) * len(rows))
    fig.update_layout(showlegend=False, bargap=gap)
    summary = _summary(ctx, names, records, unit, period_text, sum(secondary))
    fig = theme.apply_frame(fig, ctx, summary)
    fig.update_layout(margin_l=16, margin_r=24)  # names stand above the bars: no room kept on the left
    return fig


def _color(code: str, highlight: str | None) -> str:
    if highlight is None:
        return OKABE_ITO["blue"]
    return OKABE_ITO["vermillion"] if code == highlight else theme.MUTED


def _bar_label(row: Mapping[str, object], unit: str, lang: str) -> str:
    """Compact value for the bar end: '76,000', '€4.2m', 'mehr als 650'."""
    value = float(row["value"])  # type: ignore[arg-type]
    return i18n.format_value(value, unit, lang, theme.text_of(row.get("qualifier")))


def _summary(
    ctx: ChartContext, names: list[str], records: list[dict], unit: str, period_text: str, secondary: int
) -> str:
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
    parts = [head, period_text, count, extremes]
    if secondary:
        parts.append(i18n.tn("figure.secondary_count", secondary, ctx.lang))
    return ", ".join(parts)
