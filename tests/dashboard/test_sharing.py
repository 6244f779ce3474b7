"""Charts leaving the site (SYNTHETIC Testland pack): the data files hold what the chart draws with
names, sources and licences; German files open in German Excel; images have a fixed export layout
with source, date and footer; embeds may be framed and ask no other host; citations can be pasted."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts
from dashboard.charts import citation, derived, files, registry
from dashboard.charts.embed import RESIZE_SCRIPT
from dashboard.figures import ChartContext, apply_frame
from dashboard.figures.export import HEIGHT, WIDTH, ExportFrame, export_figure
from tests.dashboard.downloads import BOM, csv_rows, data_sheet
from tests.dashboard.tree import find

PATH = "overview-path"


@pytest.fixture
def client(testland_app):
    return testland_app.server.test_client()


def plotted(name: str, trace: str, query: dict | None = None) -> list[float]:
    figure = charts.render(name, "en", query or {}).figure
    return [float(y) for t in figure.data if t.name == trace for y in t.y]


def test_csv_holds_exactly_the_numbers_the_chart_draws_with_names_and_sources(testland_app, client):
    response = client.get(f"/export/{PATH}.csv")
    assert response.status_code == 200
    assert (
        'filename="testland-tech-employment-2018-2023-path-to-2030.csv"'
        in response.headers["Content-Disposition"]
    )
    assert not response.data.startswith(BOM)
    rows = csv_rows(response.data)
    with testland_app.server.test_request_context("/"):
        actual = plotted(PATH, "Actual")
    measured = [float(r["value"]) for r in rows if r["kind"] == "observation" and r["status"] == "actual"]
    assert measured == actual and len(actual) == 6
    assert [r["value"] for r in rows if r["status"] == "target"] == ["70000", "70000"]  # two statements
    first = rows[0]
    assert first["indicator"] == "employment.ict_micro"
    assert first["indicator_name"] == "Employees in the tech sector"
    assert (first["region"], first["region_name"]) == ("TLA", "Testshire")
    assert (first["breakdown"], first["breakdown_name"]) == ("", "Total")
    assert (first["unit"], first["unit_name"], first["status_name"]) == ("persons", "persons", "actual")
    assert first["publisher"] == "Test Cluster e. V. (SYNTHETIC)"
    assert first["source_title"] == "SYNTHETIC annual report 2023" and first["published"] == "2023-06-15"
    assert first["source_url"] == "https://example.org/test-cluster/2023"
    # The association states no licence: the file says so instead of an empty cell.
    assert first["licence"] == "none stated (figure cited from the publication)"


def test_german_csv_opens_in_german_excel(client):
    data = client.get(f"/export/{PATH}.csv?lang=de").data
    assert data.startswith(BOM)  # Excel reads UTF-8 (umlauts) only with a BOM
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(";")[:4] == ["kind", "series", "indicator", "indicator_name"]
    assert "," not in header  # semicolons separate the columns
    rows = csv_rows(data)
    assert {r["indicator_name"] for r in rows} == {"Beschäftigte der Technologiebranche"}
    assert {r["breakdown_name"] for r in rows} == {"Gesamt"}
    assert rows[0]["status_name"] == "Ist-Wert"


def test_german_numbers_have_a_decimal_comma_and_no_thousands_separator():
    frame = pd.DataFrame({"kind": ["derived"], "period": ["2024-2030"], "value": [5.0791], "note": ["=1+1"]})
    german = files.to_csv(frame, "de").decode("utf-8-sig").splitlines()
    assert german[1] == "derived;2024-2030;5,0791;'=1+1"  # a formula stays text
    english = files.to_csv(pd.DataFrame({"value": [76100.0, 4.25]}), "en").decode().splitlines()
    assert english[1:] == ["76100", "4.25"]


def test_xlsx_has_typed_periods_a_frozen_header_and_an_about_sheet(client):
    response = client.get(f"/export/{PATH}.xlsx?lang=de&page=/")
    assert response.status_code == 200
    sheet = data_sheet(response.data)
    assert sheet.title == "Daten" and sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r["period"] for r in rows][:3] == [2018, 2019, 2020]  # years as numbers, not text
    assert all(isinstance(r["value"], int | float) for r in rows)  # number cells
    assert rows[0]["indicator_name"] == "Beschäftigte der Technologiebranche"
    about = sheet.parent["Info"]
    cells = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row and row[0]}
    assert cells["Titel"].startswith("Beschäftigte in der Technologiebranche in Testshire")
    assert cells["Zitierhinweis"].startswith("Test Cluster e. V. (SYNTHETIC) und andere (2024)")
    assert "verarbeitet von Regiometer, http://localhost/?lang=de, abgerufen am" in cells["Zitierhinweis"]
    assert cells["Link zu dieser Ansicht"] == "http://localhost/?lang=de"
    assert "keine angegeben" in cells["Lizenzen"]
    publishers = [row[0] for row in about.iter_rows(values_only=True) if row and row[0]]
    assert "Testshire Ministry of Economy (SYNTHETIC)" in publishers  # the list of sources
    assert "value_per_1000" not in publishers and "indicator_name" in publishers  # the columns explained


@pytest.fixture
def chart_with_derived_rows(testland_app):
    """A chart that hands a derived path and rate to the exports, as the path chart's builder can."""

    def build(lang, query):
        frame = charts.render(PATH, lang, query).data
        rows = derived.frame(
            derived.path_rows("Straight line", [(2024, 52000.0), (2030, 70000.0)], "persons", "linear"),
            derived.rate_rows("Required growth", 5.0791, 2024, 2030, "compound rate"),
        )
        return charts.ChartOutput(go.Figure(), frame, "test-derived", "Test", derived=rows)

    registry.register("test-derived")(build)
    yield "test-derived"
    registry._REGISTRY.pop("test-derived")


