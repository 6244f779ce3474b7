"""/ : headline indicators and the path to the 2030 goal ("are we on track?")."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.components.chart import chart_card
from dashboard.components.goals import goals_table
from dashboard.components.kpi import kpi_card
from dashboard.figures import ChartContext, target_chart
from dashboard.i18n import normalise_lang, t
from dashboard.progress import target_from, track, verdict_text
from etl.pack import Card
from etl.vocabulary import MEASURED

dash.register_page(__name__, path="/", title=lambda: t("site.title"), order=0)


PATH_GRAPH = "overview-path-graph"
VERDICT = "overview-verdict"
ACTUAL = MEASURED


def _goal():
    """The pack's goal series (indicator, region, breakdown)."""
    goal = data.pack().goal
    if goal is None:
        raise LookupError("the region pack names no [goal]")
    return goal


def actual_series(indicator: str, region: str, breakdown: str = "") -> pd.DataFrame:
    """One actual value per period, from the preferred source, oldest first."""
    frame = data.series(indicator, region, breakdown)
    frame = frame[frame["status"].isin(ACTUAL)]
    return data.preferred(frame, data.catalog()).sort_values("period_start")


def cumulative_series(indicator: str, lang: str) -> pd.DataFrame:
    """Running sum by year of every actual value of the indicator in the home region and below."""
    frame = data.series(indicator)
    inside = list(data.pack().within_home())
    frame = frame[frame["status"].isin(ACTUAL) & frame["region"].astype(str).isin(inside)]
    if frame.empty:
        return frame
    by_year = frame.groupby(frame["period_start"].dt.year)["value"].sum().sort_index().cumsum()
    return pd.DataFrame(
        {
            "period": by_year.index.astype(str),
            "period_start": pd.to_datetime(by_year.index.astype(str), format="%Y"),
            "value": by_year.to_numpy(),
            "unit": "EUR",
            "qualifier": "",
            "status": "actual",
            "publisher": t("overview.aid_publisher", lang),
            "source_url": "/funding" + ("?lang=de" if lang == "de" else ""),
            "source_title": ", ".join(sorted(frame["source_title"].astype(str).unique())),
        }
    )


def _card_series(card: Card, lang: str) -> pd.DataFrame:
    if card.cumulative:
        return cumulative_series(card.indicator, lang)
    return actual_series(card.indicator, card.region, card.breakdown)


def kpi_cards(lang: str) -> dbc.Row:
    cards = [
        kpi_card(f"overview-kpi-{card.key}", card.title.get(lang), _card_series(card, lang), lang, card.page)
        for card in data.pack().headline
    ]
    return dbc.Row([dbc.Col(card, xs=12, sm=6, lg=3, className="mb-3") for card in cards])


def path_series() -> pd.DataFrame:
    """Actual values (preferred source) plus the target rows, for the path-to-goal chart."""
    goal = _goal()
    frame = data.series(goal.indicator, goal.region, goal.breakdown)
    targets = frame[frame["status"] == "target"]
    actual = actual_series(goal.indicator, goal.region, goal.breakdown)
    return pd.concat([actual, targets]).sort_values("period_start")


@charts.register("overview-path")
def path_chart(lang: str, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """The path-to-goal chart and the rows it shows (used by the page, /export and /embed)."""
    moment = data.last_import()
    frame = path_series()
    goal = target_from(frame)
    title = _goal().title.get(lang).format(year=goal[0] if goal else "")
    ctx = ChartContext(
        lang=lang,
        title=title,
        subtitle=t("overview.path_subtitle", lang, target=_format_goal(goal, lang)) if goal else "",
        data_as_of=moment.date() if moment else None,
    )
    figure = target_chart(frame, ctx, goal)
    actual = frame[frame["status"] != "target"]
    what = f"{data.pack().file_prefix}-{_goal().file_name}"
    name = citation.filename(what, citation.period_span(actual), "path-to", str(goal[0] if goal else ""))
    return charts.ChartOutput(figure, frame, name, title, citation.citation(frame, title, lang))


def path_section(lang: str) -> html.Div:
    frame = path_series()
    goal = target_from(frame)
    if goal is None or frame.empty:
        return dbc.Alert(t("overview.no_data", lang), color="warning")
    output = path_chart(lang)
    verdict = verdict_text(track(frame, *goal), lang, _goal_unit())
    return html.Section(
        [
            html.H2(t("overview.verdict_heading", lang), className="h5 mt-2"),
            html.P(verdict, id=VERDICT, className="verdict"),
            chart_card(
                PATH_GRAPH,
                output.figure,
                lang,
                output.filename,
                480,
                chart="overview-path",
                citation=output.citation,
            ),
        ]
    )


def _format_goal(goal: tuple[int, float], lang: str) -> str:
    from dashboard.i18n import format_value

    return format_value(goal[1], _goal_unit(), lang, with_unit=True)


def _goal_unit() -> str:
    return str(data.catalog().indicators.get(_goal().indicator, {}).get("unit", ""))


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    return _page(data.settings().database_url, data.version(), lang)


@lru_cache(maxsize=8)
def _page(url: str, version: int, lang: str) -> html.Div:
    """The overview depends only on the data and the language: built once per data version."""
    return html.Div(
        [
            html.H1(t("site.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("site.lead", lang), className="text-muted"),
            kpi_cards(lang),
            path_section(lang),
            goals_table(lang, skip=(_goal().indicator, _goal().region, _goal().breakdown)),
        ]
    )
