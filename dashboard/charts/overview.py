"""The overview's named chart: the path to the pack's goal (page, /export and /embed draw the same)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from dashboard import charts, data
from dashboard.charts import citation, derived
from dashboard.charts.context import chart_context
from dashboard.data import goals, progress
from dashboard.figures import target_chart
from dashboard.figures.target import GoalView
from dashboard.figures.theme import source_names
from dashboard.i18n import current, format_period, format_value, status_label, t, use_locale

NAME = "overview-path"


def goal_label(statement: goals.Statement) -> str:
    """'Goal 2030: more than 100,000', worded as published (the source line says whether the statement
    is a target or a projection)."""
    value = format_value(statement.value, statement.unit, qualifier=statement.qualifier)
    return t("figure.goal", year=statement.year, value=value)


def statement_source(statement: goals.Statement) -> str:
    """'Cluster association e.V., projection, 11 Jun 2024': publisher, status, publication date."""
    when = format_period(statement.published) if statement.published else ""
    return ", ".join(part for part in (statement.publisher, status_label(statement.status), when) if part)


def also_published(assessment: goals.Assessment) -> str:
    """'Also published for 2030: 100,000 (Startup Mitteldeutschland ..., target, Nov 2023).'"""
    if not assessment.also:
        return ""
    items = [
        f"{format_value(s.value, s.unit, qualifier=s.qualifier)} ({statement_source(s)})"
        for s in assessment.also
    ]
    return t("figure.also_published", year=assessment.goal.year, items="; ".join(items))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def verdict_lines(result: progress.Progress, unit: str) -> str:
    """The verdict in short lines for the plot (the page states it in full above the chart)."""
    if result.verdict in ("on_track", "off_track") and result.actual_cagr is not None:
        lines = [
            f"<b>{_capital(progress.verdict_word(result))}</b>",
            f"{progress.needs_text(result)};",
            f"{progress.grew_text(result)}",
        ]
    else:
        lines = [progress.verdict_text(result, unit).replace(progress.age_text(result, unit), "").strip()]
    return "<br>".join([*lines, progress.age_text(result, unit)])


def goal_view(assessment: goals.Assessment) -> GoalView:
    result, goal = assessment.progress, assessment.goal
    rate = progress.rate_text(result.required_cagr, result.required_bound)
    notes = [t("figure.paths_note", rate=rate) if result.compound_path else "", also_published(assessment)]
    return GoalView(
        year=goal.year,
        value=goal.value,
        label=goal_label(goal),
        verdict=verdict_lines(result, assessment.unit),
        verdict_kind=result.verdict,
        linear_path=result.linear_path,
        compound_path=result.compound_path,
        straight_name=t("figure.straight_path"),
        compound_name=t("figure.compound_path", rate=rate),
        paths_name=t("figure.paths"),
        notes=tuple(note for note in notes if note),
    )


def _title(year: object) -> str:
    goal = data.pack().goal
    return goal.title.get(current()).format(year=year) if goal else ""


@charts.register(NAME)
def path_chart(lang: str | None = None, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """The path-to-goal chart and the rows it shows (actual figures and the goal's statements)."""
    with use_locale(lang or current()):
        return _path_chart()


def _path_chart() -> charts.ChartOutput:
    assessment = goals.pack_goal()
    goal = assessment.goal if assessment else None
    title = _title(goal.year if goal else "")
    rows = assessment.rows() if assessment else data.empty()
    actual = rows[~rows["status"].isin(goals.GOAL_STATUSES)]
    target = format_value(goal.value, goal.unit, qualifier=goal.qualifier, with_unit=True) if goal else ""
    subtitle = t("overview.path_subtitle", target=target) if goal else ""
    ctx = chart_context(None, title, subtitle, rows=rows)
    if goal is not None:
        goal_source = t("figure.goal_source", source=statement_source(goal))
        ctx = replace(
            ctx, source_line="; ".join(p for p in ("; ".join(source_names(actual)), goal_source) if p)
        )
    figure = target_chart(rows, ctx, goal_view(assessment) if assessment else None)
    pack_goal = data.pack().goal
    what = f"{data.pack().file_prefix}-{pack_goal.file_name if pack_goal else 'goal'}"
    name = citation.filename(what, citation.period_span(actual), "path-to", str(goal.year if goal else ""))
    made = derived_rows(assessment) if assessment else None
    return charts.ChartOutput(
        figure, rows, name, title, citation.citation(rows, title, ctx.lang), derived=made
    )


def derived_rows(assessment: goals.Assessment) -> pd.DataFrame:
    """What the chart computes and draws, for the exports: both paths to the goal, point by point, and
    the yearly growth the goal requires from the latest figure on (named as the chart's legend does)."""
    result = assessment.progress
    key = derived.SeriesKey(*assessment.key)
    rate = progress.rate_text(result.required_cagr, result.required_bound)
    start = result.latest_year
    percent = 100 * result.required_cagr if result.required_cagr is not None and start is not None else None
    return derived.frame(
        derived.path_rows(
            t("figure.straight_path"), result.linear_path, assessment.unit, t("export.method.straight"), key
        ),
        derived.path_rows(
            t("figure.compound_path", rate=rate),
            result.compound_path,
            assessment.unit,
            t("export.method.compound"),
            key,
        ),
        derived.rate_rows(
            t("export.method.rate_name"),
            percent,
            start or 0,
            result.target_year,
            t("export.method.rate"),
            key,
        ),
    )