def test_derived_series_follow_the_observations_in_both_files(client, chart_with_derived_rows):
    rows = csv_rows(client.get(f"/export/{chart_with_derived_rows}.csv?lang=de").data)
    made = [r for r in rows if r["kind"] == "derived"]
    assert [r["kind"] for r in rows[-3:]] == ["derived"] * 3
    assert [(r["series"], r["period"], float(r["value"])) for r in made] == [
        ("Straight line", "2024", 52000.0),
        ("Straight line", "2030", 70000.0),
        ("Required growth", "2024-2030", 5.0791),
    ]
    assert made[2]["unit"] == "percent" and made[2]["method"] == "compound rate"
    assert made[0]["publisher"] == "Regiometer"
    sheet = data_sheet(client.get(f"/export/{chart_with_derived_rows}.xlsx").data)
    header = [cell.value for cell in sheet[1]]
    last = dict(zip(header, list(sheet.iter_rows(values_only=True))[-1], strict=True))
    assert last["period"] == "2024-2030" and last["value"] == pytest.approx(5.0791)


def test_export_figure_is_1200x675_with_source_date_and_footer(client):
    figure = json.loads(client.get(f"/export/{PATH}.json?page=/&lang=de").data)
    layout = figure["layout"]
    assert (layout["width"], layout["height"]) == (WIDTH, HEIGHT) == (1200, 675)
    assert layout["title"]["text"].startswith("Beschäftigte in der Technologiebranche")
    assert "70.000" in layout["title"]["subtitle"]["text"]  # the goal, in German numbers
    footer = [a["text"] for a in layout["annotations"] if a.get("name", "").startswith("footer-")]
    assert footer[0].startswith("Quelle") and "Test Cluster e. V. (SYNTHETIC)" in footer[0]
    assert any(line.startswith("Datenstand") for line in footer)
    assert footer[-1].startswith("<b>Regiometer · localhost/?lang=de · Lizenz")
    assert figure["config"]["topojsonURL"] == "/assets/vendor/topojson/"


