"""The /regions charts leave the site: each CSV holds the rows its chart draws for the page's query
string, with the source's kind; per 1,000 inhabitants the published value, the ratio and the
population; descriptive file names; embeds in the reader's language. On the SYNTHETIC Testland pack;
data tests of the Saxony pack at the end."""

from __future__ import annotations

import importlib

import pytest

from etl import pipeline
from tests.conftest import write
from tests.dashboard.downloads import csv_download as export
from tests.dashboard.downloads import data_sheet
from tests.dashboard.tree import find

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier"
DEFAULT_VIEW = "indicator=context.population&period=2024&highlight=TLA11"


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.regions")


@pytest.fixture
def client(testland_app, page):
    return testland_app.server.test_client()


@pytest.fixture
def companies(testland, tmp_path):
    rows = [
        "industry.companies,TLA11,,2023,1400,companies,actual,testland-stats-2025,,",
        "industry.companies,TLA21,,2023,900,companies,actual,testland-stats-2025,,",
        "industry.companies,EU27_2020,,2023,900000,companies,actual,testland-stats-2025,,",
    ]
    pipeline.import_staff_file(testland, write(tmp_path / "firms.csv", "\n".join([HEADER, *rows]) + "\n"))


def embed_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.data.decode()


def test_bars_csv_holds_every_region_with_its_source_kind(client):
    name, rows = export(client, f"/export/regions-bars.csv?{DEFAULT_VIEW}&lang=de")
    assert name == "testland-compared-population-2024.csv"
    population = {row["region"]: float(row["value"]) for row in rows}
    assert len(population) == 8 and population["TLA11"] == 707000
    assert {r["unit"] for r in rows} == {"persons"}  # the figure hides the unit word, the data keeps it
    assert {r["source_kind"] for r in rows} == {"official"}


def test_bars_csv_without_a_query_is_the_default_view(client):
    name, rows = export(client, "/export/regions-bars.csv")
    assert name == "testland-compared-population-2024.csv" and len(rows) == 8


def test_bars_csv_equals_the_figure(testland_app, page):
    from dashboard import charts

    with testland_app.server.test_request_context("/regions"):
        output = charts.render(
            "regions-bars", "en", {"indicator": "context.hightech_employment", "period": "2023"}
        )
    bars = output.figure.data[0]
    names = {"TL": "Testland (SYNTHETIC)", "TLA": "Testshire"}
    drawn = dict(zip(bars.y, bars.x, strict=True))
    assert drawn == {names[r]: v for r, v in zip(output.data["region"], output.data["value"], strict=True)}
    assert output.filename == "testland-compared-hightech-employment-2023"


def test_the_per_1000_csv_keeps_the_published_value_and_adds_the_plotted_one(client, companies):
    name, rows = export(
        client, "/export/regions-bars.csv?indicator=industry.companies&period=2023&percapita=1"
    )
    assert name == "testland-compared-industry-companies-per-1000-inhabitants-2023.csv"
    by_region = {r["region"]: r for r in rows}
    assert set(by_region) == {"TLA", "TLA11", "TLA21"}  # the EU has no population: not drawn, not exported
    city = by_region["TLA11"]
    assert float(city["value"]) == 1400 and city["unit"] == "companies"
    assert float(city["population"]) == 700000 and city["population_period"] == "2023"
    assert float(city["value_per_1000"]) == pytest.approx(2.0)
    assert city["population_source"] == "testland-stats-2025"
    _name, plain = export(client, "/export/regions-bars.csv?indicator=industry.companies&period=2023")
    assert len(plain) == 4 and "value_per_1000" not in plain[0]


def test_xlsx_of_the_bars(client):
    response = client.get(f"/export/regions-bars.xlsx?{DEFAULT_VIEW}")
    sheet = data_sheet(response.data)
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {row["region"]: row["value"] for row in rows}["TLA11"] == 707000


def test_bars_embed_is_german(client):
    body = embed_text(client, f"/embed/regions-bars?{DEFAULT_VIEW}&lang=de&page=/regions")
    assert "<title>Bevölkerung nach Regionen</title>" in body and "/regions?" in body


def test_map_csv_holds_the_districts_it_colours(client):
    name, rows = export(client, f"/export/regions-map.csv?{DEFAULT_VIEW}")
    assert name == "testland-districts-population-map-2024.csv"
    assert {r["region"] for r in rows} == {"TLA11", "TLA12", "TLA21", "TLA22"}


def test_map_csv_is_empty_without_district_figures(client):
    _name, rows = export(client, "/export/regions-map.csv?indicator=context.hightech_employment&period=2023")
    assert rows == []


def test_map_embed_is_german_and_credits_the_boundaries(client):
    body = embed_text(client, f"/embed/regions-map?{DEFAULT_VIEW}&lang=de")
    assert "<title>Bevölkerung nach Kreisen</title>" in body and "SYNTHETIC boundaries" in body


def test_the_page_has_an_export_bar_under_both_charts(testland_app, page):
    with testland_app.server.test_request_context("/regions"):
        tree = page.layout(lang="de")
    for graph in (page.BARS_GRAPH, "regions-map-graph"):
        assert find(tree, f"{graph}-export-menu") is not None, graph
    citation = find(tree, "share-regions-bars-citation").children
    assert "Testland Statistical Office (SYNTHETIC)" in citation and "verarbeitet von Regiometer" in citation


def test_the_callback_redraws_the_export_bar(testland_app, page):
    with testland_app.server.test_request_context("/regions"):
        bars, map_, *_ = page.render("context.hightech_employment", "2023", None, None, [])
    assert find(bars[0], f"{page.BARS_GRAPH}-export-menu") is not None
    assert find(bars[0], "export-regions-bars-csv").href == "/export/regions-bars.csv"
    assert find(map_[0], "regions-map-graph-export-menu") is None  # no districts: no map, no bar


# --- the Saxony pack ---------------------------------------------------------------------------


def test_saxony_bars_csv_holds_the_district_population(app):
    importlib.import_module("dashboard.pages.regions")
    name, rows = export(app.server.test_client(), "/export/regions-bars.csv")
    assert name == "saxony-districts-population-2024-12-31.csv"
    population = {row["region"]: float(row["value"]) for row in rows}
    assert len(population) == 13 and population["DED21"] == 564904 and population["DED51"] == 611850
