"""Charts leaving the site: data exports equal the chart, embeds may be framed, citations name sources."""

from __future__ import annotations

import csv
import importlib
import io

import pytest
from openpyxl import load_workbook

from dashboard.app import create_app


@pytest.fixture
def client(sqlite_seeded):
    app = create_app(sqlite_seeded)
    importlib.import_module("dashboard.pages.overview")
    return app.server.test_client()


def chart_values(figure_json: dict, trace_name: str) -> list[float]:
    trace = next(t for t in figure_json["data"] if t.get("name") == trace_name)
    return trace["y"]


def test_csv_holds_exactly_the_numbers_of_the_chart(client):
    response = client.get("/export/overview-path.csv")
    assert response.status_code == 200
    assert (
        'filename="saxony-ict-employment-2012-2023-path-to-2030.csv"'
        in response.headers["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    assert list(rows[0])[:10] == [
        "indicator",
        "region",
        "breakdown",
        "period",
        "value",
        "unit",
        "status",
        "source",
        "note",
        "qualifier",
    ]
    assert {"source_title", "source_url"} <= set(rows[0])
    actual = {r["period"]: float(r["value"]) for r in rows if r["status"] != "target"}
    assert actual["2023"] == 81000 and actual["2022"] == 76100 and actual["2012"] == 51660
    assert [r["value"] for r in rows if r["status"] == "target"] == ["100000"]
    assert all(r["source_url"].startswith("http") for r in rows)


def test_csv_values_match_the_figure(sqlite_seeded):
    app = create_app(sqlite_seeded)
    overview = importlib.import_module("dashboard.pages.overview")
    with app.server.test_request_context("/"):
        output = overview.path_chart("en")
    plotted = [
        float(y) for t in output.figure.data if (t.mode or "").startswith("lines+markers") for y in t.y
    ]
    exported = output.data[~output.data["status"].isin(["target", "projection"])]["value"].tolist()
    assert sorted(plotted) == sorted(exported)


def test_xlsx_export(client):
    response = client.get("/export/overview-path.xlsx?lang=de")
    sheet = load_workbook(io.BytesIO(response.data))["data"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["indicator", "region"] and "source_url" in header
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 81000 in values


def test_embed_may_be_framed_but_pages_may_not(client):
    embed = client.get("/embed/overview-path?lang=de")
    assert embed.status_code == 200
    assert embed.headers["Content-Security-Policy"] == "frame-ancestors *"
    assert "X-Frame-Options" not in embed.headers
    body = embed.data.decode()
    assert "plotly.min.js" in body and "Weg bis 2030" in body
    page = client.get("/")
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]


def test_unknown_chart_is_404(client):
    assert client.get("/export/nope.csv").status_code == 404
    assert client.get("/embed/nope").status_code == 404
    assert client.get("/export/overview-path.pdf").status_code == 404


def test_citation_names_publishers_years_and_retrieval(sqlite_seeded):
    app = create_app(sqlite_seeded)
    overview = importlib.import_module("dashboard.pages.overview")
    with app.server.test_request_context("/"):
        english = overview.path_chart("en").citation
        german = overview.path_chart("de").citation
    assert "Silicon Saxony e.V. (2024)" in english
    assert "Via Regiometer, retrieved" in english
    assert "Über Regiometer, abgerufen am" in german


@pytest.mark.parametrize(
    "page",
    [
        "javascript:alert(1)",
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
        "/\tjavascript:x",
    ],
)
def test_the_embed_s_open_link_stays_on_the_site(client, page):
    body = client.get("/embed/overview-path", query_string={"page": page, "lang": "de"}).data.decode()
    link = body.split('class="open" href="')[1].split('"')[0]
    assert link.startswith("/?") and "evil" not in link and "javascript" not in link
    assert "lang=de" in link


def test_the_embed_s_open_link_reopens_the_page_of_the_view(client):
    body = client.get(
        "/embed/overview-path", query_string={"page": "/employment", "region": "x"}
    ).data.decode()
    assert 'href="/employment?region=x"' in body