def test_export_layout_does_not_depend_on_the_page_layout():
    """Wrapped for the image's width, the legend out of the plot, the footer rebuilt (pure)."""
    fig = go.Figure([go.Scatter(x=[1, 2], y=[1, 2], name="A"), go.Scatter(x=[1, 2], y=[2, 1], name="B")])
    fig.update_layout(legend={"x": 0.7, "y": 0.1})  # inside the plot, over the data
    ctx = ChartContext("en", "A title " * 20, "A subtitle", source_line="Publisher A; Publisher B " * 12)
    fig = apply_frame(fig, replace_date(ctx), extra_lines=["A note."])
    out = export_figure(fig, ExportFrame(footer="Regiometer · example.org/x · Licence: CC BY 4.0"))
    layout = out["layout"]
    assert layout["title"]["text"].count("<br>") == 1  # 180 characters: two lines at 1200 px
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["yanchor"] == "bottom"
    footer = [a["text"] for a in layout["annotations"] if a["name"].startswith("footer-")]
    assert footer[0].startswith("Sources: Publisher A") and len(footer) == 5
    assert footer[-3:] == [
        "Data as of 31 Mar 2025",
        "A note.",
        "<b>Regiometer · example.org/x · Licence: CC BY 4.0</b>",
    ]
    assert all(len(re.sub("<[^>]+>", "", line)) <= 175 for line in footer)
    assert layout["margin"]["b"] > 16 * len(footer) and layout["margin"]["t"] > 80
    assert fig.layout.width is None  # the page's figure is left as it was


def replace_date(ctx: ChartContext) -> ChartContext:
    from dataclasses import replace

    return replace(ctx, data_as_of=date(2025, 3, 31))


def test_embed_may_be_framed_fits_its_width_and_asks_no_other_host(client):
    embed = client.get(f"/embed/{PATH}?lang=de")
    assert embed.status_code == 200
    assert embed.headers["Content-Security-Policy"] == "frame-ancestors *"
    assert "X-Frame-Options" not in embed.headers
    body = embed.data.decode()
    assert "Beschäftigte in der Technologiebranche in Testshire" in body
    assert '<script src="/assets/regiometer-narrow.js">' in body and "RegiometerLayout.fit" in body
    assert '"regiometer-height"' in body and "regiometer-sized" in body  # tells the parent its height
    assert '"topojsonURL": "/assets/vendor/topojson/"' in body
    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    page = client.get("/")
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]


def test_the_base_map_is_served_by_the_site(client):
    response = client.get("/assets/vendor/topojson/world_110m.json")
    assert response.status_code == 200
    assert json.loads(response.data)["type"] == "Topology"
    licence = client.get("/assets/vendor/topojson/LICENSE.txt").data.decode()
    assert "MIT" in licence and "Natural Earth" in licence


def test_unknown_chart_is_404(client):
    assert client.get("/export/nope.csv").status_code == 404
    assert client.get("/export/nope.json").status_code == 404
    assert client.get("/embed/nope").status_code == 404
    assert client.get(f"/export/{PATH}.pdf").status_code == 404


def test_citation_is_one_pasteable_line_then_every_source(testland_app):
    with testland_app.server.test_request_context("/"):
        english = charts.render(PATH, "en", {}).citation
        german = charts.render(PATH, "de", {}).citation
    line, blank, heading, *sources = english.split("\n")
    assert line == (
        "Test Cluster e. V. (SYNTHETIC) and others (2024), "
        "processed by Regiometer, {permalink}, retrieved {retrieved}"
    )
    assert blank == "" and heading == "Sources:" and len(sources) == 4  # all of them, no "and 2 more"
    assert sources[0] == (
        "- Test Cluster e. V. (SYNTHETIC) (2024): SYNTHETIC annual report 2024. "
        "https://example.org/test-cluster/2024. Licence: none stated (figure cited from the publication)."
    )
    assert german.startswith("Test Cluster e. V. (SYNTHETIC) und andere (2024)")
    assert "verarbeitet von Regiometer, {permalink}, abgerufen am {retrieved}" in german
    assert "\nQuellen:\n" in german
    filled = citation.fill(
        citation.first_line(german), "https://example.org/?lang=de", date(2026, 11, 26), "de"
    )
    assert filled.endswith(
        "verarbeitet von Regiometer, https://example.org/?lang=de, abgerufen am 26.11.2026"
    )


