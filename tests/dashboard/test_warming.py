"""The public pages drawn before the first reader: afterwards the first request of every public page in
either language finds everything its page reads already computed, and a page that cannot be drawn in
advance does not keep the server from starting."""

from __future__ import annotations

import logging

import dash
import pytest

from dashboard.data import cache
from dashboard.i18n import use_locale
from dashboard.i18n.locale import LANGS
from dashboard.web import warming
from tests.dashboard.tree import page_request


@pytest.fixture
def started(testland_app):
    cache.clear_all()  # each test has its own warehouse
    testland_app.server.test_client().get("/")  # the first request registers the pages' callbacks
    yield testland_app
    cache.clear_all()


def shared_paths() -> list[str]:
    return [page["path"] for page in dash.page_registry.values() if page.get("shared")]


def draw(app, path: str, lang: str) -> None:
    with use_locale("en"):
        answer = app.server.test_client().post(
            "/_dash-update-component", json=page_request(path, f"?lang={lang}")
        )
    assert answer.status_code == 200, (path, lang)


def test_after_warming_the_first_reader_of_every_public_page_waits_for_nothing(started):
    paths = shared_paths()
    assert {"/", "/funding", "/regions", "/data"} <= set(paths)
    assert warming.warm_pages(started.server) == len(paths) * len(LANGS)
    misses = cache.stats()["misses"]
    for path in paths:
        for lang in LANGS:
            draw(started, path, lang)
    assert cache.stats()["misses"] == misses  # nothing computed again


def test_without_warming_the_first_reader_computes(started):
    misses = cache.stats()["misses"]
    draw(started, "/regions", "en")
    assert cache.stats()["misses"] > misses  # what the test above shows is not for free


def test_a_page_that_cannot_be_drawn_in_advance_is_logged_and_skipped(started, monkeypatch, caplog):
    regions = next(page for page in dash.page_registry.values() if page["path"] == "/regions")

    def broken(**_query):
        raise ValueError("a bug in the page")

    monkeypatch.setitem(regions, "layout", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard.web.warming"):
        drawn = warming.warm_pages(started.server)
    assert drawn == (len(shared_paths()) - 1) * len(LANGS)
    assert "could not draw /regions (en) in advance" in caplog.text
