"""Export bar of the /clusters charts: the data files hold what the chart shows (and the founding note),
the file names say what they hold, embeds speak the language. On Testland; one data test on Saxony."""

from __future__ import annotations

import importlib

import pytest

from dashboard import charts
from dashboard.data import cache
from dashboard.i18n import use_locale
from tests.dashboard.downloads import csv_download as download
from tests.dashboard.test_clusters import numbers
from tests.dashboard.tree import find


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear_all()
    yield
    cache.clear_all()


@pytest.fixture
def clusters(testland_app):
    return importlib.import_module("dashboard.pages.clusters")


@pytest.fixture
def client(testland_app, clusters):
    return testland_app.server.test_client()


def plotted(app, clusters, graph_id: str) -> list[float]:
    with app.server.test_request_context("/clusters"):
        figure = find(clusters.page(), graph_id).figure
    return sorted(float(y) for trace in figure["data"] for y in numbers(trace["y"]))


def test_both_charts_are_registered(clusters):
    assert {"clusters-members", "clusters-events"} <= set(charts.names())


def test_members_export_holds_the_line_and_the_founding_note(testland_app, clusters, client):
    name, rows = download(client, "/export/clusters-members.csv")
    assert name == "test-cluster-members-2019-2024.csv"
    members = sorted(float(r["value"]) for r in rows if r["indicator"] == "cluster.members")
    assert members == plotted(testland_app, clusters, clusters.MEMBERS_GRAPH) == [300, 340, 380, 402]
    founding = [(r["period"], r["value"]) for r in rows if r["indicator"] == "cluster.founding_members"]
    assert founding == [("2005", "18")]  # the note's figure, with its source
    assert all(r["source_url"].startswith("https://example.org/") for r in rows)


def test_events_export(testland_app, clusters, client):
    name, rows = download(client, "/export/clusters-events.csv?lang=de")
    assert name == "cluster-event-participants-2022-2024.csv"
    assert sorted(float(r["value"]) for r in rows) == plotted(testland_app, clusters, clusters.EVENTS_GRAPH)
    assert {r["breakdown"] for r in rows} == {"test-day"}


@pytest.mark.parametrize(
    ("chart", "title"),
    [
        ("clusters-members", "Mitglieder von Test Cluster e. V."),
        ("clusters-events", "Teilnehmende an Cluster-Veranstaltungen"),
    ],
)
def test_cluster_embeds_in_german(client, chart, title):
    response = client.get(f"/embed/{chart}?lang=de")
    assert response.status_code == 200
    assert f"<title>{title}</title>" in response.data.decode()


def test_clusters_page_has_export_bars(testland_app, clusters):
    with testland_app.server.test_request_context("/clusters?lang=de"), use_locale("de"):
        tree = clusters.page()
    for graph_id, chart in (
        (clusters.MEMBERS_GRAPH, "clusters-members"),
        (clusters.EVENTS_GRAPH, "clusters-events"),
    ):
        assert find(tree, f"{graph_id}-export-menu") is not None
        assert find(tree, f"export-{chart}-csv").href == f"/export/{chart}.csv"
    assert "verarbeitet von Regiometer" in find(tree, "share-clusters-members-citation").children


def test_saxony_members_export(app):
    importlib.import_module("dashboard.pages.clusters")
    name, rows = download(app.server.test_client(), "/export/clusters-members.csv")
    assert name == "silicon-saxony-members-2019-2026.csv"
    assert sorted(float(r["value"]) for r in rows) == [20, 350, 375, 555, 650]
