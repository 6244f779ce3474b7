"""/funding's charts leave the site: each CSV holds what its chart draws for the page's query string,
with a descriptive file name; each embed is in the reader's language; each chart on the page has its
export bar. On the SYNTHETIC Testland pack; the last test checks the Saxony pack's real figures."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

from dashboard.figures.theme import money_scale
from dashboard.i18n import use_locale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.downloads import csv_rows
from tests.dashboard.test_funding import EU_ROWS
from tests.dashboard.tree import find


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.funding")


@pytest.fixture
def client(testland_app, page):
    return testland_app.server.test_client()


@pytest.fixture
def charts(page):
    return importlib.import_module("dashboard.charts.funding")


@pytest.fixture
def eu_data(testland, tmp_path):
    _file, result = pipeline.import_staff_file(
        testland, write(tmp_path / "eu.csv", "\n".join(EU_ROWS) + "\n")
    )
    assert result.counts["new"] == len(EU_ROWS) - 1


def export(client, url: str) -> tuple[str, list[dict]]:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    name = response.headers["Content-Disposition"].split('filename="')[1].rstrip('"')
    return name, csv_rows(response.data)  # German files: BOM, ";" and decimal comma


def values(rows: list[dict], key: str = "breakdown") -> dict[str, float]:
    return {row[key]: float(row["value"]) for row in rows}


def embed_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.data.decode()


def test_every_funding_chart_is_registered(page):
    from dashboard import charts

    assert {"funding-timeline", "funding-jobs", "funding-totals", "funding-eu"} <= set(charts.names())


def test_timeline_csv_holds_the_bubbles_with_sources(client):
    name, rows = export(client, "/export/funding-timeline.csv")
    assert name == "testland-investments-and-public-funding-2020-2024.csv"
    aid = {r["breakdown"]: float(r["value"]) for r in rows if r["indicator"] == "funding.state_aid_eur"}
    assert aid == {"widget-fab": 500_000_000, "test-programme": 120_000_000}
    assert {r["unit"] for r in rows} == {"EUR"}  # jobs announced are no money: not in the timeline
    assert {r["region"][:3] for r in rows} == {"TLA"}  # scope: the home region
    assert all(r["source_url"].startswith("http") and r["source_title"] for r in rows)
    assert "entity_key" not in rows[0] and "scope" not in rows[0]


def test_timeline_csv_equals_the_figure(testland_app, charts):
    with testland_app.server.test_request_context("/funding"):
        output = charts.timeline_chart("en", {})
    plotted = sorted(
        size
        for trace in output.figure.data
        if trace.showlegend is False and trace.name != "size-key"
        for size in trace.marker.size
    )
    assert plotted == sorted(output.data["value"].tolist())


def test_timeline_export_follows_the_view(client):
    name, rows = export(
        client, "/export/funding-timeline.csv?types=public&scope=eu&entity=test-alliance-two&lang=de"
    )
    assert name == "testland-and-eu-programmes-test-alliance-two-public-funding-2023-2024.csv"
    assert {r["breakdown"] for r in rows} == {"test-alliance-two"}
    assert {r["region"] for r in rows} == {"TLA", "TL", "EU27_2020"}  # the share and the wider figures
    _name, rows = export(client, "/export/funding-timeline.csv?types=investment&entity=widget-fab")
    assert {r["status"] for r in rows} == {"announcement", "actual"}  # the 2020 plan and the 2023 fab


def test_timeline_embed_is_german(client):
    assert "Investitionen und Förderentscheidungen in Testshire" in embed_text(
        client, "/embed/funding-timeline?lang=de&page=/funding"
    )


def test_jobs_csv_holds_each_projects_latest_figure(client):
    name, rows = export(client, "/export/funding-jobs.csv")
    assert name == "testland-jobs-announced-2020-2022.csv"
    assert values(rows) == {"widget-fab": 900, "gadget-labs": 250}


def test_totals_csv_holds_the_summed_rows_and_year_totals(client):
    name, rows = export(client, "/export/funding-totals.csv?total=funding.state_aid_eur")
    assert name == "testland-state-aid-by-year-2021.csv"
    assert values(rows) == {"widget-fab": 500_000_000}  # the Test Programme is a programme: not added
    assert {r["period"]: float(r["year_total"]) for r in rows} == {"2021": 500_000_000}


def test_totals_csv_counts_an_announcement_once(client):
    name, rows = export(
        client, "/export/funding-totals.csv?types=investment,public&total=funding.investment_eur"
    )
    assert name == "testland-investment-by-year-2022-2023.csv"
    pairs = sorted((r["breakdown"], r["status"]) for r in rows)
    assert pairs == [("gadget-labs", "announcement"), ("widget-fab", "actual")]  # the 2020 plan: superseded


def test_totals_csv_equals_the_figure(testland_app, charts):
    with testland_app.server.test_request_context("/funding"):
        output = charts.totals_chart("en", {"total": "funding.investment_eur"})
    exported = output.data.groupby(output.data["period_start"].dt.year)["year_total"].first().to_dict()
    divisor = money_scale(pd.Series(exported), "en")[0]
    plotted = {int(x): 0.0 for trace in output.figure.data for x in trace.x}
    for trace in output.figure.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            plotted[int(x)] += y * divisor
    assert plotted == pytest.approx(exported)


def test_totals_embed_is_german(client):
    body = embed_text(client, "/embed/funding-totals?lang=de&total=funding.state_aid_eur")
    assert "<title>Staatliche Beihilfe pro Jahr: Unternehmen und Vorhaben in Testshire</title>" in body
    assert "1 Entscheidung f" in body  # the subtitle says what the bars add


def test_eu_chart_exports_the_home_region_as_a_whole(client, eu_data):
    name, rows = export(client, "/export/funding-eu.csv")
    assert name == "testland-eu-funding-by-start-year-2022-2023.csv"
    assert sorted((r["indicator"], r["period"], float(r["value"])) for r in rows) == [
        ("funding.eu_cohesion_eur", "2022", 12_000_000),
        ("funding.eu_cohesion_eur", "2023", 30_000_000),
        ("funding.horizon_europe_eur", "2023", 8_000_000),
    ]  # TLA only and no recipients: what the bars add up
    assert {r["source_title"] for r in rows} == {
        "SYNTHETIC cohesion project list",
        "SYNTHETIC research participations",
    }
    assert "EU-Mittel für Projekte in Testshire nach Startjahr" in embed_text(
        client, "/embed/funding-eu?lang=de"
    )


def test_eu_chart_without_data_exports_nothing(client):
    _name, rows = export(client, "/export/funding-eu.csv")
    assert rows == []


def test_the_page_has_an_export_bar_under_each_chart(testland_app, page, eu_data):
    with testland_app.server.test_request_context("/funding"), use_locale("en"):
        tree = page.layout(lang="en")
        find(tree, page.BELOW).children = page.fill_below({})  # the page's second request
    for graph in (page.TIMELINE_GRAPH, page.JOBS_GRAPH, page.TOTALS_GRAPH, page.EU_GRAPH):
        assert find(tree, f"{graph}-export-menu") is not None, graph
    share = find(tree, "share-funding-totals-citation")
    assert "Testshire Gazette (SYNTHETIC)" in share.children and "processed by Regiometer" in share.children


def test_the_callback_redraws_the_export_bars(testland_app, page):
    with testland_app.server.test_request_context("/funding"), use_locale("en"):
        out = page.update(["public"], "home", "widget-fab", "funding.state_aid_eur")
    assert find(out["timeline"], f"{page.TIMELINE_GRAPH}-export-menu") is not None
    assert find(out["timeline"], "export-funding-timeline-csv").href == "/export/funding-timeline.csv"
    assert find(out["sums"][0], f"{page.TOTALS_GRAPH}-export-menu") is not None


def test_saxony_state_aid_totals_export_esmc_and_infineon(app):
    importlib.import_module("dashboard.pages.funding")
    name, rows = export(app.server.test_client(), "/export/funding-totals.csv?total=funding.state_aid_eur")
    assert name == "saxony-state-aid-by-year-2024-2025.csv"
    assert values(rows) == {"esmc": 5_000_000_000, "infineon-smart-power-fab": 920_000_000}
