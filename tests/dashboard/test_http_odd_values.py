"""Hostile and mangled query values on the HTTP surface journalists and scripts use: /export, /embed,
/feed.xml and the API answer with the chart, the data or a 4xx with a message, never a server error."""

from __future__ import annotations

import pytest

from dashboard import charts

ODD = [
    # a Unicode digit int() rejects, year 9999, huge numbers, NUL, script, bidi marks, an unknown code
    "page=%C2%B2&from=%C2%B2&to=9999-12-31&period=99999999999999999999&region=%3Cscript%3E"
    "&indicator=%00&breakdown=x%27%22&sort=%E2%80%AE&highlight=TLA%0A&as_of=2024-02-30",
    # repeated and empty parameters, a script URL, emoji
    "lang=de&lang=xx&view=&scope=%F0%9F%98%80&kind=,,,&entity=nonexistent&page=javascript:alert(1)"
    "&percapita=maybe&from=9999-Q4&to=%C2%B2",
]


@pytest.fixture
def client(testland_app):
    client = testland_app.server.test_client()
    client.get("/")  # the pages (and their named charts) register with the first request
    return client


def test_the_named_charts_we_probe_exist(client):
    assert len(charts.names()) >= 8


@pytest.mark.parametrize("query", ODD)
def test_exports_and_embeds_never_answer_a_server_error(client, query):
    failures = []
    for name in charts.names():
        for path in (f"/export/{name}.csv", f"/export/{name}.xlsx", f"/export/{name}.json", f"/embed/{name}"):
            response = client.get(f"{path}?{query}")
            if response.status_code >= 500:
                failures.append(f"{path}?{query}: {response.status_code}")
            elif response.status_code >= 400:
                assert response.get_data(as_text=True).strip(), f"{path}: a {response.status_code} says why"
    assert failures == []


@pytest.mark.parametrize("query", ODD)
def test_feed_and_api_never_answer_a_server_error(client, query):
    for path in ("/feed.xml", "/api/v1/observations", "/api/v1/goals", "/api/v1/indicators"):
        response = client.get(f"{path}?{query}")
        assert response.status_code < 500, (path, query, response.status_code)
