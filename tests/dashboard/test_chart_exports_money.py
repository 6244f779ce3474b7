"""Charts on /funding leave the site: each CSV holds the numbers its chart shows for the page's query
string, with a descriptive file name; each embed is in the reader's language; each chart on the page
has its export bar. (The /regions charts: test_regions_exports.py.)"""

from __future__ import annotations

import csv
import importlib
import io

import pandas as pd
import pytest

from dashboard.figures.theme import money_scale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import find

EU_ROWS = [
    "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
    "funding.eu_cohesion_eur,DED,,2022,12000000,EUR,actual,kohesio,,",
    "funding.eu_cohesion_eur,DED,,2023,30000000,EUR,actual,kohesio,,",
    "funding.horizon_europe_eur,DED,,2023,8000000,EUR,actual,cordis,,",
    "funding.eu_cohesion_eur,DED21,,2023,20000000,EUR,actual,kohesio,,",
    "funding.horizon_europe_eur,DED,barkhausen-institut,2023,2500000,EUR,actual,cordis,,",
]


@pytest.fixture
def client(app):
    importlib.import_module("dashboard.pages.funding")
    return app.server.test_client()


@pytest.fixture
def funding(app):
    return importlib.import_module("dashboard.pages.funding")


@pytest.fixture
def eu_data(sqlite_seeded, tmp_path):
    _file, result = pipeline.import_staff_file(
        sqlite_seeded, write(tmp_path / "eu.csv", "\n".join(EU_ROWS) + "\n")
    )
    assert result.counts["new"] == len(EU_ROWS) - 1


def export(client, url: str) -> tuple[str, list[dict]]:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    disposition = response.headers["Content-Disposition"]
    name = disposition.split('filename="')[1].rstrip('"')
    return name, list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


def values(rows: list[dict], key: str = "breakdown") -> dict[str, float]:
    return {row[key]: float(row["value"]) for row in rows}


def embed_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.data.decode()


def test_every_chart_of_the_page_is_registered(client):
    from dashboard import charts

    assert {"funding-timeline", "funding-totals", "funding-eu"} <= set(charts.names())


# /funding ---------------------------------------------------------------------------------------------


def test_timeline_csv_holds_the_bubbles_with_sources(client):
    name, rows = export(client, "/export/funding-timeline.csv")
    assert name == "saxony-investments-and-public-funding-2017-2025.csv"
    aid = {r["breakdown"]: float(r["value"]) for r in rows if r["indicator"] == "funding.state_aid_eur"}
    assert aid == {"esmc": 5_000_000_000, "infineon-smart-power-fab": 920_000_000}
    assert {r["unit"] for r in rows} == {"EUR"}  # jobs announced are no money: not in the timeline
    assert {r["region"][:3] for r in rows} == {"DED"}  # scope=saxony
    assert all(r["source_url"].startswith("http") and r["source_title"] for r in rows)


def test_timeline_csv_equals_the_figure(app, funding):
    with app.server.test_request_context("/funding"):
        output = funding.timeline_chart("en", {})
    plotted = sorted(size for trace in output.figure.data for size in trace.marker.size)
    assert plotted == sorted(output.data["value"].tolist())


def test_timeline_export_follows_the_view(client):
    name, rows = export(
        client, "/export/funding-timeline.csv?types=public&scope=eu&entity=ipcei-mect&lang=de"
    )
    assert name.startswith("saxony-and-eu-programmes-ipcei-mect-public-funding-")
    assert {r["breakdown"] for r in rows} == {"ipcei-mect"}
    assert {r["region"] for r in rows} >= {"DED", "EU27_2020"}  # Saxony's share and the EU-wide total
    assert {r["indicator"] for r in rows} <= {"funding.state_aid_eur", "funding.public_funding_eur"}
    _name, rows = export(client, "/export/funding-timeline.csv?types=investment&entity=bosch-dresden-fab")
    assert {r["breakdown"] for r in rows} == {"bosch-dresden-fab"}
    assert {r["status"] for r in rows} == {"announcement", "actual"}  # the 2017 plan and the 2021 fab


