"""The "path to the goal" chart: actual series, two required paths, the goal and the verdict.

The straight path and the constant-growth path run from the latest actual value to the goal; the
verdict (from dashboard.progress) compares the recent growth rate with the one the goal needs.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n, progress
from dashboard.figures import theme
from dashboard.figures.theme import OKABE_ITO, ChartContext

_VERDICT_COLORS = {
    "on_track": OKABE_ITO["bluish_green"],
    "achieved": OKABE_ITO["bluish_green"],
    "off_track": OKABE_ITO["vermillion"],
}
_ACTUAL = OKABE_ITO["blue"]
_GOAL = OKABE_ITO["vermillion"]


def _observed(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows progress.track counts as actuals, one per year, with their metadata for hovers."""
    keep = (
        ~rows["status"].isin(progress.NOT_ACTUAL) if "status" in rows else pd.Series(True, index=rows.index)
    )
    if "frequency" in rows:
        keep &= rows["frequency"] == "A"
    picked = rows[keep].assign(_year=progress.years_of(rows[keep]))
    picked = picked[picked["_year"].notna()].astype({"_year": int})
    return picked.drop_duplicates("_year", keep="last").sort_values("_year")


def _symbols(observed: pd.DataFrame) -> list[str]:
    """Provisional values and estimates count towards progress but keep their open marker."""
    statuses = observed["status"] if "status" in observed else pd.Series("actual", index=observed.index)
    return ["circle-open" if status in theme.STATUS_TENTATIVE else "circle" for status in statuses]


def _path_trace(path: progress.Path, name: str, color: str, dash: str, unit: str, divisor: float, lang: str):
    years = [year for year, _ in path]
    values = [value for _, value in path]
    hover = [
        f"<b>{name}</b><br>{year}: {i18n.format_value(value, unit, lang, decimals=0)}" for year, value in path
    ]
    return go.Scatter(
        x=years,
        y=[v / divisor for v in values],
        name=name,
        mode="lines",
        line={"color": color, "dash": dash, "width": 2},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _goal_trace(year: int, value: float, unit: str, divisor: float, lang: str) -> go.Scatter:
    label = i18n.t("figure.goal", lang, year=year, value=i18n.format_value(value, unit, lang))
    return go.Scatter(
        x=[year],
        y=[value / divisor],
        name=label,
        mode="markers",
        marker={"symbol": "star", "size": 18, "color": _GOAL, "line": {"color": "white", "width": 1}},
        hovertext=[label],
        hovertemplate="%{hovertext}<extra></extra>",
        cliponaxis=False,
    )


def _goal_label(fig: go.Figure, year: int, value: float, unit: str, divisor: float, lang: str) -> None:
    """Goal label as an annotation: its white background keeps it legible over the path lines."""
    label = i18n.t("figure.goal", lang, year=year, value=i18n.format_value(value, unit, lang))
    fig.add_annotation(
        text=f"<b>{label}</b>",
        x=year,
        y=value / divisor,
        xanchor="right",
        yanchor="bottom",
        xshift=-8,
        yshift=8,
        showarrow=False,
        bgcolor="rgba(255,255,255,0.85)",
        font={"color": _GOAL, "size": 13},
        name="goal",
    )


def _verdict_annotation(fig: go.Figure, text: str, verdict: str) -> None:
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0.01,
        y=0.99,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        bgcolor="rgba(255,255,255,0.9)",
        bordercolor=_VERDICT_COLORS.get(verdict, theme.MUTED),
        borderwidth=2,
        borderpad=6,
        font={"size": 13},
        name="verdict",
    )


def _paths(
    result: progress.Progress, unit: str, divisor: float, lang: str, show_pace: bool
) -> list[go.Scatter]:
    traces = []
    if result.linear_path:
        name = i18n.t("figure.straight_path", lang)
        traces.append(_path_trace(result.linear_path, name, theme.FOOTER, "dash", unit, divisor, lang))
    if result.compound_path:
        rate = i18n.format_percent(100 * (result.required_cagr or 0.0), lang, 1)
        name = i18n.t("figure.compound_path", lang, rate=rate)
        traces.append(
            _path_trace(result.compound_path, name, OKABE_ITO["orange"], "dot", unit, divisor, lang)
        )
    if show_pace and result.pace_path:
        rate = i18n.format_percent(100 * (result.actual_cagr or 0.0), lang, 1)
        name = i18n.t("figure.pace_path", lang, rate=rate)
        traces.append(
            _path_trace(result.pace_path, name, OKABE_ITO["sky_blue"], "dashdot", unit, divisor, lang)
        )
    return traces


