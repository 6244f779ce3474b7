"""/funding: the timeline, jobs announced, the events table and honest totals, on the SYNTHETIC Testland
pack (behaviour); a few checks of the Saxony pack's real figures at the end."""

from __future__ import annotations

import importlib
import re

import plotly.graph_objects as go
import pytest
from dash import html, no_update

from dashboard.i18n import use_locale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import as_drawn, find, first_graph, links, texts

SAXONY_NAMES = re.compile(r"Saxony|Sachsen|Saxon|Dresden|Leipzig|Chemnitz|\bDED", re.IGNORECASE)
ALL = ["investment", "public", "jobs"]
EU_ROWS = [
    "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
    "funding.eu_cohesion_eur,TLA,,2022,12000000,EUR,actual,test-eu-cohesion,SYNTHETIC,",
    "funding.eu_cohesion_eur,TLA,,2023,30000000,EUR,actual,test-eu-cohesion,SYNTHETIC,",
    "funding.horizon_europe_eur,TLA,,2023,8000000,EUR,actual,test-eu-research,SYNTHETIC,",
    "funding.eu_cohesion_eur,TLA1,,2023,20000000,EUR,actual,test-eu-cohesion,SYNTHETIC,",
    "funding.horizon_europe_eur,TLA,gadget-labs,2023,2500000,EUR,actual,test-eu-research,SYNTHETIC,",
]


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.funding")


def words(component) -> str:
    return " | ".join(texts(html.Div(component)))  # a Div also takes the lists callbacks return


def layout(app, page, lang: str = "en", **query: str):
    """The page as the browser ends up with it: the layout, and the part under the timeline that its
    second request draws."""
    with app.server.test_request_context("/funding"):
        tree = page.layout(lang=lang, **query)
        with use_locale(lang):
            return as_drawn(page, tree)


def update(app, page, lang: str = "en", types=ALL, scope="home", entity=None, total=None) -> dict:
    with app.server.test_request_context("/funding"), use_locale(lang):
        return page.update(list(types), scope, entity, total)


def figure(part):
    """The figure of a chart card (or of the first card in a list of parts)."""
    card = part[0] if isinstance(part, list) else part
    graph = first_graph(card)  # the graph inside the box that reserves its space
    sent = graph.figure  # the page sends stored figure JSON as it is
    return sent if isinstance(sent, go.Figure) else go.Figure(sent.to_plotly_json())


def bubbles(fig) -> list:
    return [
        trace
        for trace in fig.data
        if trace.type == "scatter" and trace.showlegend is False and trace.name != "size-key"
    ]


def test_the_page_is_about_the_pack_and_names_no_other_region(testland_app, page):
    client = testland_app.server.test_client()
    assert client.get("/funding").status_code == 200
    for lang in ("en", "de"):
        text = words(layout(testland_app, page, lang))
        assert "Testshire" in text and not SAXONY_NAMES.search(text), SAXONY_NAMES.search(text)
    tree = layout(testland_app, page)
    assert all(not SAXONY_NAMES.search(link) for link in links(tree))


def test_figures_with_amounts_qualifiers_statuses_and_sources(testland_app, page):
    tree = layout(testland_app, page)
    text = words(tree)
    for expected in ("Widget Works fab", "€2.1bn", "up to €2bn", "€500m", "up to €4.5m", "about 250", "900"):
        assert expected in text, expected
    assert "approved" in text and "announced" in text and "operational since 2023" in text
    assert "https://example.org/news" in links(tree)
    assert "€6bn" not in text  # the EU-wide programmes only with scope=eu


def test_german_formats_and_words(testland_app, page):
    text = words(layout(testland_app, page, "de"))
    for expected in ("2,1 Mrd. €", "bis zu 2 Mrd. €", "500 Mio. €", "rund 250", "genehmigt", "angekündigt"):
        assert expected in text, expected
    assert "in Betrieb seit 2023" in text and "Summen" in text


