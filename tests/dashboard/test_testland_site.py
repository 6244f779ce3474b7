"""The whole site served from the SYNTHETIC Testland pack, page by page, through HTTP the way a browser
asks for it (the pages' router callback): every page answers, speaks of Testshire, and names nothing of
the Saxony pack, in English and in German."""

from __future__ import annotations

import json
import re

import dash
import pytest

from tests.dashboard.tree import page_request

SAXONY_NAMES = re.compile(
    r"Saxony|Sachsen|sächsisch|Saxon|Dresden|Leipzig|Chemnitz|\bDED[0-9A-Z]*\b", re.IGNORECASE
)
PUBLIC_PAGES = ["/", "/employment", "/regions", "/funding", "/clusters", "/data", "/about"]


def router_output(app) -> str:
    app.server.test_client().get("/")  # Dash's page router registers with the first request
    return next(key for key in app.callback_map if key.startswith(".._pages_content.children"))


def serve(app, path: str, lang: str, query: str = "") -> dict:
    """The page's content as the browser receives it: the router callback's JSON answer."""
    search = f"?lang={lang}{query}"
    body = {**page_request(path, search), "output": router_output(app)}  # the router the app registered
    response = app.server.test_client().post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Referer": f"http://localhost{path}{search}", "X-Regiometer-Locale": lang},
    )
    assert response.status_code == 200, (path, lang, response.status_code)
    return response.get_json()["response"]


def test_the_router_serves_the_pages_we_check(testland_app):
    testland_app.server.test_client().get("/")  # pages register with the first request
    public = {page["path"] for page in dash.page_registry.values() if not page["path"].startswith("/editor")}
    assert set(PUBLIC_PAGES) <= public


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_is_about_testshire_and_names_nothing_of_saxony(testland_app, path, lang):
    content = json.dumps(serve(testland_app, path, lang), ensure_ascii=False)
    assert SAXONY_NAMES.findall(content) == []
    assert "Testshire" in content or "Testland" in content


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_site_shell_and_staff_pages_name_nothing_of_saxony(testland_app, lang):
    client = testland_app.server.test_client()
    index = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert SAXONY_NAMES.findall(index) == [] and "Testland" in index
    assert index.count("bootstrap.min.css") == 1  # loaded twice, the second copy overrode our own CSS
    feed = '<link rel="alternate" type="application/atom+xml" title="Regiometer: changes to the figures on '
    assert feed + 'Testshire" href="/feed.xml">' in index  # feed readers find the update alerts
    for path in ("/login", "/editor", "/editor/changes"):
        content = json.dumps(serve(testland_app, path, lang), ensure_ascii=False)
        assert SAXONY_NAMES.findall(content) == [], path


ODD_QUERIES = [
    "&page=%C2%B2&from=%C2%B2&to=%C2%B2",  # a Unicode digit int() rejects
    "&page=99999999999999999999&from=9999-Q4&to=9999-12-31",
    "&region=%3Cscript%3E&indicator=%00&breakdown=x%27%22&sort=%E2%80%AE&status=,,,",
    "&view=bars&period=-1&scope=%F0%9F%98%80&kind=&entity=nonexistent&run=1e9",
    "&lang=de&lang=en&as_of=2024-02-30&cols=999",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/login", "/editor", "/editor/changes"])
def test_odd_query_values_never_break_a_page(testland_app, path, query):
    """Links get mangled, shared and typed by hand: every page still answers with its content."""
    content = serve(testland_app, path, "en", query)
    assert content["_pages_content"]["children"] is not None
