"""/about: sources and licences, method, definitions, the indicator catalog, the public API and a public
list of what changed when. Everything is built in the layout; the page has no controls."""

from __future__ import annotations

import unicodedata
from zoneinfo import ZoneInfo

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import data
from dashboard.i18n import format_date, format_number, format_period, normalise_lang, t, unit_label
from etl import db

dash.register_page(__name__, path="/about", title="About – Regiometer", order=6, charts=False)


SECTIONS = ("sources", "method", "definitions", "indicators", "api", "changes")
KIND_ORDER = ("official", "government", "association", "company", "press")
CATEGORY_ORDER = ("employment", "industry", "funding", "cluster", "context")
FORWARD = ("target", "projection")  # not a "latest" figure: they lie in the future
SERVICES = {"eurostat": "Eurostat", "genesis": "Regionaldatenbank (GENESIS)", "gisco": "Eurostat GISCO"}
SERVICES |= {"kohesio": "Kohesio", "cordis": "CORDIS"}
BERLIN = ZoneInfo("Europe/Berlin")
API_EXAMPLES = (
    "/api/v1/observations?indicator=employment.ict_micro&region=DED&from=2014&to=2023",
    "/api/v1/observations?indicator=employment.ict_micro&region=DED&format=csv",
    "/api/v1/indicators",
    "/api/v1/regions",
    "/api/v1/observations?indicator=cluster.members&as_of=2026-01-01",
)
LICENCE_LINKS = {
    "dl-de/by-2-0": "https://www.govdata.de/dl-de/by-2-0",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
}


def _link(text: str, url: str) -> html.A | str:
    return html.A(text, href=url, target="_blank", rel="noopener noreferrer") if url else text


def _table(columns: list[str], rows: list[list], table_id: str, numeric: tuple[int, ...] = ()) -> html.Div:
    """A plain table; on phones each row becomes a card whose cells carry their column name."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(c, scope="col", className="num" if i in numeric else None)
                for i, c in enumerate(columns)
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(
                        html.Div(value), className="num" if i in numeric else None, **{"data-label": column}
                    )
                    for i, (column, value) in enumerate(zip(columns, row, strict=True))
                ]
            )
            for row in rows
        ]
    )
    table = html.Table([head, body], className="table table-sm table-striped about-table", id=table_id)
    return html.Div(table, className="table-responsive")


def _alphabetical(text: str) -> str:
    """Sort key that files 'Sächsische' under S, as a German reader expects."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _section(name: str, lang: str, *children) -> html.Section:
    return html.Section(
        [html.H2(t(f"about.{name}", lang), className="h4 mt-4"), *children], id=f"about-{name}"
    )


def _licences(lang: str) -> html.Ul:
    items = [
        [t("about.licence.gisco", lang), ": ", t("figure.eurogeographics", lang)],
        [
            t("about.licence.regionaldatenbank", lang),
            " (",
            _link("dl-de/by-2-0", LICENCE_LINKS["dl-de/by-2-0"]),
            ")",
        ],
        [t("about.licence.eurostat", lang), " (", _link("CC BY 4.0", LICENCE_LINKS["CC BY 4.0"]), ")"],
        [t("about.licence.press", lang)],
    ]
    return html.Ul([html.Li(item) for item in items], className="about-licences")


def _sources_table(snapshot: data.Snapshot, lang: str) -> html.Div:
    counts = snapshot.observations["source"].astype(str).value_counts()
    sources = sorted(
        snapshot.catalog.sources.values(),
        key=lambda s: (
            _rank(KIND_ORDER, s["kind"]),
            -counts.get(s["slug"], 0),
            _alphabetical(s["publisher"]),
        ),
    )
    rows = [
        [
            s["publisher"],
            _link(s["title"], s["url"]),
            format_period(s["published"], lang) or "–",
            _licence(s["licence"], lang),
            t(f"about.kind.{s['kind']}", lang) if s["kind"] in KIND_ORDER else s["kind"],
            format_number(counts.get(s["slug"], 0), lang),
        ]
        for s in sources
    ]
    names = ("publisher", "title", "published", "licence", "kind", "observations")
    return _table([t(f"about.col.{n}", lang) for n in names], rows, "about-sources-table", numeric=(5,))


def _licence(licence: str, lang: str) -> html.A | str:
    if licence.startswith("©"):  # the GISCO notice, in the reader's language
        return t("figure.eurogeographics", lang)
    return _link(licence, LICENCE_LINKS.get(licence, "")) if licence else "–"


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def _latest_periods(observations: pd.DataFrame) -> pd.Series:
    """The newest period of each indicator that is not a target or projection."""
    current = observations[~observations["status"].isin(FORWARD)]
    latest = current.sort_values("period_start").groupby("indicator", observed=True)["period"].last()
    return latest.astype(str)


