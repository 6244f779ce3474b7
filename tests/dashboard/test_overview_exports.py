"""The path-to-goal chart leaving the site: its CSV holds the actual figures drawn and the goal's
statements with their qualifier and source; the embed names the goal as published. On Testland."""

from __future__ import annotations

import importlib

import pytest

from dashboard import charts
from dashboard.data import cache
from tests.dashboard.downloads import csv_download as download


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear_all()
    yield
    cache.clear_all()


@pytest.fixture
def client(testland_app):
    importlib.import_module("dashboard.pages.overview")
    return testland_app.server.test_client()


def test_csv_holds_the_actual_figures_and_the_goal_as_published(client):
    name, rows = download(client, "/export/overview-path.csv")
    assert name == "testland-tech-employment-2018-2023-path-to-2030.csv"
    actual = {r["period"]: float(r["value"]) for r in rows if r["status"] == "actual"}
    assert actual == {
        "2018": 40000,
        "2019": 42000,
        "2020": 43500,
        "2021": 45000,
        "2022": 47000,
        "2023": 49500,
    }
    goals = {(r["source"], r["qualifier"]) for r in rows if r["status"] == "target"}
    assert goals == {("test-ministry-2023", "more_than"), ("test-news-2024", "up_to")}  # both wordings
    published = [r for r in rows if r["kind"] == "observation"]  # then the paths the chart computes
    assert all(r["source_title"] and r["source_url"].startswith("https://") for r in published)


def test_csv_values_match_the_figure(testland_app, client):
    overview = importlib.import_module("dashboard.pages.overview")
    with testland_app.server.test_request_context("/"):
        output = overview.path_chart("en")
    drawn = next(trace for trace in output.figure.data if trace.name == "Actual")
    exported = output.data[output.data["status"] == "actual"]["value"].tolist()
    assert sorted(drawn.y) == sorted(exported)


def test_embed_names_the_goal_its_source_and_the_date_of_the_data(client):
    body = client.get("/embed/overview-path?lang=de").data.decode()
    assert "Ziel 2030: mehr als 70.000" in body
    assert "Ziel: Testshire Ministry of Economy (SYNTHETIC), Ziel, 10.11.2023" in body
    assert "Datenstand: 15.06.2024" in body


def test_citation_names_the_publishers(testland_app, client):
    with testland_app.server.test_request_context("/"):
        citation = charts.render("overview-path", "de", {}).citation
    assert (
        "Testshire Ministry of Economy (SYNTHETIC) (2023)" in citation
        and "verarbeitet von Regiometer" in citation
    )


def test_goals_api_lists_every_goal_with_its_assessment(client):
    response = client.get("/api/v1/goals")
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.get_json()
    assert body["window"]["years"] == 6 and "last 6 years" in body["window"]["rule"]
    first = body["goals"][0]
    assert (first["indicator"], first["region"], first["target_year"], first["qualifier"]) == (
        "employment.ict_micro", "TLA", 2030, "more_than",
    )  # fmt: skip
    assert first["goal"]["source"]["kind"] == "government" and first["goal"]["status"] == "target"
    assert [s["qualifier"] for s in first["also_published"]] == ["up_to"]
    assert first["latest_actual"] == {
        "period": "2023",
        "value": 49500.0,
        "qualifier": "",
        "source": "test-cluster-2024",
    }
    assert first["required_rate"] == pytest.approx((70000 / 49500) ** (1 / 7) - 1)
    assert first["required_rate_bound"] == "lower" and first["window"]["start"] == 2018
    assert first["verdict"] == "off_track" and first["verdict_text"].startswith(
        "Latest actual figure: 49,500"
    )
    assert {(g["indicator"], g["region"], g["breakdown"]) for g in body["goals"][1:]} == {
        ("employment.ict_micro", "TLA", "hardware"),
        ("employment.ict_micro", "TLA2", ""),
        ("cluster.partners", "TLA1", "test-hub"),
    }
    south = next(g for g in body["goals"] if g["region"] == "TLA2")
    assert (
        south["verdict"] == "insufficient_data"
        and south["reason"] == "no_actuals"
        and south["latest_actual"] is None
    )


def test_goals_api_speaks_german_revalidates_and_refuses_unknown_parameters(client):
    german = client.get("/api/v1/goals?lang=de")
    assert german.get_json()["goals"][0]["verdict_text"].startswith("Letzter Ist-Wert: 49.500")
    again = client.get("/api/v1/goals?lang=de", headers={"If-None-Match": german.headers["ETag"]})
    assert again.status_code == 304
    wrong = client.get("/api/v1/goals?indicator=x")
    assert wrong.status_code == 400 and wrong.get_json()["error"]["parameter"] == "indicator"
