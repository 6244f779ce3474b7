"""The /employment charts leave the site: each data file holds what the page's chart shows for the
same query string, named after what it holds; per 1,000 inhabitants the file keeps the published
figure and adds the ratio and the population it was divided by; embeds speak the reader's language.
On the SYNTHETIC Testland pack; one data test of the Saxony pack at the end."""

from __future__ import annotations

import importlib
from urllib.parse import parse_qsl

import pytest
from dash import dcc

from dashboard import charts
from dashboard.i18n import use_locale
from tests.dashboard.downloads import csv_download as download
from tests.dashboard.downloads import data_sheet
from tests.dashboard.tree import as_drawn, find

POPULATION_2023 = 2_000_000  # Testshire, end of 2023 (SYNTHETIC)


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.employment")


@pytest.fixture
def client(testland_app, page):
    return testland_app.server.test_client()


def plotted(graph: dcc.Graph) -> list[float]:
    return sorted(float(y) for trace in graph.figure.data for y in trace.y)


def exported(rows: list[dict[str, str]]) -> list[float]:
    """The plotted numbers of an export: the published value, or per 1,000 inhabitants the ratio."""
    return sorted(float(row.get("value_per_1000") or row["value"]) for row in rows)


def page_graph(app, page, graph_id: str, query: str) -> dcc.Graph:
    params = dict(parse_qsl(query))
    with app.server.test_request_context(f"/employment?{query}"), use_locale(params.get("lang", "en")):
        tree = as_drawn(page, page.layout(**params))
    graph = find(tree, graph_id)
    assert isinstance(graph, dcc.Graph)
    return graph


def test_both_charts_are_registered(page):
    assert {"employment-jobs", "employment-official"} <= set(charts.names())


@pytest.mark.parametrize(
    "query",
    [
        "breakdowns=total,software&region=TLA&measure=abs&lang=en",
        "breakdowns=hardware,software&measure=abs",
        "breakdowns=software&measure=per1000&lang=de",
        "",  # the defaults: the total and the pack's default field, the home region, absolute
    ],
)
def test_jobs_export_holds_the_numbers_the_page_shows_for_the_same_url(testland_app, page, client, query):
    graph = page_graph(testland_app, page, page.GRAPH, query)
    name, rows = download(client, f"/export/employment-jobs.csv?{query}")
    assert exported(rows) == pytest.approx(plotted(graph), abs=0.005)
    assert name == graph.config["toImageButtonOptions"]["filename"] + ".csv"
    assert all(row["source_url"].startswith("http") and row["source_title"] for row in rows)
    assert {row["source_kind"] for row in rows} <= {"association", "government"}


def test_jobs_export_default_view_has_the_headline_figures_and_the_goal(client):
    name, rows = download(client, "/export/employment-jobs.csv")
    assert name == "testshire-tech-employment-by-field-2018-2023.csv"
    total = {
        row["period"]: float(row["value"])
        for row in rows
        if row["breakdown"] == "" and row["status"] == "actual"
    }
    assert total["2022"] == 47000 and 46000 not in total.values()  # the preferred source's figure
    assert [row["value"] for row in rows if row["status"] == "target"] == ["70000"]


def test_the_per_1000_csv_keeps_the_published_figure_and_adds_the_ratio_and_population(client):
    name, rows = download(client, "/export/employment-jobs.csv?breakdowns=total&measure=per1000")
    assert name == "testshire-tech-employment-per-1000-2018-2023.csv"
    assert all(row["status"] != "target" for row in rows)  # no goal per today's population
    last = next(row for row in rows if row["period"] == "2023")
    assert float(last["value"]) == 49500 and last["unit"] == "persons"  # as published
    assert float(last["value_per_1000"]) == pytest.approx(49500 / POPULATION_2023 * 1000)
    assert last["population"] == "2000000" and last["population_period"] == "2023"
    assert last["population_source"] == "testland-stats-2025"
    first = rows[0]  # 2018 has no population figure: the nearest (2023) divides, and the file says so
    assert first["period"] == "2018" and first["population_period"] == "2023"
    for row in rows:
        assert float(row["value_per_1000"]) == pytest.approx(
            float(row["value"]) / float(row["population"]) * 1000
        )


def test_jobs_xlsx_export(client):
    response = client.get("/export/employment-jobs.xlsx?breakdowns=total&measure=abs")
    assert 'filename="testshire-tech-employment-2018-2023.xlsx"' in response.headers["Content-Disposition"]
    sheet = data_sheet(response.data)
    header = [cell.value for cell in sheet[1]]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 49500 in values and 19000 not in values and "source_url" in header