def test_citation_names_the_main_publisher_and_others():
    frame = pd.DataFrame(
        {
            "publisher": ["Office", "Office", "Office", "Paper", "Blog"],
            "source_title": ["Tables", "Tables", "Tables", "Report", "Post"],
            "published": ["2023-05-01"] * 3 + ["2024-01-01", ""],
            "source_url": ["https://o", "https://o", "https://o", "https://p", ""],
            "licence": ["CC BY 4.0"] * 3 + ["", ""],
        }
    )
    assert citation.cite_line(frame, "en").startswith("Office and others (2024), processed by Regiometer")
    assert (
        citation.source_list(frame, "de")[-1]
        == "Blog (o. J.): Post. Lizenz: keine angegeben (Zahl aus der Veröffentlichung zitiert)."
    )


def test_share_panel_carries_the_citation_template_the_feed_and_the_resize_script(testland_app):
    from dashboard.components.chart import chart_card
    from dashboard.i18n import use_locale

    with testland_app.server.test_request_context("/"), use_locale("de"):
        output = charts.render(PATH, "de", {})
        card = chart_card("g", output.figure, None, output.filename, chart=PATH, citation=output.citation,
                          indicator="employment.ict_micro")  # fmt: skip
    field = find(card, f"share-{PATH}-citation")
    assert field.children == output.citation and getattr(field, "data-template") == output.citation
    feed = find(card, f"share-{PATH}-feed")
    assert feed.href == "/feed.xml?indicator=employment.ict_micro&lang=de"
    assert feed.children == "Aktualisierungen abonnieren (Atom-Feed)"
    assert getattr(find(card, "g-share").children[1], "data-resize") == RESIZE_SCRIPT
    assert find(card, "g-export-png1").children == "Bild (PNG, 1200×675)"


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
    body = client.get(f"/embed/{PATH}", query_string={"page": page, "lang": "de"}).data.decode()
    link = body.split('class="open" href="')[1].split('"')[0]
    assert link.startswith("/?") and "evil" not in link and "javascript" not in link
    assert "lang=de" in link


def test_the_embed_s_open_link_reopens_the_page_of_the_view(client):
    body = client.get(f"/embed/{PATH}", query_string={"page": "/employment", "region": "x"}).data.decode()
    assert 'href="/employment?region=x"' in body


def test_the_image_footer_links_the_view_not_a_foreign_page(client):
    figure = json.loads(client.get(f"/export/{PATH}.json", query_string={"page": "//evil.example"}).data)
    footer = [a["text"] for a in figure["layout"]["annotations"] if a.get("name", "").startswith("footer-")]
    assert "localhost/ ·" in footer[-1] and "evil" not in footer[-1]


def test_path_chart_exports_the_paths_and_the_rate_it_draws(testland_app, client):
    rows = csv_rows(client.get(f"/export/{PATH}.csv").data)
    made = [r for r in rows if r["kind"] == "derived"]
    with testland_app.server.test_request_context("/"):
        straight = plotted(PATH, "Paths to the goal")  # the legend names the pair; the first is straight
    by_series: dict[str, list[dict[str, str]]] = {}
    for row in made:
        by_series.setdefault(row["series"], []).append(row)
    assert [float(r["value"]) for r in by_series["Straight line to goal"]] == pytest.approx(straight)
    assert by_series["Straight line to goal"][-1]["period"] == "2030"
    compound = next(rows for name, rows in by_series.items() if name.startswith("Constant growth to goal"))
    assert float(compound[-1]["value"]) == 70000 and compound[0]["period"] == "2023"
    (rate,) = by_series["Required growth a year"]
    assert rate["period"] == "2023-2030" and rate["unit"] == "percent" and 4 < float(rate["value"]) < 6
    assert {r["indicator"] for r in made} == {"employment.ict_micro"} and all(r["method"] for r in made)
