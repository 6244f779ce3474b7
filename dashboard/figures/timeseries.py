"""Line chart of one or more indicator series over time.

Actual values are solid lines with filled markers; provisional values, estimates and projections are
dashed with open markers; targets are stars and announcements open diamonds, so status never hides
in colour alone. The caller filters and divides (per capita etc.); this module only draws.

Breaks in a series (a definition change, a source's change of method) are drawn as a dashed line
between the last point before and the first point counted the new way, labelled "Break in series"
with the caller's explanation on hover.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.hover import point_hovers
from dashboard.figures.theme import ChartContext

BY_COLUMNS = ("breakdown", "source", "region", "indicator")
_HOVER = "%{hovertext}<extra></extra>"
_SPECIAL = {"target": ("star", 15), "announcement": ("diamond-open", 11)}


@dataclass(frozen=True)
class SeriesBreak:
    """From `start` on the series is counted differently; `text` says how."""

    start: pd.Timestamp
    text: str


def x_values(rows: pd.DataFrame) -> pd.Series:
    """Period start as datetimes (from period_start, else from the period's year)."""
    if "period_start" in rows:
        return pd.to_datetime(rows["period_start"])
    return pd.to_datetime(rows["period"].astype(str).str[:4] + "-01-01")


def year_axis(rows: pd.DataFrame, lang: str, years_only: bool = False) -> dict:
    """Ticks on whole years for annual data (never '2012.5'), month/year otherwise."""
    annual = years_only or "frequency" not in rows or rows["frequency"].eq("A").all()
    if not annual:
        return {"type": "date", "tickformat": "%m/%Y" if lang == "de" else "%b %Y"}
    years = x_values(rows).dt.year
    step = max(1, math.ceil((years.max() - years.min() + 1) / 10))
    return {"type": "date", "tickformat": "%Y", "dtick": f"M{12 * step}", "tick0": f"{years.min()}-01-01"}


def _series_labels(rows: pd.DataFrame, by: str, labels: Mapping[str, str] | None) -> dict[str, str]:
    """Caller's labels first; for sources, fall back to the source title."""
    names = dict(labels or {})
    if by == "source" and "source_title" in rows:
        for slug, title in zip(rows["source"], rows["source_title"], strict=False):
            names.setdefault(str(slug), str(title))
    return names


def _trace(
    rows: pd.DataFrame, name: str, color: str, divisor: float, unit: str, lang: str, **style
) -> go.Scatter:
    return go.Scatter(
        x=x_values(rows),
        y=rows["value"].astype(float) / divisor,
        name=name,
        hovertext=point_hovers(rows, name, unit, lang),
        hovertemplate=style.pop("hovertemplate", _HOVER),
        marker={"color": color, **style.pop("marker", {})},
        line={"color": color, **style.pop("line", {})},
        **style,
    )


def _group_traces(group: pd.DataFrame, key: str, name: str, color: str, divisor: float, unit: str, lang: str):
    """Traces for one series: tentative dashed line underneath, actuals on top, then special points."""
    group = group.assign(_x=x_values(group)).sort_values("_x")
    common = {"legendgroup": key}
    observed = group[group["status"].isin(theme.STATUS_ACTUAL + theme.STATUS_TENTATIVE)]
    tentative = group[group["status"].isin(theme.STATUS_TENTATIVE)]
    actual = group[group["status"].isin(theme.STATUS_ACTUAL)]
    if not tentative.empty:
        yield _trace(
            observed,
            name,
            color,
            divisor,
            unit,
            lang,
            mode="lines",
            line={"dash": "dash", "width": 2},
            hoverinfo="skip",
            hovertemplate=None,
            showlegend=False,
            **common,
        )
    if not actual.empty:
        yield _trace(
            actual,
            name,
            color,
            divisor,
            unit,
            lang,
            mode="lines+markers",
            line={"width": 2.5},
            marker={"size": 7},
            **common,
        )
    if not tentative.empty:
        statuses = ", ".join(i18n.status_label(s, lang) for s in tentative["status"].unique())
        yield _trace(
            tentative,
            f"{name} ({statuses})",
            color,
            divisor,
            unit,
            lang,
            mode="markers",
            marker={"symbol": "circle-open", "size": 9, "line": {"width": 2, "color": color}},
            **common,
        )
    for status, (symbol, size) in _SPECIAL.items():
        points = group[group["status"] == status]
        if not points.empty:
            yield _trace(
                points,
                f"{name} ({i18n.status_label(status, lang)})",
                color,
                divisor,
                unit,
                lang,
                mode="markers",
                marker={"symbol": symbol, "size": size},
                **common,
            )


def _span(rows: pd.DataFrame, lang: str) -> str:
    """Period span of the observed values (targets far ahead would overstate the data's reach)."""
    observed = rows[rows["status"].isin(theme.STATUS_ACTUAL + theme.STATUS_TENTATIVE)]
    chosen = observed if not observed.empty else rows
    ordered = chosen.assign(_x=x_values(chosen)).sort_values("_x")
    return i18n.format_span(ordered["period"].iloc[0], ordered["period"].iloc[-1], lang)


def _summary(
    rows: pd.DataFrame, by: str, names: dict[str, str], unit: str, ctx: ChartContext, span: str
) -> str:
    parts = [f"{i18n.t('figure.line_chart', ctx.lang)}: {ctx.title}".rstrip(": "), span]
    observed = rows[rows["status"].isin(theme.STATUS_ACTUAL + theme.STATUS_TENTATIVE)]
    observed = observed if not observed.empty else rows
    keys = list(dict.fromkeys(observed.sort_values(by)[by]))
    if len(keys) > 3:
        parts.append(i18n.tn("figure.series_count", len(keys), ctx.lang))
        return ", ".join(parts)
    for key in keys:
        series = observed[observed[by] == key]
        series = series.assign(_x=x_values(series)).sort_values("_x")
        first, last = series.iloc[0], series.iloc[-1]
        change = i18n.t(
            "figure.from_to",
            ctx.lang,
            start=i18n.format_value(first["value"], unit, ctx.lang, theme.text_of(first.get("qualifier"))),
            end=i18n.format_value(
                last["value"], unit, ctx.lang, theme.text_of(last.get("qualifier")), with_unit=True
            ),
        )
        parts.append(change if len(keys) == 1 else f"{theme.label_for(key, names, ctx.lang)} {change}")
    return ", ".join(parts)


def timeseries(
    frame: pd.DataFrame,
    ctx: ChartContext,
    by: str = "breakdown",
    labels: Mapping[str, str] | None = None,
    zero_baseline: bool = True,
    breaks: Sequence[SeriesBreak] = (),
) -> go.Figure:
    """Line chart, one colour per value of `by` (breakdown, source, region or indicator); `breaks`
    are marked where the drawn series have points on both sides."""
    if by not in BY_COLUMNS:
        raise ValueError(f"by must be one of {BY_COLUMNS}, not '{by}'")
    rows = theme.finite_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    rows = rows.assign(**{by: rows[by].fillna("").astype(str)}) if by in rows else rows.assign(**{by: ""})
    if "status" not in rows:
        rows = rows.assign(status="actual")
    unit = theme.frame_unit(rows)
    ctx = theme.with_defaults(ctx, rows, unit)
    divisor, axis_title = theme.axis_scale(unit, rows["value"], ctx)
    names = _series_labels(rows, by, labels)
    fig = go.Figure(layout=theme.base_layout(ctx.lang))
    for index, key in enumerate(sorted(rows[by].unique())):
        name = theme.label_for(key, names, ctx.lang)
        group = rows[rows[by] == key]
        fig.add_traces(
            list(_group_traces(group, key, name, theme.series_color(index), divisor, unit, ctx.lang))
        )
    fig.update_xaxes(showgrid=False, **year_axis(rows, ctx.lang))
    fig.update_yaxes(
        title_text=axis_title, rangemode="tozero" if zero_baseline and rows["value"].min() >= 0 else None
    )
    span = _span(rows, ctx.lang)
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{axis_title[:1].upper()}{axis_title[1:]}, {span}")
    fig.update_layout(showlegend=len(fig.data) > 1)
    marked = _mark_breaks(fig, rows, breaks, ctx.lang)
    summary = _summary(rows, by, names, unit, ctx, span)
    if marked:
        summary = f"{summary}, {i18n.tn('figure.series_breaks', marked, ctx.lang)}"
    return theme.apply_frame(fig, ctx, summary)


def _mark_breaks(fig: go.Figure, rows: pd.DataFrame, breaks: Sequence[SeriesBreak], lang: str) -> int:
    """A dashed line midway between the last point before each break and the break's start."""
    observed = rows[rows["status"].isin(theme.STATUS_ACTUAL + theme.STATUS_TENTATIVE)]
    xs = x_values(observed)
    marked = 0
    for mark in sorted(breaks, key=lambda item: item.start):
        start = pd.Timestamp(mark.start)
        before, after = xs[xs < start], xs[xs >= start]
        if before.empty or after.empty:
            continue
        at = before.max() + (start - before.max()) / 2
        fig.add_vline(x=at, line={"dash": "dot", "color": theme.FOOTER, "width": 1.5})
        fig.add_annotation(  # at the foot of the line, inside the plot: clear of legends and titles
            x=at,
            xref="x",
            y=0,
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            xshift=3,
            yshift=2,
            text=i18n.t("figure.series_break", lang),
            hovertext=mark.text,
            showarrow=False,
            bgcolor="rgba(255,255,255,0.8)",
            font={"size": 11, "color": theme.FOOTER},
            name=f"break-{marked}",
        )
        marked += 1
    return marked
