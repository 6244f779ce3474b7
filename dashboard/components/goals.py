"""The overview's table of every other goal and projection, tracked like the 2030 jobs goal (pure views)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import data
from dashboard.components.source import source_link
from dashboard.i18n import format_value, t
from dashboard.progress import track, verdict_text
from etl.headline import ACTUAL_STATUSES

GOAL_STATUSES = ("target", "projection")
SERIES = ["indicator", "region", "breakdown"]


def goal_keys(skip: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    observations = data.snapshot().observations
    goals = observations[observations["status"].isin(GOAL_STATUSES)]
    keys = goals[SERIES].astype(str).drop_duplicates().itertuples(index=False, name=None)
    return sorted(key for key in keys if key != skip)


def _goal_row(frame: pd.DataFrame) -> pd.Series:
    """The latest target, else the latest projection."""
    goals = frame[frame["status"].isin(GOAL_STATUSES)].assign(_t=frame["status"].ne("target"))
    return goals.sort_values(["_t", "period_start"], ascending=[True, False]).iloc[0]


def _label(key: tuple[str, str, str], lang: str) -> str:
    indicator, region, breakdown = key
    parts = [data.label("indicators", indicator, lang)]
    if breakdown:
        parts.append(data.label("entities", breakdown, lang))
    return f"{' · '.join(parts)} ({data.label('regions', region, lang)})"


def _row(key: tuple[str, str, str], lang: str) -> html.Tr | None:
    frame = data.series(*key)
    actual = data.headline_rows(frame, ACTUAL_STATUSES)
    if actual.empty:
        return None
    goal = _goal_row(frame)
    unit = str(goal["unit"])
    progress = track(actual, int(goal["period_start"].year), float(goal["value"]))
    latest = actual.iloc[-1]
    return html.Tr(
        [
            html.Td(_label(key, lang)),
            html.Td(
                [
                    format_value(float(latest["value"]), unit, lang, str(latest["qualifier"])),
                    f" ({latest['period']}) ",
                ]
            ),
            html.Td(
                [
                    format_value(float(goal["value"]), unit, lang, str(goal["qualifier"])),
                    f" ({goal['period']}, {t('status.' + str(goal['status']), lang)}) ",
                    source_link(goal),
                ]
            ),
            html.Td(verdict_text(progress, lang, unit)),
        ]
    )


def goals_table(lang: str, skip: tuple[str, str, str]) -> html.Section | None:
    rows = [row for row in (_row(key, lang) for key in goal_keys(skip)) if row is not None]
    if not rows:
        return None
    header = html.Thead(
        html.Tr([html.Th(t(f"goals.col.{c}", lang)) for c in ("series", "latest", "goal", "verdict")])
    )
    table = dbc.Table([header, html.Tbody(rows)], size="sm", striped=True, className="goals-table")
    return html.Section(
        [
            html.H2(t("goals.heading", lang), className="h5 mt-4"),
            html.P(t("goals.help", lang), className="small"),
            html.Div(table, className="table-responsive"),
        ],
        id="overview-goals",
    )
