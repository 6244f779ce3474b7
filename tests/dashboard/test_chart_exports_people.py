"""Export bar of the /clusters charts: the data files hold what the page's chart shows (for the view in
the query string), the file names say what they hold, embeds speak the language. (The /employment
charts: test_employment_exports.py.)"""

from __future__ import annotations

import csv
import importlib
import io
from urllib.parse import parse_qsl

import pytest
from dash import dcc

from dashboard import charts
from tests.dashboard.tree import find


@pytest.fixture
def clusters(app):
    """The page, imported after the app exists (that is when pages register)."""
    return importlib.import_module("dashboard.pages.clusters")


@pytest.fixture
def client(app, clusters):
    return app.server.test_client()


def download(client, url: str) -> tuple[str, list[dict[str, str]]]:
    """(file name, rows) of a CSV export."""
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    disposition = response.headers["Content-Disposition"]
    name = disposition.split('filename="')[1].rstrip('"')
    return name, list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


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


def test_the_two_charts_are_registered(clusters):
    assert {"clusters-members", "clusters-events"} <= set(charts.names())


# --- /clusters ---------------------------------------------------------------------------------


def test_members_export(app, clusters, client):
    graph = page_graph(app, clusters, "/clusters", clusters.MEMBERS_GRAPH, "lang=en")
    name, rows = download(client, "/export/clusters-members.csv")
    assert name == "silicon-saxony-members-2000-2026.csv"
    assert exported(rows) == plotted(graph) == [20, 350, 375, 555, 650]
    founding = [row for row in rows if row["indicator"] == "cluster.founding_members"]
    assert [(row["period"], row["value"]) for row in founding] == [("2000", "20")]
    assert all(row["source_url"].startswith("http") for row in rows)


def test_events_export(app, clusters, client):
    graph = page_graph(app, clusters, "/clusters", clusters.EVENTS_GRAPH, "lang=en")
    name, rows = download(client, "/export/clusters-events.csv?lang=de")
    assert name == "cluster-event-participants-2017-2024.csv"
    assert exported(rows) == plotted(graph)
    values = by_series(rows)
    assert values[("silicon-saxony-day", "2024")] == 700 and values[("hub-disrupt", "2023")] == 200


@pytest.mark.parametrize(
    ("chart", "title"),
    [
        ("clusters-members", "Mitglieder von Silicon Saxony e. V."),
        ("clusters-events", "Teilnehmende an Cluster-Veranstaltungen"),
    ],
)
def test_cluster_embeds_in_german(client, chart, title):
    response = client.get(f"/embed/{chart}?lang=de")
    assert response.status_code == 200
    assert f"<title>{title}</title>" in response.data.decode()


# --- the export bar on the pages ---------------------------------------------------------------


def _bar(tree, graph_id: str, chart: str) -> None:
    menu = find(tree, f"{graph_id}-export-menu")
    assert menu is not None, f"no export bar under {graph_id}"
    assert find(tree, f"export-{chart}-csv").href == f"/export/{chart}.csv"
    assert find(tree, f"export-{chart}-xlsx").href == f"/export/{chart}.xlsx"
    citation = find(tree, f"share-{chart}-citation")
    assert "Regiometer" in citation.children


def test_clusters_page_has_export_bars(app, clusters):
    with app.server.test_request_context("/clusters"):
        tree = clusters.layout(lang="de")
    _bar(tree, clusters.MEMBERS_GRAPH, "clusters-members")
    _bar(tree, clusters.EVENTS_GRAPH, "clusters-events")
    assert "Über Regiometer" in find(tree, "share-clusters-members-citation").children