def test_timeline_colours_by_kind_and_draws_announcements_open(testland_app, page):
    fig = figure(find(layout(testland_app, page), page.TIMELINE_BOX).children)
    traces = {trace.name: trace for trace in bubbles(fig)}  # one trace per kind, entity and source
    assert set(traces) == {"Investments", "Public funding and State aid"}
    assert traces["Investments"].marker.color != traces["Public funding and State aid"].marker.color
    investments = [trace for trace in bubbles(fig) if trace.name == "Investments"]
    sizes = sorted(size for trace in investments for size in trace.marker.size)
    assert sizes == [400e6, 2e9, 2.1e9]  # one per entity and year
    symbols = {symbol for trace in investments for symbol in trace.marker.symbol}
    assert symbols == {"circle-open", "circle"}
    legend = [trace.name for trace in fig.data if trace.showlegend is not False and trace.name]
    assert legend == ["Investments", "Public funding and State aid", "announced", "decided or realised"]
    key = next(trace for trace in fig.data if trace.name == "size-key")
    assert list(key.text) == ["€20m", "€200m", "€2bn"]  # round amounts on the bubbles' scale
    assert key.marker.sizeref == traces["Investments"].marker.sizeref


def test_timeline_labels_the_largest_amounts_and_names_rows_above_them(testland_app, page):
    fig = figure(find(layout(testland_app, page), page.TIMELINE_BOX).children)
    labels = [text for trace in bubbles(fig) for text in trace.text if text]
    assert "€2.1bn" in labels and len(labels) <= 6
    rows = [a.text for a in fig.layout.annotations if (a.name or "").startswith("row-")]
    assert rows[0] == "Widget Works fab" and set(rows) == {
        "Widget Works fab",
        "Gadget Labs Betaford campus",
        "Test Hub",
        "Test Programme",
        "Test Chips Alliance II",
    }  # earliest first, names above the rows
    assert fig.layout.yaxis.showticklabels is False  # the plot keeps the full width on a phone


def test_the_timeline_draws_one_bubble_per_entity_kind_and_year(testland_app, page, testland, tmp_path):
    rows = [
        "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
        "funding.investment_eur,TLA11,widget-fab,2023-03,10000000,EUR,actual,test-news-2024,SYNTHETIC,",
        "funding.investment_eur,TLA11,widget-fab,2023-11,30000000,EUR,actual,test-news-2024,SYNTHETIC,",
        "funding.investment_eur,TLA12,widget-fab,2023-11,5000000,EUR,actual,test-news-2024,SYNTHETIC,",
    ]
    monthly = write(tmp_path / "monthly.csv", "\n".join(rows) + "\n")
    pipeline.import_staff_file(testland, monthly, accept_warnings=True)  # SYNTHETIC, far below the yearly
    fig = figure(update(testland_app, page, types=["investment"], entity="widget-fab")["timeline"])
    # 2020 announcement, and for 2023 the latest date: both districts' November figures, folded
    assert sorted(size for trace in bubbles(fig) for size in trace.marker.size) == [35_000_000, 2_000_000_000]


def test_every_kind_checkbox_changes_what_is_drawn(testland_app, page):
    everything = update(testland_app, page)
    public = update(testland_app, page, types=["public"])
    assert {t.name for t in bubbles(figure(public["timeline"]))} == {"Public funding and State aid"}
    assert "€2.1bn" not in words(public["table"]) and "€500m" in words(public["table"])
    assert public["jobs"] == [] and everything["jobs"] != []  # jobs: their own chart, on request
    jobs = figure(everything["jobs"])
    assert [round(x) for x in jobs.data[0].x] == [900, 250] and "about 250 (2022)" in jobs.data[0].text
    only_jobs = update(testland_app, page, types=["jobs"])
    assert "about 250" in words(only_jobs["table"]) and not bubbles(figure(only_jobs["timeline"]))


