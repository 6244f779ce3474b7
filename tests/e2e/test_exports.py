"""A journalist's path, in the browser: images that are the same from a phone and a desktop, data files,
citation and link, and embeds that fit 320 to 1200 px and ask no other host."""

from __future__ import annotations

import functools
import http.server
import json
import struct
import threading
from pathlib import Path

import pytest

from dashboard.charts.embed import RESIZE_SCRIPT
from tests.dashboard.downloads import csv_rows
from tests.e2e.conftest import wait_for_dash

GRAPH = "#overview-path-graph"


def open_menu(page) -> None:
    page.click(f"{GRAPH}-export-menu button.dropdown-toggle")


def download(page, selector: str):
    open_menu(page)
    with page.expect_download(timeout=30_000) as info:
        page.click(selector)
    return info.value


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def overview(server, browser):
    contexts = []

    def go(lang: str = "en", width: int = 1366):
        context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server}/?lang={lang}")
        wait_for_dash(page)
        page.wait_for_selector(f"{GRAPH} .main-svg")
        return page

    yield go
    for context in contexts:
        context.close()


def export_footer(page, selector: str) -> tuple[bytes, list[str]]:
    """(image bytes, the footer lines of the export layout the menu fetched for it)."""
    open_menu(page)
    with (
        page.expect_response(lambda r: "/export/overview-path.json" in r.url) as answer,
        page.expect_download(timeout=30_000) as info,
    ):
        page.click(selector)
    figure = json.loads(answer.value.body())
    lines = [a["text"] for a in figure["layout"]["annotations"] if a.get("name", "").startswith("footer-")]
    return Path(info.value.path()).read_bytes(), lines


def test_png_is_the_same_1200x675_export_on_a_phone_and_a_desktop(overview, server):
    host = server.removeprefix("http://")
    images = {}
    for width in (375, 1366):
        page = overview("en", width)
        images[width], footer = export_footer(page, f"{GRAPH}-export-png1")
        assert png_size(images[width]) == (1200, 675)
        assert footer[0].startswith("Sources:") and "Silicon Saxony e.V." in " ".join(footer)
        assert any(line.startswith("Data as of") for line in footer)
        assert footer[-1].startswith(f"<b>Regiometer · {host}/")
        double = download(page, f"{GRAPH}-export-png2")
        assert png_size(Path(double.path()).read_bytes()) == (2400, 1350)
        assert double.suggested_filename == "saxony-ict-employment-2012-2023-path-to-2030@2x.png"
    assert images[375] == images[1366]  # drawn from the export layout, not from the screen


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("Sources:", "path to 2030", "Data as of", "Licence")),
        ("de", ("Quellen:", "Weg bis 2030", "Datenstand", "Lizenz")),
    ],
)
def test_svg_has_title_source_date_and_footer_inside_at_both_widths(overview, server, lang, words):
    host = server.removeprefix("http://")
    for width in (375, 1366):
        svg = Path(download(overview(lang, width), f"{GRAPH}-export-svg1").path()).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg")
        assert 'width="1200"' in svg and 'height="675"' in svg
        for word in (*words, f"Regiometer · {host}/"):
            assert word in svg, (width, word)


def test_csv_download_matches_the_chart(overview):
    page = overview("de")
    file = download(page, "#export-overview-path-csv")
    assert file.suggested_filename.endswith(".csv")
    rows = csv_rows(Path(file.path()).read_bytes())
    values = {r["period"]: r["value"] for r in rows if r["status"] == "actual"}
    assert values["2023"] == "81000" and values["2017"] == "64000"
    assert rows[0]["indicator_name"] == "Beschäftigte in Mikroelektronik/IKT"  # German names, umlauts intact


def test_citation_link_embed_code_and_feed(overview, server):
    page = overview("de")
    page.click(f"{GRAPH}-share summary")
    # The panel fills in the current URL when it opens (a 'toggle' event, after the click returns).
    page.wait_for_function("() => document.getElementById('share-overview-path-link').value !== ''")
    citation = page.input_value("#share-overview-path-citation")
    link = page.input_value("#share-overview-path-link")
    embed = page.input_value("#share-overview-path-embed")
    line = citation.split("\n")[0]
    assert line.startswith("Silicon Saxony e.V. und andere (")
    assert f"verarbeitet von Regiometer, {link}, abgerufen am " in line and "{" not in line
    assert "\nQuellen:\n- " in citation and "weitere Quellen" not in citation
    assert link == f"{server}/?lang=de"
    assert embed.startswith("<iframe") and "/embed/overview-path?" in embed and "lang=de" in embed
    assert embed.endswith(RESIZE_SCRIPT)
    assert page.get_attribute("#share-overview-path-feed", "href").startswith("/feed.xml")


