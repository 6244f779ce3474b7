"""The "path to the goal" chart: actual series, the paths to the goal, the goal and the verdict.

Pure: the data layer decides the goal, the paths and the verdict (dashboard.data.progress and goals);
this module draws what a GoalView says. The straight and the constant-growth path run from the latest
actual value to the goal and share one legend entry; a footer line says which is which.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.theme import OKABE_ITO, ChartContext
from etl.vocabulary import FORWARD, TENTATIVE

Path = tuple[tuple[int, float], ...]
_VERDICT_COLORS = {
    "on_track": OKABE_ITO["bluish_green"],
    "achieved": OKABE_ITO["bluish_green"],
    "off_track": OKABE_ITO["vermillion"],
}
_ACTUAL = OKABE_ITO["blue"]
_GOAL = OKABE_ITO["vermillion"]
_PATHS = "paths"


@dataclass(frozen=True)
class GoalView:
    """What the figure draws about the goal, already decided and worded by the data layer."""

    year: int
    value: float
    label: str  # 'Goal 2030: more than 100,000'
    verdict: str = ""  # short lines for the plot, joined by '<br>'
    verdict_kind: str = ""  # on_track, off_track, achieved, insufficient_data
    linear_path: Path = ()
    compound_path: Path = ()
    pace_path: Path = ()
    straight_name: str = ""  # hover names of the paths
    compound_name: str = ""
    pace_name: str = ""
    paths_name: str = ""  # the one legend entry of both paths
    notes: tuple[str, ...] = ()  # footer lines: which path is which, the goal's other wordings
    higher_is_better: bool = True


def _observed(rows: pd.DataFrame) -> pd.DataFrame:
    """Annual measured rows, one per year, with their metadata for hovers."""
    keep = ~rows["status"].isin(FORWARD) if "status" in rows else pd.Series(True, index=rows.index)
    if "frequency" in rows:
        keep &= rows["frequency"] == "A"
    picked = rows[keep]
    picked = picked.assign(_year=pd.to_datetime(picked["period_start"]).dt.year.astype(int))
    return picked.drop_duplicates("_year", keep="last").sort_values("_year")


def _symbols(observed: pd.DataFrame) -> list[str]:
    """Provisional values and estimates count towards progress but keep their open marker."""
    statuses = observed["status"] if "status" in observed else pd.Series("actual", index=observed.index)
    return ["circle-open" if status in TENTATIVE else "circle" for status in statuses]


def _path_trace(path: Path, name: str, color: str, dash: str, unit: str, divisor: float, lang: str, **extra):
    """A path; `name` is what its hover says (the legend may name the pair instead)."""
    hover = [
        f"<b>{name}</b><br>{year}: {i18n.format_value(value, unit, lang, decimals=0)}" for year, value in path
    ]
    return go.Scatter(
        x=[year for year, _ in path],
        y=[value / divisor for _, value in path],
        name=extra.pop("legend_name", name),
        mode="lines",
        line={"color": color, "dash": dash, "width": 2},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        **extra,
    )


def _paths(goal: GoalView, unit: str, divisor: float, lang: str) -> list[go.Scatter]:
    """The straight and the compound path as one legend entry (they end at the same goal), then the
    recent pace if the view has it."""
    styles = [
        (goal.linear_path, goal.straight_name, theme.FOOTER, "dash"),
        (goal.compound_path, goal.compound_name, OKABE_ITO["orange"], "dot"),
    ]
    traces: list[go.Scatter] = []
    for path, name, color, dash in styles:
        if not path:
            continue
        first = not traces
        legend = {"legend_name": goal.paths_name or name} if first else {"showlegend": False}
        traces.append(_path_trace(path, name, color, dash, unit, divisor, lang, legendgroup=_PATHS, **legend))
    if goal.pace_path:
        traces.append(
            _path_trace(goal.pace_path, goal.pace_name, OKABE_ITO["sky_blue"], "dashdot", unit, divisor, lang)
        )
    return traces


def _goal_marker(goal: GoalView, divisor: float) -> go.Scatter:
    return go.Scatter(
        x=[goal.year],
        y=[goal.value / divisor],
        name=goal.label,
        mode="markers",
        marker={"symbol": "star", "size": 18, "color": _GOAL, "line": {"color": "white", "width": 1}},
        hovertext=[goal.label],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,  # the label beside the star names it
        cliponaxis=False,
    )


def _goal_label(fig: go.Figure, goal: GoalView, divisor: float) -> None:
    """Goal label as an annotation: its white background keeps it legible over the path lines."""
    fig.add_annotation(
        text=f"<b>{goal.label}</b>",
        x=goal.year,
        y=goal.value / divisor,
        xanchor="right",
        yanchor="bottom",
        xshift=-8,
        yshift=8,
        showarrow=False,
        bgcolor="rgba(255,255,255,0.85)",
        font={"color": _GOAL, "size": 13},
        name="goal",
    )


def _verdict_annotation(fig: go.Figure, goal: GoalView) -> None:
    fig.add_annotation(
        text=goal.verdict,
        xref="paper",
        yref="paper",
        x=0.01,
        y=0.99,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        bgcolor="rgba(255,255,255,0.9)",
        bordercolor=_VERDICT_COLORS.get(goal.verdict_kind, theme.MUTED),
        borderwidth=2,
        borderpad=6,
        font={"size": 13},
        name="verdict",
    )


def target_chart(frame: pd.DataFrame, ctx: ChartContext, goal: GoalView | None) -> go.Figure:
    """Actual annual values of one series and the path to its goal. The frame holds one indicator,
    region and breakdown (one figure per period); goals and projections in it are not drawn as points."""
    rows = theme.finite_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    if goal is None:
        return theme.empty_figure(i18n.t("figure.no_target", ctx.lang), ctx)
    observed = _observed(rows)
    if observed.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    unit = theme.frame_unit(rows)
    ctx = theme.with_defaults(ctx, observed, unit)
    divisor, axis_title = theme.axis_scale(unit, [*observed["value"], goal.value], ctx)
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
    fig.add_traces(_paths(goal, unit, divisor, lang))
    fig.add_trace(_goal_marker(goal, divisor))
    _goal_label(fig, goal, divisor)
    if goal.verdict:
        _verdict_annotation(fig, goal)

    first_year = int(observed["_year"].iloc[0])
    last_year = max(goal.year, int(observed["_year"].iloc[-1]))
    fig.update_xaxes(**theme.year_ticks(first_year, last_year))
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    # Inside the plot, in the corner a rising (or, for reduction goals, falling) path leaves empty.
    corner = {"y": 0.02, "yanchor": "bottom"} if goal.higher_is_better else {"y": 0.98, "yanchor": "top"}
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
        ctx = replace(ctx, subtitle=f"{axis_title[:1].upper()}{axis_title[1:]}, {first_year}–{goal.year}")
    return theme.apply_frame(fig, ctx, _summary(ctx, observed, goal, unit), goal.notes)


def _summary(ctx: ChartContext, observed: pd.DataFrame, goal: GoalView, unit: str) -> str:
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
    head = f"{i18n.t('figure.target_chart', lang)}: {ctx.title}".rstrip(": ")
    verdict = goal.verdict.replace("<br>", " ")
    return f"{head}, {span}, {change}. {goal.label}. {verdict}".rstrip(" .") + "."