def target_chart(
    frame: pd.DataFrame,
    ctx: ChartContext,
    target: tuple[int, float] | None = None,
    *,
    window: int = progress.DEFAULT_WINDOW,
    higher_is_better: bool = True,
    show_pace: bool = False,
) -> go.Figure:
    """Actual annual values of one series and the path to its goal.

    `target` is (year, value); without it the latest-year row with status 'target' in the frame is
    used. The frame should hold one indicator, region, breakdown and (preferred) source.
    """
    rows = theme.finite_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    goal = target or progress.target_from(rows)
    if goal is None:
        return theme.empty_figure(i18n.t("figure.no_target", ctx.lang), ctx)
    observed = _observed(rows)
    if observed.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    result = progress.track(observed, *goal, window=window, higher_is_better=higher_is_better)
    unit = theme.frame_unit(rows)
    ctx = theme.with_defaults(ctx, observed, unit)
    divisor, axis_title = theme.axis_scale(unit, [*observed["value"], goal[1]], ctx)
    lang = ctx.lang

    fig = go.Figure(layout=theme.base_layout(lang))
    name = i18n.t("figure.actual", lang)
    fig.add_trace(
        go.Scatter(
            x=observed["_year"],
            y=observed["value"].astype(float) / divisor,
            name=name,
            mode="lines+markers",
            line={"color": _ACTUAL, "width": 2.5},
            marker={"color": _ACTUAL, "size": 8, "symbol": _symbols(observed)},
            hovertext=[theme.point_hover(name, row, unit, lang) for row in observed.to_dict("records")],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.add_traces(_paths(result, unit, divisor, lang, show_pace))
    fig.add_trace(_goal_trace(goal[0], goal[1], unit, divisor, lang))
    _goal_label(fig, goal[0], goal[1], unit, divisor, lang)
    verdict = progress.verdict_text(result, lang, unit)
    _verdict_annotation(fig, verdict, result.verdict)

    first_year = int(observed["_year"].iloc[0])
    last_year = max(goal[0], int(observed["_year"].iloc[-1]))
    fig.update_xaxes(**theme.year_ticks(first_year, last_year))
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    # Inside the plot, in the corner a rising (or, for reduction goals, falling) path leaves empty.
    corner = {"y": 0.02, "yanchor": "bottom"} if higher_is_better else {"y": 0.98, "yanchor": "top"}
    fig.update_layout(
        legend={
            "orientation": "v",
            "x": 0.99,
            "xanchor": "right",
            **corner,
            "bgcolor": "rgba(255,255,255,0.85)",
            "traceorder": "normal",
        }
    )
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{axis_title[:1].upper()}{axis_title[1:]}, {first_year}–{goal[0]}")
    return theme.apply_frame(fig, ctx, _summary(ctx, observed, goal, unit, verdict))


def _summary(
    ctx: ChartContext, observed: pd.DataFrame, goal: tuple[int, float], unit: str, verdict: str
) -> str:
    lang = ctx.lang
    first, last = observed.iloc[0], observed.iloc[-1]
    change = i18n.t(
        "figure.from_to",
        lang,
        start=i18n.format_value(first["value"], unit, lang, theme.text_of(first.get("qualifier"))),
        end=i18n.format_value(
            last["value"], unit, lang, theme.text_of(last.get("qualifier")), with_unit=True
        ),
    )
    span = f"{int(first['_year'])}–{int(last['_year'])}"
    goal_text = i18n.t("figure.goal", lang, year=goal[0], value=i18n.format_value(goal[1], unit, lang))
    head = f"{i18n.t('figure.target_chart', lang)}: {ctx.title}".rstrip(": ")
    return f"{head}, {span}, {change}. {goal_text}. {verdict}"