@pytest.fixture(scope="module")
def publisher(tmp_path_factory):
    """Another site on this machine, to frame the embeds as a newspaper's page would."""
    folder = tmp_path_factory.mktemp("publisher")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield folder, f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


def framed(browser, publisher, server, chart: str, width: int, script: bool = True):
    """A publisher's page with the embed code at `width`; the page and every request it made."""
    folder, base = publisher
    name = f"{chart.split('?')[0]}-{width}-{int(script)}.html"
    iframe = (
        f'<iframe id="embed" src="{server}/embed/{chart}" width="{width}" height="400" '
        'style="border:0"></iframe>'
    )
    (folder / name).write_text(
        f"<!doctype html><body style='margin:0'>{iframe}{RESIZE_SCRIPT if script else ''}"
    )
    context = browser.new_context(viewport={"width": width + 40, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/{name}")
    frame = page.frame_locator("#embed")
    frame.locator(".main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1200)  # the embed settles and tells the page its height
    inner = next(f for f in page.frames if "/embed/" in f.url)
    return context, page, inner, requests


MEASURE = """() => {
  const doc = document.documentElement, plot = document.querySelector('.draglayer .nsewdrag');
  const box = r => { const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const legend = document.querySelector('.legend');
  return {scroll: doc.scrollWidth, width: doc.clientWidth,
          height: Math.ceil(doc.getBoundingClientRect().height),
          plot: plot ? box(plot) : null, legend: legend ? box(legend) : null,
          texts: Array.from(document.querySelectorAll('.annotation-text, .gtitle, .legendtext')).map(box)};
}"""


@pytest.mark.parametrize("width", [320, 600, 1200])
def test_embed_fits_its_width_and_tells_the_page_its_height(browser, publisher, server, width):
    context, page, frame, _requests = framed(
        browser, publisher, server, "overview-path?lang=de&page=/", width
    )
    try:
        seen = frame.evaluate(MEASURE)
        assert seen["scroll"] <= seen["width"] == width  # no horizontal scrolling
        assert all(right <= width + 1 and left >= -1 for left, _top, right, _bottom in seen["texts"])
        assert seen["legend"][3] <= seen["plot"][1] + 2  # the legend is above the plot, not over the data
        iframe = page.evaluate("() => document.getElementById('embed').getBoundingClientRect().height")
        assert abs(iframe - seen["height"]) <= 2  # the parent's one-line script gave it the chart's height
        title_left = frame.evaluate("() => document.querySelector('.gtitle').getBoundingClientRect().left")
        assert title_left < 20  # titles start at the frame's edge, not the plot's
    finally:
        context.close()


def test_embed_without_the_script_fills_its_iframe_without_horizontal_scrolling(browser, publisher, server):
    context, page, frame, _requests = framed(
        browser, publisher, server, "overview-path?page=/", 600, script=False
    )
    try:
        seen = frame.evaluate(MEASURE)
        assert seen["scroll"] <= seen["width"] == 600
        assert page.evaluate("() => document.getElementById('embed').getBoundingClientRect().height") == 400
    finally:
        context.close()


def test_bars_embed_on_a_phone_keeps_every_label(browser, publisher, server):
    context, _page, frame, _requests = framed(
        browser, publisher, server, "regions-bars?lang=de&page=/regions", 320
    )
    try:
        labels = frame.evaluate(
            "() => Array.from(document.querySelectorAll('.annotation-text')).map(t => t.textContent)"
        )
        assert (
            "Dresden, Kreisfreie Stadt" in labels
            and len([x for x in labels if "," in x or "kreis" in x]) >= 13
        )
        assert frame.evaluate(MEASURE)["scroll"] <= 320
    finally:
        context.close()


def test_map_embed_draws_its_districts_and_asks_no_other_host(browser, publisher, server):
    context, _page, frame, requests = framed(browser, publisher, server, "regions-map?page=/regions", 600)
    try:
        districts = frame.evaluate("() => document.querySelectorAll('.choroplethlocation').length")
        assert districts >= 13
        hosts = {url.split("/")[2] for url in requests if url.startswith("http")}
        assert hosts == {server.removeprefix("http://"), publisher[1].removeprefix("http://")}
        assert any("/assets/vendor/topojson/" in url for url in requests)  # the base map, from the site
    finally:
        context.close()
