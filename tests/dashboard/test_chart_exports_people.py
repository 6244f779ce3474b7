"""Export bar of the /employment charts: the data files hold what the page's chart shows (for the view in
the query string), the file names say what they hold, embeds speak the language. (The /clusters charts:
test_clusters_exports.py.)"""

from __future__ import annotations

import importlib
from urllib.parse import parse_qsl

import pytest
from dash import dcc

from dashboard import charts
from tests.dashboard.downloads import csv_rows, data_sheet
from tests.dashboard.tree import find

POPULATION_2023 = 4090000  # seed: Saxony, 31 Dec 2023
POPULATION_2022 = 4086152


@pytest.fixture
def pages(app):
    """The page, imported after the app exists (that is when pages register)."""
    return (importlib.import_module("dashboard.pages.employment"),)


@pytest.fixture
def employment(pages):
    return pages[0]


@pytest.fixture
def client(app, pages):
    return app.server.test_client()


def download(client, url: str) -> tuple[str, list[dict[str, str]]]:
    """(file name, rows) of a CSV export."""
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    disposition = response.headers["Content-Disposition"]
    name = disposition.split('filename="')[1].rstrip('"')
    return name, csv_rows(response.data)


def plotted(graph: dcc.Graph) -> list[float]:
    """Every y value of a graph's traces, sorted."""
    return sorted(float(y) for trace in graph.figure.data for y in trace.y)


def exported(rows: list[dict[str, str]]) -> list[float]:
    """The plotted numbers of an export: the published value, or per 1,000 inhabitants the ratio."""
    return sorted(float(row.get("value_per_1000") or row["value"]) for row in rows)


def by_series(rows: list[dict[str, str]], status: str = "actual") -> dict[tuple[str, str], float]:
    """(breakdown or indicator, period) -> value of the rows with one status."""
    return {
        (row["breakdown"] or row["indicator"], row["period"]): float(row["value"])
        for row in rows
        if row["status"] == status
    }


def page_graph(app, page, path: str, graph_id: str, query: str) -> dcc.Graph:
    """The graph the page renders for this URL (the layout gets the query string as keyword arguments)."""
    params = dict(parse_qsl(query))
    with app.server.test_request_context(f"{path}?{query}"):
        tree = page.layout(**params)
    graph = find(tree, graph_id)
    assert isinstance(graph, dcc.Graph)
    return graph


def test_the_two_charts_are_registered(pages):
    assert {"employment-jobs", "employment-official"} <= set(charts.names())


# --- /employment: the jobs chart ---------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "breakdowns=total,software&region=DED&measure=abs&lang=en",
        "breakdowns=semiconductors,microelectronics&region=DED&measure=abs",
        "breakdowns=software&region=DED&measure=per1000&lang=de",
        "",  # the defaults: total and software, Saxony, absolute
    ],
)
def test_jobs_export_holds_the_numbers_the_page_shows_for_the_same_url(app, employment, client, query):
    graph = page_graph(app, employment, "/employment", employment.GRAPH, query)
    name, rows = download(client, f"/export/employment-jobs.csv?{query}")
    assert exported(rows) == plotted(graph)
    assert name == graph.config["toImageButtonOptions"]["filename"] + ".csv"
    assert all(row["source_url"].startswith("http") and row["source_title"] for row in rows)


def test_jobs_export_default_view_has_the_headline_figures_and_the_goal(client):
    name, rows = download(
        client, "/export/employment-jobs.csv?breakdowns=total,software&region=DED&measure=abs"
    )
    assert name == "saxony-ict-employment-by-field-2012-2023.csv"
    actual = by_series(rows)
    assert actual[("employment.ict_micro", "2023")] == 81000 and actual[("software", "2023")] == 40000
    assert actual[("employment.ict_micro", "2022")] == 76100  # the preferred source, not 73,000
    assert 73000 not in exported(rows)
    assert [row["value"] for row in rows if row["status"] == "target"] == ["100000"]


