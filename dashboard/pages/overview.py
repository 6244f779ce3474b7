"""/ : headline indicators and the path to the 2030 goal ("are we on track?")."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import charts, citation, data
from dashboard.components.chart import chart_card
from dashboard.components.goals import goals_table
from dashboard.components.kpi import kpi_card
from dashboard.figures import ChartContext, target_chart
from dashboard.i18n import normalise_lang, register, t
from dashboard.progress import target_from, track, verdict_text

dash.register_page(__name__, path="/", title="Regiometer: Silicon Saxony in numbers", order=0)

register(
    {
        "overview.heading": {
            "en": "Saxony's microelectronics and ICT ecosystem",
            "de": "Das Mikroelektronik- und IKT-Ökosystem Sachsens",
        },
        "overview.lead": {
            "en": 'Jobs, companies, funding and clusters of "Silicon Saxony", each figure with its source.',
            "de": 'Beschäftigte, Unternehmen, Förderung und Cluster im "Silicon Saxony", '
            "jede Zahl mit Quelle.",
        },
        "overview.jobs_title": {
            "en": "People employed in microelectronics/ICT in Saxony",
            "de": "Beschäftigte in Mikroelektronik/IKT in Sachsen",
        },
        "overview.kpi.jobs": {"en": "Microelectronics/ICT jobs", "de": "Beschäftigte Mikroelektronik/IKT"},
        "overview.kpi.software": {"en": "Software jobs", "de": "Beschäftigte Software"},
        "overview.kpi.companies": {"en": "Companies", "de": "Unternehmen"},
        "overview.kpi.turnover": {"en": "Annual turnover", "de": "Jahresumsatz"},
        "overview.kpi.members": {"en": "Silicon Saxony members", "de": "Mitglieder Silicon Saxony"},
        "overview.kpi.partners": {"en": "Smart Systems Hub partners", "de": "Partner Smart Systems Hub"},
        "overview.kpi.aid": {
            "en": "EU-approved state aid for Saxon fabs (cumulative)",
            "de": "EU-genehmigte Beihilfen für sächsische Fabriken (kumuliert)",
        },
        "overview.aid_publisher": {
            "en": "European Commission decisions",
            "de": "Beschlüsse der EU-Kommission",
        },
        "overview.path_title": {
            "en": "Microelectronics/ICT jobs in Saxony: the path to {year}",
            "de": "Beschäftigte Mikroelektronik/IKT in Sachsen: der Weg bis {year}",
        },
        "overview.path_subtitle": {
            "en": "Actual figures and the paths to the goal of {target}",
            "de": "Ist-Werte und die Wege zum Ziel von {target}",
        },
        "overview.verdict_heading": {"en": "Are we on track?", "de": "Sind wir auf Kurs?"},
        "overview.no_data": {
            "en": "No employment figures are loaded yet. Run 'python -m etl init'.",
            "de": "Noch keine Beschäftigtenzahlen geladen. Führen Sie 'python -m etl init' aus.",
        },
    }
)

REGION = "DED"
JOBS = "employment.ict_micro"
PATH_GRAPH = "overview-path-graph"
VERDICT = "overview-verdict"
ACTUAL = ("actual", "provisional", "estimate")
# (card id, title key, indicator, breakdown, region, link)
KPIS = [
    ("overview-kpi-jobs", "overview.kpi.jobs", JOBS, "", REGION, "/employment"),
    ("overview-kpi-software", "overview.kpi.software", JOBS, "software", REGION, "/employment"),
    ("overview-kpi-companies", "overview.kpi.companies", "industry.companies", "", REGION, "/employment"),
    ("overview-kpi-turnover", "overview.kpi.turnover", "industry.turnover", "", REGION, "/employment"),
    (
        "overview-kpi-members",
        "overview.kpi.members",
        "cluster.members",
        "silicon-saxony",
        REGION,
        "/clusters",
    ),
    (
        "overview-kpi-partners",
        "overview.kpi.partners",
        "cluster.partners",
        "smart-systems-hub",
        "DED2",
        "/clusters",
    ),
]


def actual_series(indicator: str, region: str, breakdown: str = "") -> pd.DataFrame:
    """One actual value per period, from the preferred source, oldest first."""
    frame = data.series(indicator, region, breakdown)
    frame = frame[frame["status"].isin(ACTUAL)]
    return data.preferred(frame, data.snapshot().catalog).sort_values("period_start")


def state_aid_series(lang: str) -> pd.DataFrame:
    """Cumulative EU-approved state aid for projects in Saxony, by year of approval."""
    frame = data.series("funding.state_aid_eur")
    frame = frame[frame["status"].isin(ACTUAL) & frame["region"].astype(str).str.startswith("DED")]
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


def kpi_cards(lang: str) -> dbc.Row:
    cards = [
        kpi_card(card_id, t(title, lang), actual_series(indicator, region, breakdown), lang, link)
        for card_id, title, indicator, breakdown, region, link in KPIS
    ]
    cards.append(
        kpi_card("overview-kpi-aid", t("overview.kpi.aid", lang), state_aid_series(lang), lang, "/funding")
    )
    return dbc.Row([dbc.Col(card, xs=12, sm=6, lg=3, className="mb-3") for card in cards])


def path_series() -> pd.DataFrame:
    """Actual values (preferred source) plus the target rows, for the path-to-goal chart."""
    frame = data.series(JOBS, REGION, "")
    targets = frame[frame["status"] == "target"]
    return pd.concat([actual_series(JOBS, REGION), targets]).sort_values("period_start")


@charts.register("overview-path")
def path_chart(lang: str, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """The path-to-goal chart and the rows it shows (used by the page, /export and /embed)."""
    snapshot = data.snapshot()
    frame = path_series()
    goal = target_from(frame)
    title = t("overview.path_title", lang, year=goal[0] if goal else 2030)
    ctx = ChartContext(
        lang=lang,
        title=title,
        subtitle=t("overview.path_subtitle", lang, target=_format_goal(goal, lang)) if goal else "",
        data_as_of=snapshot.as_of.date() if snapshot.as_of else None,
    )
    figure = target_chart(frame, ctx, goal)
    actual = frame[frame["status"] != "target"]
    name = citation.filename(
        "saxony-ict-employment", citation.period_span(actual), "path-to", str(goal[0] if goal else "")
    )
    return charts.ChartOutput(figure, frame, name, title, citation.citation(frame, title, lang))


def path_section(lang: str) -> html.Div:
    frame = path_series()
    goal = target_from(frame)
    if goal is None or frame.empty:
        return dbc.Alert(t("overview.no_data", lang), color="warning")
    output = path_chart(lang)
    verdict = verdict_text(track(frame, *goal), lang, "persons")
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

    return format_value(goal[1], "persons", lang, with_unit=True)


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    snapshot = data.snapshot()
    return _page(data.settings().database_url, snapshot.version, lang)


@lru_cache(maxsize=8)
def _page(url: str, version: int, lang: str) -> html.Div:
    """The overview depends only on the data and the language: built once per data version."""
    return html.Div(
        [
            html.H1(t("overview.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("overview.lead", lang), className="text-muted"),
            kpi_cards(lang),
            path_section(lang),
            goals_table(lang, skip=(JOBS, REGION, "")),
        ]
    )
