"""The Atom feed of published changes (SYNTHETIC Testland pack): one entry per import that changed
public values, naming the indicators and their headline numbers before and after; valid Atom."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import feedparser
import pytest

from dashboard.app import create_app
from dashboard.i18n import use_locale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import find

ATOM = "{http://www.w3.org/2005/Atom}"
HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier"
JOBS = "employment.ict_micro"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def staff_import(settings, tmp_path, name: str, *rows: str) -> int:
    _file, result = pipeline.import_staff_file(
        settings, write(tmp_path / name, "\n".join([HEADER, *rows]) + "\n")
    )
    assert result.run_id is not None, result
    return result.run_id


@pytest.fixture
def updated(testland, tmp_path):
    """Testland after an upload that revises the 2023 tech jobs and adds 2024, then one about companies."""
    jobs = staff_import(
        testland,
        tmp_path,
        "jobs.csv",
        f"{JOBS},TLA,,2023,50000,persons,actual,test-cluster-2024,SYNTHETIC revised,",
        f"{JOBS},TLA,,2024,51800,persons,actual,test-cluster-2024,SYNTHETIC,",
    )
    staff_import(
        testland,
        tmp_path,
        "companies.csv",
        "industry.companies,TLA,,2024,1400,companies,actual,test-cluster-2024,,",
    )
    return testland, jobs


def get(settings, url: str) -> bytes:
    response = create_app(settings).server.test_client().get(url)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/atom+xml"
    return response.data


def assert_valid_atom(body: bytes) -> ET.Element:
    """RFC 4287: an atom:feed with exactly one id, title and updated, an author, a self link; each
    entry with exactly one id, title and updated and an alternate link; ids are absolute IRIs, dates
    RFC 3339; and a feed reader's parser reads it without complaint."""
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for parent in [root, *root.findall(f"{ATOM}entry")]:
        for tag in ("id", "title", "updated"):
            assert len(parent.findall(f"{ATOM}{tag}")) == 1, (parent.tag, tag)
        assert re.fullmatch(r"https?://\S+", parent.findtext(f"{ATOM}id"))
        assert RFC3339.fullmatch(parent.findtext(f"{ATOM}updated"))
        assert parent.findtext(f"{ATOM}title").strip()
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Regiometer"
    assert root.find(f"{ATOM}link[@rel='self']").get("type") == "application/atom+xml"
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert entry.find(f"{ATOM}content").get("type") == "html"
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return root


def test_a_fresh_site_has_one_entry_for_its_curated_figures(testland):
    root = assert_valid_atom(get(testland, "/feed.xml"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert "Curated figures with citations." in entries[0].findtext(f"{ATOM}content")
    assert "Employees in the tech sector (Testshire): first headline figure 49,500 persons (2023)" in entries[
        0
    ].findtext(f"{ATOM}content")


def test_an_upload_is_an_entry_with_the_old_and_new_headline(updated):
    settings, jobs_run = updated
    root = assert_valid_atom(get(settings, "/feed.xml"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3  # newest first: companies, jobs, the seed
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[:2] == ["Tech companies: 1,320 → 1,400", "Employees in the tech sector: 49,500 → 51,800"]
    jobs = entries[1]
    assert jobs.findtext(f"{ATOM}id").endswith(f"#run-{jobs_run}")
    assert jobs.findtext(f"{ATOM}content") == (
        "<p>An upload by association staff.</p><ul><li>Employees in the tech sector (Testshire): "
        "headline figure 49,500 persons (2023) → 51,800 persons (2024); "
        "1 new value, 1 value revised.</li></ul>"
    )
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_the_feed_of_one_indicator_leaves_the_others_out_and_speaks_german(updated):
    settings, _run = updated
    root = assert_valid_atom(get(settings, f"/feed.xml?indicator={JOBS}&lang=de"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert root.findtext(f"{ATOM}title") == "Regiometer: Änderungen an „Beschäftigte der Technologiebranche“"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Beschäftigte der Technologiebranche: 49.500 → 51.800",
        "Aktualisiert: Beschäftigte der Technologiebranche",
    ]
    content = entries[0].findtext(f"{ATOM}content")
    assert (
        "Kennzahl 49.500 Beschäftigte (2023) → 51.800 Beschäftigte (2024); 1 neuer Wert, 1 Wert korrigiert"
        in content
    )
    assert (
        root.find(f"{ATOM}link[@rel='self']").get("href")
        == f"http://localhost/feed.xml?indicator={JOBS}&lang=de"
    )


def test_an_undo_is_an_entry_that_takes_the_headline_back(updated):
    settings, jobs_run = updated
    pipeline.undo(settings, jobs_run, user="tester")
    entries = assert_valid_atom(get(settings, f"/feed.xml?indicator={JOBS}")).findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == "Employees in the tech sector: 51,800 → 49,500"
    content = entries[0].findtext(f"{ATOM}content")
    assert content.startswith("<p>An earlier upload was undone.</p>")
    assert "1 earlier value restored, 1 value withdrawn" in content


def test_an_unknown_indicator_is_404(testland):
    assert create_app(testland).server.test_client().get("/feed.xml?indicator=nope").status_code == 404


def test_about_and_the_path_chart_link_to_the_feed(testland_app):
    from dashboard.pages import about, overview

    with testland_app.server.test_request_context("/about?lang=de"), use_locale("de"):
        assert find(about.page(), "about-feed").href == "/feed.xml?lang=de"
    with testland_app.server.test_request_context("/"):
        link = find(overview.path_section(), "share-overview-path-feed")
    assert link.href == "/feed.xml?indicator=employment.ict_micro"
