"""The partial plotly.js the site serves: it draws every trace type the pages and shared charts use,
it is the plotly.js release the plotly package writes figures for, and a mismatch falls back to the
full plotly.js instead of breaking the charts."""

from __future__ import annotations

import json
import re

import plotly.offline
import pytest

from dashboard import charts
from dashboard.app import create_app
from dashboard.i18n import use_locale
from dashboard.web import assets
from etl.paths import ASSETS_DIR
from tests.dashboard.tree import page_request

PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"
PUBLIC_PAGES = ("/", "/employment", "/funding", "/clusters", "/regions")
CORE_TRACES = {"scatter"}  # plotly.js's core registers scatter itself


def bundled_traces() -> set[str]:
    entry = (ASSETS_DIR / "vendor" / "plotly" / "bundle.js").read_text()
    found = set(re.findall(r"require\('plotly\.js/lib/([a-z0-9]+)'\)", entry))
    return (found - {"core"}) | CORE_TRACES


def figures_in(component: object):
    """Every figure (a dict with 'data') inside a page's JSON."""
    if isinstance(component, dict):
        figure = component.get("figure")
        if isinstance(figure, dict) and "data" in figure:
            yield figure
        for value in component.values():
            yield from figures_in(value)
    elif isinstance(component, list):
        for value in component:
            yield from figures_in(value)


def page_figures(app, path: str) -> list[dict]:
    body = page_request(path)
    with use_locale("en"):
        answer = app.server.test_client().post("/_dash-update-component", json=body)
    assert answer.status_code == 200, path
    return list(figures_in(json.loads(answer.get_data())))


def trace_types(figures) -> set[str]:
    return {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}


@pytest.mark.parametrize("pack", ["saxony", "testland"])
def test_the_bundle_draws_every_trace_type_the_site_uses(pack, app, testland_app):
    site = app if pack == "saxony" else testland_app
    site.server.test_client().get("/")
    figures = [figure for path in PUBLIC_PAGES for figure in page_figures(site, path)]
    with site.server.test_request_context("/"):
        for name in charts.names():
            figures.append(charts.render(name, "en", {}).figure.to_plotly_json())
    used = trace_types(figures)
    assert {"scatter", "bar", "choropleth"} <= used  # the check sees the charts it is about
    assert used <= bundled_traces(), f"add {used - bundled_traces()} to assets/vendor/plotly/bundle.js"


def test_plotly_js_is_the_partial_bundle_of_the_release_the_figures_are_written_for(app):
    assert assets.bundle_version() == plotly.offline.get_plotlyjs_version()
    answer = app.server.test_client().get(PLOTLY_URL, headers={"Accept-Encoding": "br"})
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "br"
    assert answer.mimetype == "text/javascript"
    body = assets.brotli.decompress(answer.get_data())
    assert body.startswith(b"/* plotly.js v" + plotly.offline.get_plotlyjs_version().encode())
    assert len(body) < 2_000_000  # the full plotly.js is 4.8 MB


def test_a_bundle_of_another_release_falls_back_to_the_full_plotly_js(sqlite_seeded, monkeypatch):
    monkeypatch.setattr(plotly.offline, "get_plotlyjs_version", lambda: "99.0.0")
    app = create_app(sqlite_seeded)
    answer = app.server.test_client().get(PLOTLY_URL, headers={"Accept-Encoding": "identity"})
    assert answer.status_code == 200
    assert len(answer.get_data()) > 4_000_000
    assert b"partial bundle" not in answer.get_data()[:300]