def _indicator_table(snapshot: data.Snapshot, lang: str) -> html.Div:
    counts = snapshot.observations["indicator"].astype(str).value_counts()
    latest = _latest_periods(snapshot.observations)
    indicators = sorted(
        snapshot.catalog.indicators.values(),
        key=lambda i: (_rank(CATEGORY_ORDER, i["category"]), _alphabetical(i[f"name_{lang}"])),
    )
    rows = []
    for ind in indicators:
        source = snapshot.catalog.sources.get(ind["preferred_source"], {})
        name = [
            html.Span(ind[f"name_{lang}"], className="fw-semibold"),
            html.Code(ind["slug"], className="d-block small"),
        ]
        rows.append(
            [
                name,
                t(f"about.category.{ind['category']}", lang)
                if ind["category"] in CATEGORY_ORDER
                else ind["category"],
                unit_label(ind["unit"], lang),
                html.Span(ind[f"description_{lang}"] or ind["description_en"], className="small"),
                _link(source.get("publisher", ""), source.get("url", "")) if source else "–",
                format_number(counts.get(ind["slug"], 0), lang),
                format_period(latest.get(ind["slug"], ""), lang) or "–",
            ]
        )
    names = ("name", "category", "unit", "description", "preferred", "observations", "latest")
    return _table([t(f"about.col.{n}", lang) for n in names], rows, "about-indicators-table", numeric=(5,))


def import_history(limit: int = 20) -> pd.DataFrame:
    """Recent successful loads, without who or which file: the public changelog."""
    runs = db.import_runs(data.engine(), limit=limit)
    runs = runs[runs["status"] == "succeeded"]
    return runs[["finished_at", "kind", "source_name", "rows_new", "rows_changed", "rows_unchanged"]]


def _run_label(kind: str, source_name: str, lang: str) -> str:
    key = f"about.run.{kind}"
    return (
        t(key, lang, name=SERVICES.get(source_name, source_name))
        if kind in ("seed", "source", "staff", "edit", "undo")
        else kind
    )


def _changes_table(lang: str) -> html.Div | dbc.Alert:
    runs = import_history()
    if runs.empty:
        return dbc.Alert(t("about.no_changes", lang), color="secondary")
    rows = []
    for run in runs.itertuples(index=False):
        moment = pd.Timestamp(run.finished_at)
        moment = (moment.tz_localize("UTC") if moment.tzinfo is None else moment).tz_convert(BERLIN)
        when = f"{format_date(moment, lang)}, {moment:%H:%M}"
        counts = [format_number(n, lang) for n in (run.rows_new, run.rows_changed, run.rows_unchanged)]
        rows.append([when, _run_label(run.kind, run.source_name, lang), *counts])
    names = ("date", "what", "new", "changed", "unchanged")
    return _table([t(f"about.col.{n}", lang) for n in names], rows, "about-changes-table", numeric=(2, 3, 4))


def _contents(lang: str) -> html.Nav:
    links = [html.Li(html.A(t(f"about.{name}", lang), href=f"#about-{name}")) for name in SECTIONS]
    return html.Nav(
        [html.H2(t("about.contents", lang), className="h6"), html.Ul(links)], className="about-contents"
    )


def _api(lang: str) -> list:
    examples = html.Ul(
        [html.Li(html.A(html.Code(url), href=url)) for url in API_EXAMPLES], className="about-api"
    )
    return [
        _markdown("about.api_md", lang),
        html.P(t("about.api_examples", lang)),
        examples,
        html.P(t("about.api_cite", lang)),
    ]


def _markdown(key: str, lang: str) -> dcc.Markdown:
    return dcc.Markdown(t(key, lang), link_target="_blank", className="about-prose")


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    snapshot = data.snapshot()
    return html.Div(
        [
            html.H1(t("about.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("about.lead", lang), className="text-muted"),
            _contents(lang),
            _section(
                "sources",
                lang,
                html.P(t("about.licences_lead", lang)),
                _licences(lang),
                _sources_table(snapshot, lang),
            ),
            _section("method", lang, _markdown("about.method_md", lang)),
            _section("definitions", lang, _markdown("about.definitions_md", lang)),
            _section(
                "indicators", lang, html.P(t("about.indicators_lead", lang)), _indicator_table(snapshot, lang)
            ),
            _section("api", lang, *_api(lang)),
            _section("changes", lang, html.P(t("about.changes_lead", lang)), _changes_table(lang)),
        ],
        className="about-page",
    )
