"""/about: sources and licences, method, definitions, the indicator catalog, the public API and a public
list of what changed when. The long texts are the pack's (texts/*.md) over the app's; the page has no
controls and is built once per data version and language."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import data
from dashboard.components.cardtable import card_table
from dashboard.components.export_menu import feed_href
from dashboard.components.pagecache import cached_page
from dashboard.data import about
from dashboard.i18n import current, format_date, format_number, format_period, localized_layout, t, unit_label
from etl.vocabulary import INDICATOR_CATEGORIES, SOURCE_KINDS

dash.register_page(
    __name__,
    path="/about",
    title=lambda: f"{t('nav.about')} – Regiometer",
    order=6,
    charts=False,
    shared=True,
)

SECTIONS = ("sources", "method", "definitions", "indicators", "api", "changes")
SERVICES = {"eurostat": "Eurostat", "genesis": "Regionaldatenbank (GENESIS)", "gisco": "Eurostat GISCO"}
SERVICES |= {"kohesio": "Kohesio", "cordis": "CORDIS"}
BERLIN = ZoneInfo("Europe/Berlin")
LICENCE_LINKS = {
    "dl-de/by-2-0": "https://www.govdata.de/dl-de/by-2-0",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
}
# Licence notes of the official data services, shown when the catalog has the service's source.
SERVICE_LICENCES: tuple[tuple[str, str, str], ...] = (
    ("gisco", "gisco", ""),
    ("regionalstatistik", "regionaldatenbank", "dl-de/by-2-0"),
)
SERVICE_LICENCES += (("eurostat", "eurostat", "CC BY 4.0"),)


def _link(text: str, url: str) -> html.A | str:
    return html.A(text, href=url, target="_blank", rel="noopener noreferrer") if url else text


def _table(
    names: tuple[str, ...], rows: list[list], table_id: str, numeric: tuple[int, ...] = ()
) -> html.Div:
    columns = [t(f"about.col.{name}") for name in names]
    return card_table(columns, rows, table_id, numeric, class_name="about-table")


def _section(name: str, *children) -> html.Section:
    return html.Section([html.H2(t(f"about.{name}"), className="h4 mt-4"), *children], id=f"about-{name}")


def _licences() -> html.Ul:
    sources = data.catalog().sources
    items = []
    for slug, key, licence in SERVICE_LICENCES:
        if slug in sources:
            notice = [": ", t("figure.eurogeographics")] if slug == "gisco" else []
            link = [" (", _link(licence, LICENCE_LINKS[licence]), ")"] if licence else []
            items.append([t(f"about.licence.{key}"), *notice, *link])
    items.append([t("about.licence.press")])
    return html.Ul([html.Li(item) for item in items], className="about-licences")


def _licence(licence: str) -> html.A | str:
    if licence.startswith("©"):  # the GISCO notice, in the reader's language
        return t("figure.eurogeographics")
    return _link(licence, LICENCE_LINKS.get(licence, "")) if licence else "–"


def _sources_table(counts: dict[str, int]) -> html.Div:
    rows = [
        [
            s.publisher,
            _link(s.title, s.url),
            format_period(s.published) or "–",
            _licence(s.licence),
            t(f"about.kind.{s.kind}") if s.kind in SOURCE_KINDS else s.kind,
            format_number(counts.get(s.slug, 0)),
        ]
        for s in about.sources_in_order(counts)
    ]
    return _table(("publisher", "title", "published", "licence", "kind", "observations"), rows,
                  "about-sources-table", numeric=(5,))  # fmt: skip


def _indicator_table(statistics: about.Statistics) -> html.Div:
    sources, lang = data.shown_sources(), current()
    rows = []
    for ind in about.indicators_in_order(lang):
        source = sources.get(ind.preferred_source)
        rows.append(
            [
                [
                    html.Span(ind.name(lang), className="fw-semibold"),
                    html.Code(ind.slug, className="d-block small"),
                ],
                t(f"about.category.{ind.category}") if ind.category in INDICATOR_CATEGORIES else ind.category,
                unit_label(ind.unit),
                html.Span(ind.description(lang), className="small"),
                _link(source.publisher, source.url) if source else "–",
                format_number(statistics.by_indicator.get(ind.slug, 0)),
                format_period(statistics.latest.get(ind.slug, "")) or "–",
            ]
        )
    names = ("name", "category", "unit", "description", "preferred", "observations", "latest")
    return _table(names, rows, "about-indicators-table", numeric=(5,))


def _run_label(kind: str, source_name: str) -> str:
    known = ("seed", "source", "staff", "edit", "undo")
    return t(f"about.run.{kind}", name=SERVICES.get(source_name, source_name)) if kind in known else kind


def _changes_table() -> html.Div | dbc.Alert:
    runs = about.import_history()
    if runs.empty:
        return dbc.Alert(t("about.no_changes"), color="secondary")
    rows = []
    for run in runs.to_dict("records"):
        moment = pd.Timestamp(run["finished_at"])
        moment = (moment.tz_localize("UTC") if moment.tzinfo is None else moment).tz_convert(BERLIN)
        counts = [format_number(run[n]) for n in ("rows_new", "rows_changed", "rows_unchanged")]
        rows.append(
            [f"{format_date(moment)}, {moment:%H:%M}", _run_label(run["kind"], run["source_name"]), *counts]
        )
    return _table(
        ("date", "what", "new", "changed", "unchanged"), rows, "about-changes-table", numeric=(2, 3, 4)
    )


def _api() -> list:
    pack, goal = data.pack(), data.pack().goal
    indicator = goal.indicator if goal else sorted(data.catalog().indicators)[0]
    examples = (
        f"/api/v1/observations?indicator={indicator}&region={pack.home}",
        f"/api/v1/observations?indicator={indicator}&region={pack.home}&format=csv",
        "/api/v1/indicators",
        "/api/v1/regions",
        "/api/v1/goals",
    )
    links = html.Ul([html.Li(html.A(html.Code(url), href=url)) for url in examples], className="about-api")
    return [_markdown("about.api_md"), html.P(t("about.api_examples")), links, html.P(t("about.api_cite"))]


def _markdown(key: str) -> dcc.Markdown:
    return dcc.Markdown(t(key), link_target="_blank", className="about-prose")


@cached_page
def page() -> html.Div:
    statistics = about.statistics()
    contents = [html.Li(html.A(t(f"about.{name}"), href=f"#about-{name}")) for name in SECTIONS]
    return html.Div(
        [
            html.H1(t("about.heading"), className="h3 mt-3 mb-1"),
            html.P(t("about.lead"), className="text-muted"),
            html.Nav(
                [html.H2(t("about.contents"), className="h6"), html.Ul(contents)], className="about-contents"
            ),
            _section(
                "sources", html.P(t("about.licences_lead")), _licences(), _sources_table(statistics.by_source)
            ),
            _section("method", _markdown("about.method_md")),
            _section("definitions", _markdown("about.definitions_md")),
            _section("indicators", html.P(t("about.indicators_lead")), _indicator_table(statistics)),
            _section("api", *_api()),
            _section(
                "changes",
                html.P(t("about.changes_lead")),
                html.P(html.A(t("share.feed"), href=feed_href(), id="about-feed", className="share-feed")),
                _changes_table(),
            ),
        ],
        className="about-page",
    )


@localized_layout
def layout(**_query: str) -> dict:
    return page.plain()  # the cached tree in the JSON form Dash sends
