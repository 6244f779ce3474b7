"""Notes and publishers in the reader's language (SYNTHETIC Testland pack): a German reader sees the
German note and the German publisher wherever the English reader sees the English ones (pages,
hovers, the exported image's source line, the data files); a row without a German note shows the
English one; the staff template downloads keep both notes as stored."""

from __future__ import annotations

import base64
import importlib
import json

import pytest

from dashboard.data import cache
from dashboard.i18n import use_locale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.downloads import csv_download, data_sheet
from tests.dashboard.test_about import render, table_rows
from tests.dashboard.test_data_page import download, rows, update, words
from tests.dashboard.tree import as_drawn, find

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,note_de,qualifier"
EARLIER = ("SYNTHETIC; earlier count", "SYNTHETISCH; frühere Zählung")
QUOTED = ("SYNTHETIC; quoted from a release", "SYNTHETISCH; aus einer Mitteilung zitiert")
BLOG = (
    "Testshire Blog (SYNTHETIC; quoting a statistics release)",
    "Testshire-Blog (SYNTHETIC; zitiert eine Statistikmitteilung)",
)
ROWS = [
    f"employment.ict_micro,TLA,,2022,46000,persons,actual,test-cluster-2023,{EARLIER[0]},{EARLIER[1]},",
    f"employment.ict_micro,TLA,,2024,51000,persons,actual,test-blog-2008,{QUOTED[0]},{QUOTED[1]},",
]
JOBS = "employment-jobs"


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear_all()
    yield
    cache.clear_all()


@pytest.fixture
def german_notes(testland, tmp_path):
    """Testland with a German note on a disagreeing figure and a figure from a glossed publisher."""
    path = write(tmp_path / "german.csv", "\n".join([HEADER, *ROWS]) + "\n")
    _, result = pipeline.import_staff_file(testland, path, accept_warnings=True)
    assert result.counts == {"new": 1, "changed": 1, "unchanged": 0}  # a German note alone is a change
    return testland


@pytest.fixture
def client(testland_app, german_notes):
    return testland_app.server.test_client()


def employment(app, lang: str):
    page = importlib.import_module("dashboard.pages.employment")
    with app.server.test_request_context(f"/employment?lang={lang}"), use_locale(lang):
        return page, as_drawn(page, page.layout(lang=lang))


def test_the_german_employment_page_shows_the_german_note(testland_app, german_notes):
    page, tree = employment(testland_app, "de")
    table = words(find(tree, page.CONFLICTS))
    assert EARLIER[1] in table and EARLIER[0] not in table
    assert "SYNTHETIC" in table.replace(EARLIER[1], "")  # the headline row has no German note: English
    page, tree = employment(testland_app, "en")
    table = words(find(tree, page.CONFLICTS))
    assert EARLIER[0] in table and EARLIER[1] not in table


def test_the_german_data_page_shows_the_german_note_and_publisher(testland_app, german_notes):
    data_page = importlib.import_module("dashboard.pages.data_page")
    view = {"indicator": ["employment.ict_micro"], "region": ["TLA"], "start": 2024, "end": 2024}
    for lang, index in (("de", 1), ("en", 0)):
        with testland_app.server.test_request_context(f"/data?lang={lang}"), use_locale(lang):
            shown = " ".join(rows(update(data_page, **view)["table"]))
        assert QUOTED[index] in shown and BLOG[index] in shown, lang
        assert QUOTED[1 - index] not in shown and BLOG[1 - index] not in shown, lang


def test_the_german_data_download_keeps_both_notes_as_stored_and_imports_back(
    testland_app, german_notes, tmp_path
):
    data_page = importlib.import_module("dashboard.pages.data_page")
    view = {"indicator": ["employment.ict_micro"], "region": ["TLA"]}
    with testland_app.server.test_request_context("/data?lang=de"), use_locale("de"):
        sent = download(data_page, data_page.download_csv, **view)
    text = base64.b64decode(sent["content"]).decode()
    assert f"{EARLIER[0]},{EARLIER[1]}" in text and f"{QUOTED[0]},{QUOTED[1]}" in text
    _, result = pipeline.import_staff_file(german_notes, write(tmp_path / "back.csv", text), dry_run=True)
    assert result.counts["new"] == result.counts["changed"] == 0


def footer(figure: dict) -> str:
    return " ".join(
        a["text"] for a in figure["layout"]["annotations"] if a.get("name", "").startswith("footer")
    )


def test_the_german_image_names_the_german_publisher_and_no_english_gloss(client):
    german = json.loads(client.get(f"/export/{JOBS}.json?breakdowns=total&lang=de").data)
    english = json.loads(client.get(f"/export/{JOBS}.json?breakdowns=total&lang=en").data)
    assert BLOG[1] in footer(german) and "quoting" not in footer(german)
    assert BLOG[0] in footer(english) and "zitiert" not in footer(english)
    hovers = json.dumps([trace.get("hovertext") or trace.get("text") for trace in german["data"]])
    assert QUOTED[1] in hovers and QUOTED[0] not in hovers  # the hover's note line


def test_the_german_data_files_carry_the_german_note_and_publisher(client):
    _, german = csv_download(client, f"/export/{JOBS}.csv?breakdowns=total&lang=de")
    _, english = csv_download(client, f"/export/{JOBS}.csv?breakdowns=total&lang=en")
    (row,) = [r for r in german if r["period"] == "2024"]
    assert (row["note"], row["publisher"]) == (QUOTED[1], BLOG[1])
    assert (
        row["source_title"] == "SYNTHETIC blog post about a statistics release"
    )  # a title stays as published
    (row,) = [r for r in english if r["period"] == "2024"]
    assert (row["note"], row["publisher"]) == (QUOTED[0], BLOG[0])
    assert {r["note"] for r in german if r["period"] == "2018"} == {"SYNTHETIC"}  # no German note: English
    sheet = data_sheet(client.get(f"/export/{JOBS}.xlsx?breakdowns=total&lang=de").data)
    cells = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert QUOTED[1] in cells and BLOG[1] in cells and QUOTED[0] not in cells


def test_the_german_about_page_lists_the_german_publisher(testland_app, german_notes):
    for lang, index in (("de", 1), ("en", 0)):
        publishers = [cells[0] for cells, _ in table_rows(render(testland_app, lang), "about-sources-table")]
        assert BLOG[index] in publishers and BLOG[1 - index] not in publishers, lang
        assert "Test Cluster e. V. (SYNTHETIC)" in publishers  # a publisher without a German text


def test_a_file_without_german_notes_shows_the_english_note_on_german_pages(testland_app, testland, tmp_path):
    old = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
    row = f"employment.ict_micro,TLA,,2022,46000,persons,actual,test-cluster-2023,{EARLIER[0]} (checked),\n"
    _, result = pipeline.import_staff_file(testland, write(tmp_path / "old.csv", old + row))
    assert result.counts["changed"] == 1
    page, tree = employment(testland_app, "de")
    assert f"{EARLIER[0]} (checked)" in words(find(tree, page.CONFLICTS))