def test_jobs_embed_is_german_and_shows_the_same_view(client):
    body = client.get("/embed/employment-jobs?lang=de&breakdowns=software&measure=per1000").data.decode()
    assert "<title>Beschäftigte der Technologiebranche, Testshire</title>" in body
    assert 'lang="de"' in body and '"name":"Software"' in body
    assert '"title":{"text":"je 1.000 Einwohner"}' in body


def test_jobs_citation_names_the_sources_and_for_ratios_the_population(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        absolute = charts.render("employment-jobs", "en", {}).citation
        ratio = charts.render("employment-jobs", "de", {"measure": "per1000"}).citation
    assert absolute.startswith("Test Cluster e. V. (SYNTHETIC)") and "processed by Regiometer," in absolute
    assert "Testland Statistical Office" not in absolute
    assert "Testland Statistical Office" in ratio and "verarbeitet von Regiometer," in ratio


def test_per_1000_chart_names_the_population_source_inside_the_figure(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        output = charts.render("employment-jobs", "en", {"breakdowns": "total", "measure": "per1000"})
    footer = " ".join(a.text for a in output.figure.layout.annotations if (a.name or "").startswith("footer"))
    assert "Testland Statistical Office (SYNTHETIC)" in footer.replace("<br>", " ")


def test_jobs_query_is_read_like_the_page_reads_it(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        fallback = charts.render(
            "employment-jobs", "en", {"breakdowns": "nonsense", "region": "ZZ", "measure": "x"}
        )
        default = charts.render("employment-jobs", "en", {})
    assert fallback.filename == default.filename == "testshire-tech-employment-by-field-2018-2023"
    assert fallback.data["value"].tolist() == default.data["value"].tolist()


@pytest.mark.parametrize("query", ["region=TLA&measure=abs", "measure=per1000&lang=de"])
def test_official_export_holds_the_numbers_the_page_shows(testland_app, page, client, query):
    graph = page_graph(testland_app, page, page.OFFICIAL_GRAPH, query)
    name, rows = download(client, f"/export/employment-official.csv?{query}")
    assert exported(rows) == pytest.approx(plotted(graph), abs=0.005)
    assert name == graph.config["toImageButtonOptions"]["filename"] + ".csv"


def test_official_export_values_and_names(client):
    name, rows = download(client, "/export/employment-official.csv")
    assert name == "testshire-official-employees-social-insurance-2021-2023.csv"
    assert [float(row["value"]) for row in rows] == [780000, 790000, 801000]
    assert {row["source_kind"] for row in rows} == {"official"}


def test_official_embed_in_german(client):
    body = client.get("/embed/employment-official?lang=de").data.decode()
    assert "<title>Beschäftigte (amtliche Statistik), Testshire</title>" in body


def test_the_page_has_an_export_bar_under_each_chart(testland_app, page):
    with testland_app.server.test_request_context("/employment"), use_locale("de"):
        tree = as_drawn(page, page.layout(lang="de"))
    for graph, chart in ((page.GRAPH, "employment-jobs"), (page.OFFICIAL_GRAPH, "employment-official")):
        assert find(tree, f"{graph}-export-menu") is not None
        assert find(tree, f"export-{chart}-csv").href == f"/export/{chart}.csv"
        assert "verarbeitet von Regiometer" in find(tree, f"share-{chart}-citation").children


def test_callbacks_return_the_chart_with_a_matching_export_bar(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        box = page.update_chart(["software"], "TLA", "per1000")
    image = find(box[0], page.GRAPH + "-export-png1")
    assert getattr(image, "data-filename") == "testshire-software-employment-per-1000-2020-2023"


# --- the Saxony pack ---------------------------------------------------------------------------


def test_saxony_jobs_export_has_the_headline_figures(app):
    importlib.import_module("dashboard.pages.employment")
    name, rows = download(app.server.test_client(), "/export/employment-jobs.csv?breakdowns=total,software")
    assert name == "saxony-ict-employment-by-field-2012-2023.csv"
    actual = {
        (row["breakdown"], row["period"]): float(row["value"]) for row in rows if row["status"] == "actual"
    }
    assert (
        actual[("", "2023")] == 81000
        and actual[("", "2022")] == 76100
        and actual[("software", "2023")] == 40000
    )