def test_timeline_embed_is_german(client):
    body = embed_text(client, "/embed/funding-timeline?lang=de&page=/funding")
    assert "Investitionen und Förderentscheidungen in Sachsen" in body


def test_totals_csv_holds_the_summed_rows_and_year_totals(client):
    name, rows = export(client, "/export/funding-totals.csv?total=funding.state_aid_eur")
    assert name == "saxony-state-aid-by-year-2024-2025.csv"
    assert values(rows) == {"esmc": 5_000_000_000, "infineon-smart-power-fab": 920_000_000}
    totals = {r["period"][:4]: float(r["year_total"]) for r in rows}
    assert sum(totals.values()) == 5_920_000_000


def test_totals_csv_counts_an_announcement_once(client):
    name, rows = export(
        client, "/export/funding-totals.csv?types=investment,public&total=funding.investment_eur"
    )
    assert name == "saxony-investment-by-year-2021-2023.csv"
    bosch = [r for r in rows if r["breakdown"] == "bosch-dresden-fab"]
    assert [r["status"] for r in bosch] == ["actual"]  # the 2017 announcement is superseded, as on the chart


def test_totals_csv_equals_the_figure(app, funding):
    with app.server.test_request_context("/funding"):
        output = funding.totals_chart("en", {"total": "funding.investment_eur"})
    exported = output.data.groupby(output.data["period_start"].dt.year)["year_total"].first().to_dict()
    divisor = money_scale(pd.Series(exported), "en")[0]
    plotted = {int(x): 0.0 for trace in output.figure.data for x in trace.x}
    for trace in output.figure.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            plotted[int(x)] += y * divisor
    assert plotted == pytest.approx(exported)


def test_totals_embed_is_german(client):
    body = embed_text(client, "/embed/funding-totals?lang=de&total=funding.state_aid_eur")
    assert "Genehmigte staatliche Beihilfen pro Jahr" in body


def test_eu_chart_exports_saxony_as_a_whole(client, eu_data):
    name, rows = export(client, "/export/funding-eu.csv")
    assert name == "saxony-eu-funding-by-start-year-2022-2023.csv"
    assert sorted((r["indicator"], r["period"], float(r["value"])) for r in rows) == [
        ("funding.eu_cohesion_eur", "2022", 12_000_000),
        ("funding.eu_cohesion_eur", "2023", 30_000_000),
        ("funding.horizon_europe_eur", "2023", 8_000_000),
    ]  # DED only and no recipients: what the bars add up
    assert "EU-Mittel für Projekte in Sachsen nach Startjahr" in embed_text(
        client, "/embed/funding-eu?lang=de"
    )


def test_eu_chart_without_data_exports_nothing(client):
    _name, rows = export(client, "/export/funding-eu.csv")
    assert rows == []


def test_funding_page_has_an_export_bar_under_each_chart(app, funding, eu_data):
    with app.server.test_request_context("/funding"):
        tree = funding.layout(lang="en")
    for graph in (funding.TIMELINE_GRAPH, funding.TOTALS_GRAPH, funding.EU_GRAPH):
        assert find(tree, f"{graph}-export-menu") is not None, graph
    share = find(tree, "share-funding-totals-citation")
    assert "European Commission" in share.children and "Via Regiometer" in share.children


def test_funding_callback_redraws_the_export_bar(app, funding):
    with app.server.test_request_context("/funding"):
        _info, timeline, _table, totals = funding.render(
            ["public"], "saxony", "esmc", "funding.state_aid_eur", "en"
        )
    assert find(timeline, f"{funding.TIMELINE_GRAPH}-export-menu") is not None
    assert find(timeline, "export-funding-timeline-csv").href == "/export/funding-timeline.csv"
    assert find(totals[1], f"{funding.TOTALS_GRAPH}-export-menu") is not None