def test_jobs_export_per_1000_keeps_the_published_figure_and_adds_the_ratio_and_population(client):
    name, rows = download(client, "/export/employment-jobs.csv?breakdowns=software&measure=per1000")
    assert name == "saxony-software-employment-per-1000-2014-2023.csv"
    assert all(row["status"] != "target" for row in rows)  # no goal per today's population
    last = next(row for row in rows if row["period"] == "2023")
    assert float(last["value"]) == 40000 and last["unit"] == "persons"  # as published
    assert float(last["value_per_1000"]) == pytest.approx(40000 / POPULATION_2023 * 1000, abs=0.01)
    assert float(last["population"]) == POPULATION_2023 and last["population_period"].startswith("2023")
    assert last["population_source"]
    first = rows[0]  # 2014 has no population figure: the nearest year (2019) divides, and says so
    assert first["period"] == "2014" and first["population_period"].startswith("2019")
    assert first["qualifier"] == "more_than" and first["note"] == "SMWA data collection 2014"
    for row in rows:
        ratio = float(row["value"]) / float(row["population"]) * 1000
        assert float(row["value_per_1000"]) == pytest.approx(ratio, abs=0.005)


def test_jobs_xlsx_export(client):
    response = client.get("/export/employment-jobs.xlsx?breakdowns=total&measure=abs")
    assert 'filename="saxony-ict-employment-2012-2023.xlsx"' in response.headers["Content-Disposition"]
    sheet = data_sheet(response.data)
    header = [cell.value for cell in sheet[1]]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 81000 in values and 40000 not in values and "source_url" in header


def test_jobs_embed_is_german_and_shows_the_same_view(client):
    response = client.get("/embed/employment-jobs?lang=de&breakdowns=software&measure=per1000")
    assert response.status_code == 200
    body = response.data.decode()
    assert "<title>Beschäftigte in Mikroelektronik/IKT, Sachsen</title>" in body
    assert 'lang="de"' in body and "In Regiometer öffnen" in body
    assert '"name":"Software"' in body and '"title":{"text":"je 1.000 Einwohner"}' in body  # the view
    assert "2023: 9,78" in body  # 40,000 per 4,090,000 inhabitants, per 1,000, in the German hover


def test_jobs_citation_names_the_sources_and_for_ratios_the_population(app, employment):
    with app.server.test_request_context("/employment"):
        absolute = charts.render("employment-jobs", "en", {}).citation
        ratio = charts.render("employment-jobs", "de", {"measure": "per1000"}).citation
    assert "Silicon Saxony e.V. (2024)" in absolute and "processed by Regiometer" in absolute
    assert "Bevölkerungsmonitor" not in absolute
    assert "Bevölkerungsmonitor" in ratio and "verarbeitet von Regiometer" in ratio


def test_jobs_without_population_exports_an_empty_file_and_embeds_the_note(app, employment, monkeypatch):
    monkeypatch.setattr(employment, "region_codes", lambda: ["DED", "DED2"])  # the seed has jobs for DED only
    client = app.server.test_client()
    name, rows = download(client, "/export/employment-jobs.csv?region=DED2&measure=per1000")
    assert rows == [] and name == "dresden-ict-employment-by-field-per-1000.csv"
    embed = client.get("/embed/employment-jobs?region=DED2&measure=per1000")
    assert embed.status_code == 200 and "no population figures for Dresden" in embed.data.decode()


def test_jobs_query_is_read_like_the_page_reads_it(app, employment):
    with app.server.test_request_context("/employment"):
        fallback = charts.render(
            "employment-jobs", "en", {"breakdowns": "nonsense", "region": "ZZ", "measure": "x"}
        )
        default = charts.render("employment-jobs", "en", {})
    assert fallback.filename == default.filename == "saxony-ict-employment-by-field-2012-2023"
    assert fallback.data["value"].tolist() == default.data["value"].tolist()


# --- /employment: official statistics ----------------------------------------------------------


