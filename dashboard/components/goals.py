"""The overview's table of every other goal and projection, each assessed like the pack's goal. On
phones each row becomes a card whose cells carry their column name (assets/overview.css)."""

from __future__ import annotations

from dash import html

from dashboard import data
from dashboard.components.source import source_link
from dashboard.data.goals import Assessment
from dashboard.data.progress import verdict_text
from dashboard.i18n import format_period, format_value, status_label, t

COLUMNS = ("series", "latest", "goal", "verdict")


def _label(assessment: Assessment) -> str:
    indicator, region, breakdown = assessment.key
    parts = [data.label("indicators", indicator)]
    if breakdown:
        parts.append(data.label("entities", breakdown))
    return f"{' · '.join(parts)} ({data.label('regions', region)})"


def _latest(assessment: Assessment) -> list:
    latest = assessment.latest
    if latest is None:
        return ["–"]
    value = format_value(
        float(latest["value"]), str(latest["unit"]), qualifier=str(latest["qualifier"] or "")
    )
    return [value, f" ({format_period(str(latest['period']))}) ", source_link(latest)]


def _goal(assessment: Assessment) -> list:
    goal = assessment.goal
    value = format_value(goal.value, goal.unit, qualifier=goal.qualifier)
    source = {"publisher": goal.publisher, "source_url": goal.source_url, "source_title": goal.source_title}
    return [value, f" ({format_period(goal.period)}, {status_label(goal.status)}) ", source_link(source)]


def _row(assessment: Assessment) -> html.Tr:
    cells = (
        _label(assessment),
        _latest(assessment),
        _goal(assessment),
        verdict_text(assessment.progress, assessment.unit),
    )
    return html.Tr(
        [
            html.Td(html.Div(cell), **{"data-label": t(f"goals.col.{name}")})
            for name, cell in zip(COLUMNS, cells, strict=True)
        ],
        className=f"goal-{assessment.progress.verdict}",
    )


def goals_table(assessments: tuple[Assessment, ...]) -> html.Section | None:
    if not assessments:
        return None
    header = html.Thead(html.Tr([html.Th(t(f"goals.col.{name}"), scope="col") for name in COLUMNS]))
    table = html.Table(
        [header, html.Tbody([_row(item) for item in assessments])],
        className="table table-sm table-striped goals-table",
        id="overview-goals-table",
    )
    return html.Section(
        [
            html.H2(t("goals.heading"), className="h5 mt-4"),
            html.P(t("goals.help"), className="small"),
            html.Div(table, className="goals-table-box"),
        ],
        id="overview-goals",
    )
