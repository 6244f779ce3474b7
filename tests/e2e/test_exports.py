"""A journalist's path: download PNG, SVG and CSV of the path-to-2030 chart, copy citation and link."""

from __future__ import annotations

import csv
import io
import struct
from pathlib import Path

import pytest

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
def overview(server, page):
    def go(lang: str = "en"):
        page.goto(f"{server}/?lang={lang}")
        wait_for_dash(page)
        page.wait_for_selector(f"{GRAPH} .main-svg")
        return page

    return go


def test_png_downloads_at_1200x675_and_2x(overview):
    page = overview()
    normal = download(page, f"{GRAPH}-export-png1")
    assert normal.suggested_filename == "saxony-ict-employment-2012-2023-path-to-2030.png"
    assert png_size(Path(normal.path()).read_bytes()) == (1200, 675)
    double = download(page, f"{GRAPH}-export-png2")
    assert png_size(Path(double.path()).read_bytes()) == (2400, 1350)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", ("Sources:", "path to 2030")), ("de", ("Quellen:", "Weg bis 2030"))]
)
def test_svg_has_title_source_and_date_inside(overview, lang, words):
    page = overview(lang)
    svg = Path(download(page, f"{GRAPH}-export-svg1").path()).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    for word in words:
        assert word in svg
    assert ("Data as of" if lang == "en" else "Datenstand") in svg


def test_csv_download_matches_the_chart(overview):
    page = overview()
    file = download(page, "#export-overview-path-csv")
    assert file.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(file.path()).read_text(encoding="utf-8"))))
    values = {r["period"]: r["value"] for r in rows if r["status"] != "target"}
    assert values["2023"] == "81000" and values["2017"] == "64000"


def test_citation_link_and_embed_code(overview, server):
    page = overview("de")
    page.click(f"{GRAPH}-share summary")
    # The panel fills in the current URL when it opens (a 'toggle' event, after the click returns).
    page.wait_for_function("() => document.getElementById('share-overview-path-link').value !== ''")
    citation = page.input_value("#share-overview-path-citation")
    link = page.input_value("#share-overview-path-link")
    embed = page.input_value("#share-overview-path-embed")
    assert "Silicon Saxony" in citation and "Über Regiometer" in citation and link in citation
    assert link == f"{server}/?lang=de"
    assert embed.startswith("<iframe") and "/embed/overview-path?" in embed and "lang=de" in embed