@pytest.mark.parametrize("query", ["region=DED&measure=abs", "measure=per1000&lang=de"])
def test_official_export_holds_the_numbers_the_page_shows(app, employment, client, query):
    graph = page_graph(app, employment, "/employment", employment.OFFICIAL_GRAPH, query)
    name, rows = download(client, f"/export/employment-official.csv?{query}")
    assert exported(rows) == plotted(graph)
    assert name == graph.config["toImageButtonOptions"]["filename"] + ".csv"


def test_official_export_values_and_names(client):
    name, rows = download(client, "/export/employment-official.csv?region=DED&measure=abs")
    assert name == "saxony-official-employment-2022.csv"
    assert by_series(rows) == {("context.employees_social_insurance", "2022"): 1600000}
    name, rows = download(client, "/export/employment-official.csv?measure=per1000")
    assert name == "saxony-official-employment-per-1000-2022.csv"
    assert float(rows[0]["value"]) == 1600000 and float(rows[0]["population"]) == POPULATION_2022
    assert float(rows[0]["value_per_1000"]) == pytest.approx(1600000 / POPULATION_2022 * 1000, abs=0.01)


def test_official_embed_in_german(client):
    response = client.get("/embed/employment-official?lang=de")
    assert response.status_code == 200
    assert "<title>Amtliche Beschäftigungsstatistik, Sachsen</title>" in response.data.decode()


# --- the export bar on the pages ---------------------------------------------------------------


def _bar(tree, graph_id: str, chart: str) -> None:
    menu = find(tree, f"{graph_id}-export-menu")
    assert menu is not None, f"no export bar under {graph_id}"
    assert find(tree, f"export-{chart}-csv").href == f"/export/{chart}.csv"
    assert find(tree, f"export-{chart}-xlsx").href == f"/export/{chart}.xlsx"
    citation = find(tree, f"share-{chart}-citation")
    assert "Regiometer" in citation.children


def test_employment_page_has_export_bars(app, employment):
    with app.server.test_request_context("/employment"):
        tree = employment.layout(lang="en")
    _bar(tree, employment.GRAPH, "employment-jobs")
    _bar(tree, employment.OFFICIAL_GRAPH, "employment-official")


def test_callbacks_return_the_chart_with_a_matching_export_bar(app, employment):
    with app.server.test_request_context("/employment"):
        box = employment.update_chart(["software"], "DED", "per1000", "de")
        official, _, _ = employment.update_region("DED", "per1000", "de")
        empty = employment.update_chart([], "DED", "abs", "en")
    _bar(box, employment.GRAPH, "employment-jobs")
    image = find(box, employment.GRAPH + "-export-png1")
    assert getattr(image, "data-filename") == "saxony-software-employment-per-1000-2014-2023"
    assert "Bevölkerungsmonitor" in find(box, "share-employment-jobs-citation").children
    card = next(part for part in official if find(part, employment.OFFICIAL_GRAPH) is not None)
    _bar(card, employment.OFFICIAL_GRAPH, "employment-official")
    assert find(empty, employment.GRAPH + "-export-menu") is None  # nothing to export without a series
    assert "Select at least one series above." in empty.children[0].figure.layout.annotations[0].text


def test_per_1000_chart_names_the_population_source_inside_the_figure(app):
    import importlib

    from dashboard import charts, data

    importlib.import_module("dashboard.pages.employment")
    with app.server.test_request_context("/"):
        output = charts.render("employment-jobs", "en", {"breakdowns": "total", "measure": "per1000"})
        catalog = data.snapshot().catalog
    footer = " ".join(a.text for a in output.figure.layout.annotations if (a.name or "").startswith("footer"))
    footer = footer.replace("<br>", " ")
    publishers = {catalog.sources[slug]["publisher"] for slug in set(output.data["population_source"])}
    assert publishers  # the ratio's denominator is cited inside the image, not only in the citation
    for publisher in publishers:
        assert publisher.split(" (")[0] in footer
