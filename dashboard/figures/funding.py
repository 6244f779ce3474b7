"""Investments and funding decisions: a bubble timeline per entity and stacked totals per year.

Amounts are EUR. Announcements are drawn as open circles and decided/paid amounts as filled ones, so
a planned investment never reads like money already committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n, progress
from dashboard.figures import theme
from dashboard.figures.theme import ChartContext
from dashboard.figures.timeseries import x_values, year_axis

COLOR_BY = ("indicator", "status")
_MAX_BUBBLE_PX = 46
_ROW_PX = 40
_FRAME_PX = 220


def _money_rows(frame: pd.DataFrame | None) -> pd.DataFrame:
    rows = theme.finite_rows(frame)
    if rows.empty:
        return rows
    if "unit" in rows:
        rows = rows[rows["unit"] == "EUR"]
    if "status" not in rows:
        rows = rows.assign(status="actual")
    return rows.assign(breakdown=rows["breakdown"].fillna("").astype(str)) if "breakdown" in rows else rows


def _group_name(key: str, color_by: str, labels: Mapping[str, str] | None, lang: str) -> str:
    if color_by == "status":
        label = i18n.status_label(key, lang)
        return label[:1].upper() + label[1:]
    return theme.label_for(key, labels, lang)


def funding_timeline(
    frame: pd.DataFrame,
    ctx: ChartContext,
    color_by: str = "indicator",
    labels: Mapping[str, str] | None = None,
    indicator_labels: Mapping[str, str] | None = None,
    show_amounts: bool = True,
) -> go.Figure:
    """x = date of the decision, y = entity (breakdown), bubble area = amount, colour = indicator or status.

    `labels` maps entity slugs to names, `indicator_labels` indicator slugs to names.
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {COLOR_BY}, not '{color_by}'")
    rows = _money_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    ctx = theme.with_defaults(ctx, rows, "EUR")
    lang = ctx.lang
    rows = rows.assign(_x=x_values(rows)).sort_values("_x", kind="stable")
    rows = rows.assign(_entity=[theme.label_for(code, labels, lang) for code in rows["breakdown"]])
    sizeref = 2.0 * rows["value"].abs().max() / _MAX_BUBBLE_PX**2 or 1.0
    fig = go.Figure(layout=theme.base_layout(lang))
    for index, key in enumerate(sorted(rows[color_by].astype(str).unique())):
        group = rows[rows[color_by] == key]
        name = _group_name(key, color_by, indicator_labels, lang)
        fig.add_trace(
            _bubbles(group, name, theme.series_color(index), sizeref, indicator_labels, lang, show_amounts)
        )
    entities = list(dict.fromkeys(rows["_entity"]))  # earliest first ...
    fig.update_yaxes(
        categoryorder="array", categoryarray=entities[::-1], showgrid=True, ticks=""
    )  # ... on top
    # Pad the dates so the amount labels right of the last bubbles stay inside the plot.
    padding = pd.Timedelta(days=120)
    fig.update_xaxes(
        showgrid=False,
        range=[rows["_x"].min() - padding, rows["_x"].max() + 3 * padding],
        **year_axis(rows, lang, years_only=True),
    )
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{i18n.t('axis.amount', lang)} (€), {_span(rows, lang)}")
    if ctx.height is None:
        ctx = replace(ctx, height=_FRAME_PX + _ROW_PX * len(entities))
    return theme.apply_frame(fig, ctx, _timeline_summary(rows, ctx))


def _bubbles(
    group: pd.DataFrame,
    name: str,
    color: str,
    sizeref: float,
    indicator_labels: Mapping[str, str] | None,
    lang: str,
    show_amounts: bool,
) -> go.Scatter:
    records = group.to_dict("records")
    announced = group["status"].eq("announcement").tolist()
    hover = [
        theme.point_hover(
            row["_entity"], row, "EUR", lang, extra=_indicator_name(row, indicator_labels, lang)
        )
        for row in records
    ]
    text = [
        i18n.format_value(row["value"], "EUR", lang, theme.text_of(row.get("qualifier"))) for row in records
    ]
    return go.Scatter(
        x=group["_x"],
        y=group["_entity"],
        name=name,
        mode="markers+text" if show_amounts else "markers",
        marker={
            "size": group["value"].abs().tolist(),
            "sizemode": "area",
            "sizeref": sizeref,
            "sizemin": 5,
            "color": color,
            "opacity": 0.85,
            "symbol": ["circle-open" if flag else "circle" for flag in announced],
            "line": {"color": color, "width": 2},
        },
        text=text,
        textposition="middle right",
        textfont={"size": 11},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        cliponaxis=False,
    )


