"""What a browser downloads: no plotly.js on a page without charts, static files from the cache on a
repeat visit, plotly.js fetched when a chart page is opened from there."""

from __future__ import annotations

import re

from tests.e2e.conftest import wait_for_dash

PLOTLY_JS = re.compile(r"/plotly(\.v[\w-]+m\d+)?\.min\.js$")  # Dash's copy, with or without a fingerprint

FINGERPRINT = re.compile(r"\?m=[\d.]+$|\?v=[\w.]+$|\.v[\w-]+m\d+\.")
STATIC = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
RESOURCES = """() => performance.getEntriesByType('resource').map(entry => ({
    name: entry.name, transferSize: entry.transferSize, encodedBodySize: entry.encodedBodySize}))"""


def is_plotly(url: str) -> bool:
    return bool(PLOTLY_JS.search(url.split("?")[0]))


def static_entries(page) -> list[dict]:
    entries = page.evaluate(RESOURCES)
    return [entry for entry in entries if any(part in entry["name"] for part in STATIC)]


def test_the_data_page_loads_no_plotly_and_a_repeat_visit_comes_from_the_cache(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/data")
    wait_for_dash(page)
    assert page.locator("#data-table").count() == 1
    assert [url for url in requested if is_plotly(url)] == []
    first = static_entries(page)
    assert len(first) > 10

    page.goto(f"{server}/data")
    wait_for_dash(page)
    again = static_entries(page)
    assert {entry["name"] for entry in again} >= {entry["name"] for entry in first}
    # From the browser's cache (nothing transferred) or, for the few URLs Dash writes without a
    # fingerprint (its lazily loaded chunks), revalidated: 304 Not Modified, headers without the body
    # (Chromium then reports about 300 bytes transferred and the cached body's size, or 0).
    fetched = [entry for entry in again if entry["transferSize"] > entry["encodedBodySize"] > 0]
    assert fetched == []
    fingerprinted = [entry for entry in again if FINGERPRINT.search(entry["name"])]
    assert len(fingerprinted) > 10
    assert [entry["name"] for entry in fingerprinted if entry["transferSize"] != 0] == []  # not even asked
    assert sum(entry["transferSize"] for entry in again) < 5_000
    context.close()


def test_a_chart_page_opened_from_the_data_page_fetches_plotly_and_draws(server, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/data")
    wait_for_dash(page)
    assert not any(is_plotly(url) for url in requested)
    page.locator(".shell-navbar .nav-link", has_text="Employment").click()
    page.wait_for_selector("#_pages_content .js-plotly-plot .main-svg", timeout=30_000)
    assert any(is_plotly(url) for url in requested)
    assert page.console_errors == []


def test_pages_run_with_the_regenerator_runtime_instead_of_babels_polyfill(server, page):
    page.goto(f"{server}/funding")
    page.wait_for_selector("#_pages_content .js-plotly-plot .main-svg", timeout=30_000)
    assert page.evaluate("() => typeof regeneratorRuntime.mark") == "function"  # Dash's bundles call it
    assert page.evaluate("() => typeof window._babelPolyfill") == "undefined"  # core-js 2 is not loaded
    assert page.console_errors == []
