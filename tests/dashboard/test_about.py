"""/about: sources with licences and counts, method, definitions, indicator catalog, API, public changelog."""

from __future__ import annotations

import importlib

import pytest

from dashboard import data
from etl import db, pipeline
from etl.schema import CANONICAL_COLUMNS
from tests.conftest import write
from tests.dashboard.test_data_page import find, words
from tests.dashboard.tree import links, texts

JUNE_2023 = "https://silicon-saxony.de/en/billions-in-investment-attract-skilled-workers-to-silicon-saxony/"


@pytest.fixture
def about(app):
    return importlib.import_module("dashboard.pages.about")


def render(app, about, lang: str = "en"):
    with app.server.test_request_context(f"/about?lang={lang}"):
        return about.layout(lang=lang)


def table_rows(tree, table_id: str) -> list[tuple[list[str], list[str]]]:
    """(cell texts, links) of each body row of a table."""
    table = find(tree, table_id)
    return [([words(cell) for cell in row.children], links(row)) for row in table.children[1].children]


def test_sources_table_lists_the_catalog_with_licences_and_how_many_figures_cite_each(app, about):
    tree = render(app, about)
    with app.server.test_request_context("/about"):
        snapshot = data.snapshot()
        cited = int((snapshot.observations["source"] == "silicon-saxony-2023-06-21").sum())
    rows = table_rows(tree, "about-sources-table")
    assert len(rows) == len(snapshot.catalog.sources)
    june = next(cells for cells, hrefs in rows if JUNE_2023 in hrefs)
    assert june[0] == "Silicon Saxony e.V." and june[2] == "21 Jun 2023" and june[-1] == str(cited)
    eurostat = next(cells for cells, hrefs in rows if "https://ec.europa.eu/eurostat/data/database" in hrefs)
    assert eurostat[3:5] == ["CC BY 4.0", "Official statistics"]
    assert rows[0][0][4] == "Official statistics"  # official data services first


def test_licence_attributions_are_spelled_out(app, about):
    text = words(render(app, about))
    assert "© EuroGeographics for the administrative boundaries" in text
    assert "Regionaldatenbank Deutschland: Data licence Germany – attribution – version 2.0" in text
    assert "dl-de/by-2-0" in text and "Creative Commons Attribution 4.0" in text and "CC BY 4.0" in text
    assert "https://www.govdata.de/dl-de/by-2-0" in links(render(app, about))


def test_method_and_definitions_explain_what_is_counted(app, about):
    text = " ".join(texts(render(app, about)))
    for needle in (
        "Eurostat",
        "Regionaldatenbank",
        "GISCO",
        "Kohesio",
        "CORDIS",
        "as published",
        "preferred source",
    ):
        assert needle in text
    for needle in ("Mikroelektronik- und IKT-Branche", "Mikroelektronik/IKT", "C21", "C26", "J59–J63", "M72"):
        assert needle in text
    assert "73,000" in text and "76,100" in text and "2022 census" in text


def test_indicator_catalog_shows_unit_preferred_source_count_and_latest_actual_period(app, about):
    tree = render(app, about)
    with app.server.test_request_context("/about"):
        count = len(data.series("employment.ict_micro"))
    rows = table_rows(tree, "about-indicators-table")
    jobs_cells, jobs_links = next(row for row in rows if "employment.ict_micro" in row[0][0])
    assert jobs_cells[0] == "Employees in microelectronics/ICT employment.ict_micro"
    assert jobs_cells[1:3] == ["Employment", "persons"]
    assert jobs_links == [JUNE_2023]  # the preferred source, linked
    assert jobs_cells[5] == str(count)
    assert jobs_cells[6] == "2023"  # the newest actual figure, not the 2030 goal


def test_api_section_documents_the_endpoints_with_example_links(app, about):
    tree = render(app, about)
    assert "/api/v1/observations?indicator=employment.ict_micro&region=DED&from=2014&to=2023" in links(tree)
    assert "/api/v1/indicators" in links(tree) and "/api/v1/regions" in links(tree)
    assert "`format` (`json` or `csv`)" in " ".join(texts(tree))


def test_changelog_lists_loads_without_user_or_file_names_and_hides_failures(
    app, about, sqlite_seeded, tmp_path
):
    row = "cluster.members,DED,silicon-saxony,2025,700,members,actual,tag24-2026-02-15,,\n"
    path = write(tmp_path / "secret-members-list.csv", ",".join(CANONICAL_COLUMNS) + "\n" + row)
    pipeline.import_staff_file(sqlite_seeded, path, user="alice.editor")
    db.record_failed_run(
        db.get_engine(sqlite_seeded.database_url), "boom: token abc", kind="source", source_name="eurostat"
    )
    tree = render(app, about)
    rows = [cells for cells, _ in table_rows(tree, "about-changes-table")]
    assert [cells[1:] for cells in rows] == [
        ["Upload by association staff", "1", "0", "0"],
        ["Curated figures with citations", "140", "0", "0"],
    ]
    text = " ".join(texts(tree))
    assert "alice.editor" not in text and "secret-members-list" not in text and "boom" not in text


def test_german_page_is_german(app, about):
    tree = render(app, about, "de")
    text = words(tree)
    for needle in (
        "Quellen und Lizenzen",
        "© EuroGeographics bezüglich der Verwaltungsgrenzen",
        "Amtliche Statistik",
    ):
        assert needle in text
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in text
    assert "Beschäftigte in Mikroelektronik/IKT" in text and "73.000" in text
    changes = table_rows(tree, "about-changes-table")
    assert changes[0][0][0][2] == "." and changes[0][0][1] == "Kuratierte Zahlen mit Belegen"  # 26.11.2026, …


def test_every_about_text_has_a_german_translation(about):
    from dashboard.i18n import missing

    assert [key for key in missing("de") if key.startswith("about.")] == []
