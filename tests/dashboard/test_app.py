"""The app as a server: pages answer, assets are compressed, headers are safe, no tracebacks leak."""

from __future__ import annotations

import importlib

import pytest

from tests.dashboard.tree import links, texts


@pytest.fixture
def overview(app):
    return importlib.import_module("dashboard.pages.overview")  # pages register after the app exists


def test_overview_shows_latest_jobs_figure_with_year_and_source(app, overview):
    with app.server.test_request_context("/"):
        tree = overview.layout(lang="en")
    words = " ".join(texts(tree))
    assert "81,000" in words and "2023" in words
    assert "https://silicon-saxony.de/en/silicon-saxony-magnet-for-skilled-workers/" in links(tree)


def test_overview_in_german_uses_german_numbers(app, overview):
    with app.server.test_request_context("/?lang=de"):
        words = " ".join(texts(overview.layout(lang="de")))
    assert "81.000" in words and "Beschäftigte" in words


@pytest.mark.parametrize("path", ["/", "/?lang=de"])
def test_pages_are_served(app, path):
    response = app.server.test_client().get(path)
    assert response.status_code == 200
    assert b"Regiometer" in response.data


def test_assets_are_compressed_and_headers_are_safe(app):
    client = app.server.test_client()
    response = client.get("/assets/vendor/bootstrap.min.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.data) < 60_000
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


def test_overview_tracks_every_other_goal_the_same_way(app, overview):
    with app.server.test_request_context("/"):
        words = " ".join(texts(overview.layout(lang="en")))
    assert "Other goals and projections" in words
    assert "950,000" in words and "more than 1,000,000" in words and "2028" in words
    assert "at least two actual values" in words or "Not enough data" in words


def test_production_serves_with_one_process_per_core_unless_configured(testland):
    from dashboard.serve import gunicorn_options

    default = gunicorn_options(testland)
    assert default["workers"] >= 1 and default["preload_app"] and default["worker_class"] == "gthread"
    assert gunicorn_options(testland.with_(workers=3, threads=2))["workers"] == 3
    assert gunicorn_options(testland.with_(port=9000))["bind"].endswith(":9000")