def _indicator_name(row: Mapping[str, object], labels: Mapping[str, str] | None, lang: str) -> str:
    code = theme.text_of(row.get("indicator"))
    return theme.label_for(code, labels, lang) if code else ""


def _span(rows: pd.DataFrame, lang: str) -> str:
    years = rows["_x"].dt.year
    return i18n.format_span(str(years.min()), str(years.max()), lang)


def _timeline_summary(rows: pd.DataFrame, ctx: ChartContext) -> str:
    head = f"{i18n.t('figure.timeline', ctx.lang)}: {ctx.title}".rstrip(": ")
    largest = rows.loc[rows["value"].abs().idxmax()]
    amount = i18n.format_value(
        float(largest["value"]), "EUR", ctx.lang, theme.text_of(largest.get("qualifier"))
    )
    count = i18n.tn("figure.points_count", len(rows), ctx.lang)
    top = i18n.t("figure.largest", ctx.lang, name=largest["_entity"], amount=amount, year=largest["_x"].year)
    return f"{head}, {_span(rows, ctx.lang)}, {count}, {top}"


def totals_by_year(
    frame: pd.DataFrame,
    ctx: ChartContext,
    color_by: str = "indicator",
    indicator_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Stacked bars: sum of amounts per year, one colour per indicator (or status).

    Sums of 'up to' and 'about' amounts are flagged in the hover rather than hidden.
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {COLOR_BY}, not '{color_by}'")
    rows = _money_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    ctx = theme.with_defaults(ctx, rows, "EUR")
    lang = ctx.lang
    rows = rows.assign(_year=progress.years_of(rows).astype(int), _key=rows[color_by].astype(str))
    rows = rows.assign(
        _bound=rows["qualifier"].fillna("").astype(str).ne("") if "qualifier" in rows else False
    )
    totals = rows.groupby(["_year", "_key"], as_index=False).agg(
        value=("value", "sum"), entries=("value", "size"), bound=("_bound", "any")
    )
    divisor, axis_title = theme.money_scale(totals.groupby("_year")["value"].sum(), lang)
    fig = go.Figure(layout=theme.base_layout(lang))
    for index, key in enumerate(sorted(totals["_key"].unique())):
        part = totals[totals["_key"] == key]
        name = _group_name(key, color_by, indicator_labels, lang)
        fig.add_trace(
            go.Bar(
                x=part["_year"],
                y=part["value"] / divisor,
                name=name,
                marker={"color": theme.series_color(index)},
                hovertext=[_total_hover(name, row, lang) for row in part.to_dict("records")],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    first, last = int(totals["_year"].min()), int(totals["_year"].max())
    fig.update_layout(barmode="stack")
    fig.update_xaxes(**theme.year_ticks(first, last))
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    span = i18n.format_span(str(first), str(last), lang)
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{axis_title}, {span}")
    total = i18n.format_value(float(totals["value"].sum()), "EUR", lang)
    head = f"{i18n.t('figure.stacked_bar_chart', lang)}: {ctx.title}".rstrip(": ")
    return theme.apply_frame(fig, ctx, f"{head}, {span}, {total}")


def _total_hover(name: str, row: Mapping[str, object], lang: str) -> str:
    lines = [
        f"<b>{name}</b>",
        f"{row['_year']}: {i18n.format_value(float(row['value']), 'EUR', lang, compact=False)}",  # type: ignore[arg-type]
        i18n.tn("figure.points_count", int(row["entries"]), lang),
    ]
    if row["bound"]:
        lines.append(i18n.t("figure.includes_bounds", lang))
    return "<br>".join(lines)
