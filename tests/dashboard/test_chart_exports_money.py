"""Charts on /regions leave the site: each CSV holds the numbers its chart shows for the page's query
string, with a descriptive file name; each embed is in the reader's language; each chart on the page
has its export bar. (/funding's exports: test_funding_exports.py.)"""

from __future__ import annotations

import importlib

import pytest

from etl import pipeline
from tests.conftest import write
from tests.dashboard.downloads import csv_rows, data_sheet
from tests.dashboard.tree import find


@pytest.fixture
def client(app):
    importlib.import_module("dashboard.pages.funding")
    importlib.import_module("dashboard.pages.regions")
    return app.server.test_client()


@pytest.fixture
def regions(app):
    return importlib.import_module("dashboard.pages.regions")


def export(client, url: str) -> tuple[str, list[dict]]:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    disposition = response.headers["Content-Disposition"]
    name = disposition.split('filename="')[1].rstrip('"')
    return name, csv_rows(response.data)


def values(rows: list[dict], key: str = "breakdown") -> dict[str, float]:
    return {row[key]: float(row["value"]) for row in rows}


def embed_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.data.decode()


def test_every_chart_of_both_pages_is_registered(client):
    from dashboard import charts

    assert {"funding-timeline", "funding-totals", "funding-eu", "regions-bars", "regions-map"} <= set(
        charts.names()
    )


# /regions ---------------------------------------------------------------------------------------------

DEFAULT_VIEW = "indicator=context.population&period=2024-12-31&highlight=DED21"


def test_bars_csv_holds_the_district_population(client):
    name, rows = export(client, f"/export/regions-bars.csv?{DEFAULT_VIEW}&lang=de")
    assert name == "saxony-districts-population-2024-12-31.csv"
    population = values(rows, "region")
    assert len(population) == 13 and population["DED21"] == 564904 and population["DED51"] == 611850
    assert {r["unit"] for r in rows} == {"persons"}  # the figure hides the unit word, the data keeps it
    assert all(r["source_url"].startswith("http") for r in rows)


def test_bars_csv_without_a_query_is_the_default_view(client):
    name, rows = export(client, "/export/regions-bars.csv")
    assert name == "saxony-districts-population-2024-12-31.csv" and len(rows) == 13


def test_bars_csv_equals_the_figure(app, regions):
    with app.server.test_request_context("/regions"):
        output = regions.bars_chart("en", {"indicator": "funding.projects", "period": "2023"})
    figure = output.figure.data[0]
    names = {"DE": "Germany", "DED": "Saxony"}
    exported = {
        names[code]: value for code, value in zip(output.data["region"], output.data["value"], strict=True)
    }
    assert dict(zip(figure.y, figure.x, strict=True)) == exported == {"Germany": 31, "Saxony": 9}
    assert output.filename == "saxony-compared-funding-projects-ipcei-mect-2023"


def test_per_capita_export_keeps_the_published_value_and_adds_the_plotted_one(
    client, sqlite_seeded, tmp_path
):
    rows = [
        "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
        "industry.companies,DED21,,2023,1000,companies,actual,regionalstatistik,,",
        "industry.companies,DED51,,2023,1200,companies,actual,regionalstatistik,,",
        "industry.companies,DE,,2023,90000,companies,actual,regionalstatistik,,",
    ]
    pipeline.import_staff_file(sqlite_seeded, write(tmp_path / "firms.csv", "\n".join(rows) + "\n"))
    name, rows = export(
        client, "/export/regions-bars.csv?indicator=industry.companies&period=2023&percapita=1"
    )
    assert name == "saxony-districts-industry-companies-per-1000-inhabitants-2023.csv"
    by_region = {r["region"]: r for r in rows}
    assert set(by_region) == {"DED21", "DED51"}  # Germany has no population figure: not drawn, not exported
    dresden = by_region["DED21"]
    assert float(dresden["value"]) == 1000 and dresden["unit"] == "companies"
    assert float(dresden["population"]) == 564904 and dresden["population_period"] == "2024-12-31"
    assert float(dresden["value_per_1000"]) == pytest.approx(1000 / 564904 * 1000)
    assert dresden["population_source"] == "regionalstatistik-12411-01-01-4"
    _name, plain = export(client, "/export/regions-bars.csv?indicator=industry.companies&period=2023")
    assert len(plain) == 3 and "value_per_1000" not in plain[0]


def test_xlsx_of_the_bars(client):
    response = client.get(f"/export/regions-bars.xlsx?{DEFAULT_VIEW}")
    sheet = data_sheet(response.data)
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {row["region"]: row["value"] for row in rows}["DED21"] == 564904


def test_bars_embed_is_german(client):
    body = embed_text(client, f"/embed/regions-bars?{DEFAULT_VIEW}&lang=de&page=/regions")
    assert "<title>Bevölkerung nach Regionen</title>" in body
    assert "/regions?" in body  # the 'open in Regiometer' link goes back to this view


def test_map_csv_holds_the_districts_it_colours(client):
    name, rows = export(client, f"/export/regions-map.csv?{DEFAULT_VIEW}")
    assert name == "saxony-districts-population-map-2024-12-31.csv"
    assert values(rows, "region")["DED21"] == 564904
    assert all(r["region"].startswith("DED") and len(r["region"]) == 5 for r in rows)


def test_map_csv_is_empty_without_district_figures(client):
    _name, rows = export(client, "/export/regions-map.csv?indicator=funding.projects&period=2023")
    assert rows == []


def test_map_embed_is_german(client):
    assert "<title>Bevölkerung nach Kreisen</title>" in embed_text(
        client, f"/embed/regions-map?{DEFAULT_VIEW}&lang=de"
    )


def test_regions_page_has_an_export_bar_under_both_charts(app, regions):
    with app.server.test_request_context("/regions"):
        tree = regions.layout(lang="de")
    for graph in (regions.BARS_GRAPH, regions.MAP_GRAPH):
        assert find(tree, f"{graph}-export-menu") is not None, graph
    citation = find(tree, "share-regions-bars-citation").children
    assert (
        "Statistische Ämter des Bundes und der Länder" in citation
        and "verarbeitet von Regiometer" in citation
    )


def test_regions_callback_redraws_the_export_bar(app, regions):
    with app.server.test_request_context("/regions"):
        bars, map_, _table, _options, _highlight = regions.render(
            "funding.projects", "2023", None, None, [], "en"
        )
    assert find(bars[0], f"{regions.BARS_GRAPH}-export-menu") is not None
    assert find(bars[0], "export-regions-bars-csv").href == "/export/regions-bars.csv"
    assert find(map_[0], f"{regions.MAP_GRAPH}-export-menu") is None  # no districts: no map, no bar