def test_eu_scope_adds_wider_programmes_on_their_own_rows(testland_app, page):
    out = update(testland_app, page, scope="eu")
    assert "€6bn" in words(out["table"]) and "EU-wide" in words(out["table"])
    rows = [a.text for a in figure(out["timeline"]).layout.annotations if (a.name or "").startswith("row-")]
    assert "Test Chips Alliance II" in rows and "Test Chips Alliance II (EU-wide)" in rows
    assert "Test Chips Alliance II (Testland-wide (SYNTHETIC))" in rows


def test_entity_filter_and_description(testland_app, page):
    out = update(testland_app, page, entity="widget-fab")
    text = words(out["table"])
    assert "Widget Works fab" in text and "Test Hub" not in text and "operational since 2023" in text
    assert "SYNTHETIC fab of Widget Works" in words(out["info"])
    rows = [a.text for a in figure(out["timeline"]).layout.annotations if (a.name or "").startswith("row-")]
    assert rows == ["Widget Works fab"]
    assert [o["value"] for o in out["totals"]] == ["funding.investment_eur", "funding.state_aid_eur"]


def test_totals_never_add_programmes_of_different_scope_and_say_what_they_add(testland_app, page):
    out = update(testland_app, page, scope="eu")
    text = words(out["sums"])
    # Companies and projects of Testshire per kind of figure: Widget Works' 2020 announcement is
    # superseded by its 2023 investment, Gadget Labs' announcement counts.
    project = "1 realised investment and 1 announcement for 2 companies and projects in Testshire"
    assert f"€2.5bn | {project}, 2022–2023" in text
    assert "€500m | 1 decision for one company or project in Testshire, 2021" in text
    # Each programme stands alone: never 1.5 + 6 = 7.5bn, nor 300m + 900m.
    assert "€1.5bn * | 1 decision for Test Chips Alliance (2019), EU-wide, 2019" in text
    assert "€6bn * | 1 decision for Test Chips Alliance II (TCA II), EU-wide, 2023" in text
    assert (
        "€300m | 1 decision for Test Chips Alliance II (TCA II) in Testshire, 2024" in text
    )  # 350m announced: superseded
    assert "€900m | 1 decision for Test Chips Alliance II (TCA II), Testland-wide (SYNTHETIC), 2023" in text
    assert "€7.5bn" not in text and "€1.2bn" not in text and "€350m" not in text


def test_german_totals_say_what_they_add(testland_app, page):
    text = words(update(testland_app, page, "de")["sums"])
    assert "1 Entscheidung für ein Unternehmen oder Vorhaben in Testshire, 2021" in text
    assert (
        "1 getätigte Investition und 1 Ankündigung für 2 Unternehmen und Vorhaben in Testshire, 2022–2023"
        in text
    )


def test_totals_chart_follows_the_chosen_indicator_and_names_what_it_adds(testland_app, page):
    chart = figure(update(testland_app, page, total="funding.investment_eur")["sums"])
    assert sorted(x for trace in chart.data for x in trace.x) == ["2022", "2023"]  # 2020 superseded
    assert "Investment per year: companies and projects in Testshire" in chart.layout.title.text
    assert "1 realised investment and 1 announcement for 2 companies" in chart.layout.title.subtitle.text
    assert list(chart.layout.xaxis.categoryarray) == ["2022", "2023"]


def test_url_state_round_trips_and_unknown_values_fall_back(testland_app, page):
    tree = layout(
        testland_app,
        page,
        types="public",
        scope="eu",
        entity="test-alliance-two",
        total="funding.public_funding_eur",
    )
    assert find(tree, page.TYPES_ID).value == ["public"]
    assert find(tree, page.SCOPE_ID).value == "eu"
    assert find(tree, page.ENTITY_ID).value == "test-alliance-two"
    assert "twelve member states" in words(find(tree, page.INFO_BOX))
    tree = layout(testland_app, page, types="bogus", scope="mars", entity="nobody", total="nothing")
    assert find(tree, page.TYPES_ID).value == ALL
    assert find(tree, page.SCOPE_ID).value == "home"
    assert find(tree, page.ENTITY_ID).value is None
    assert find(tree, page.TOTAL_ID).value == "funding.state_aid_eur"


def test_choices_follow_kind_and_scope(testland_app, page):
    out = update(testland_app, page, types=["jobs"], entity="test-hub")
    assert {o["value"] for o in out["entities"]} == {"widget-fab", "gadget-labs"}
    assert out["entity"] is None and out["totals"] == []
    assert out["total"] is no_update  # still none: left as it is, so the totals are not drawn twice
    out = update(
        testland_app, page, types=["investment"], entity="gadget-labs", total="funding.state_aid_eur"
    )
    assert out["entity"] == "gadget-labs" and out["total"] == "funding.investment_eur"


def test_the_events_table_shows_the_newest_and_says_how_many_more(testland_app, page, monkeypatch):
    from dashboard.data import funding

    monkeypatch.setattr(funding, "EVENTS_SHOWN", 3)
    table = update(testland_app, page)["table"]
    text = words(table)
    assert "Showing the 3 newest of 8 entries." in text and "See every figure on the Data page." in text
    assert text.index("2024") < text.index("2023")  # newest first
    link = next(href for href in links(table) if href.startswith("/data?"))
    assert "indicator=funding.investment_eur," in link and "region=TLA," in link


def test_eu_programmes_not_loaded_says_so_in_readers_words(testland_app, page):
    text = words(find(layout(testland_app, page), page.EU_BOX))
    assert (
        "EU programme data (cohesion policy projects and Horizon Europe participations) is not loaded yet."
        in text
    )
    assert "python" not in text and "etl" not in text


def test_eu_programmes_from_connectors(testland_app, page, testland, tmp_path):
    _file, result = pipeline.import_staff_file(
        testland, write(tmp_path / "eu.csv", "\n".join(EU_ROWS) + "\n")
    )
    assert result.counts["new"] == 5
    section = find(layout(testland_app, page, "de"), page.EU_BOX)
    text = words(section)
    assert (
        "Gadget Labs Campus Betaford" in text
        and "2,5 Mio. €" in text
        and "Größte Empfänger in Testshire" in text
    )
    assert "/regions?indicator=funding.eu_cohesion_eur&lang=de" in links(section)
    totals = {trace.name: list(trace.y) for trace in figure(section.children).data}
    assert totals == {"EU-Kohäsionsmittel": [12.0, 30.0], "Horizon-Europe-Fördermittel": [8.0]}  # TLA only


# -- the Saxony pack's real figures -------------------------------------------------------------------


@pytest.fixture
def saxony_page(app):
    return importlib.import_module("dashboard.pages.funding")


def test_saxony_projects_with_their_cited_amounts(app, saxony_page):
    tree = layout(app, saxony_page)
    text = words(tree)
    for expected in ("ESMC", "€5bn", "more than €10bn", "about 2,000", "€920m", "up to €4.2m", "€5.3m"):
        assert expected in text, expected
    assert "operational since 2021" in text  # Bosch 2017 -> 2021
    assert "https://competition-policy.ec.europa.eu/state-aid/latest-news_en?prefLang=hr" in links(tree)


def test_saxony_totals_keep_the_two_ipcei_apart(app, saxony_page):
    text = words(update(app, saxony_page, scope="eu")["sums"])
    assert "€5.9bn | 2 decisions for 2 companies and projects in Saxony, 2024–2025" in text
    assert "€16bn *" in text and "€877m" not in text and "€795m" in text
    assert "IPCEI Microelectronics (2018), EU-wide, 2018" in text
    assert "IPCEI Microelectronics and Communication Technologies (ME/CT), EU-wide, 2023" in text
    assert "€9.8bn" not in text and "€9.9bn" not in text  # 1.75 + 8.1: no source states that sum
