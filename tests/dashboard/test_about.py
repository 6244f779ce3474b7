"""/about: sources with licences and counts, method, definitions, indicator catalog, API, public changelog.
Behaviour on Testland (its pack's texts over the app's), real texts and figures on Saxony."""

from __future__ import annotations

import importlib

import pytest

from dashboard.data import cache
from dashboard.i18n import use_locale
from etl import db, pipeline
from etl.schema import CANONICAL_COLUMNS
from tests.conftest import write
from tests.dashboard.test_data_page import find, words
from tests.dashboard.tree import links, texts

JUNE_2023 = "https://silicon-saxony.de/en/billions-in-investment-attract-skilled-workers-to-silicon-saxony/"


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear_all()
    yield
    cache.clear_all()


def render(app, lang: str = "en"):
    about = importlib.import_module("dashboard.pages.about")
    with app.server.test_request_context(f"/about?lang={lang}"), use_locale(lang):
        return about.page()


def table_rows(tree, table_id: str) -> list[tuple[list[str], list[str]]]:
    """(cell texts, links) of each body row of a table."""
    table = find(tree, table_id)
    return [([words(cell) for cell in row.children], links(row)) for row in table.children[1].children]


def current(settings, **filters):
    return db.read_observations(db.get_engine(settings.database_url), **filters)


# -- Testland: behaviour -------------------------------------------------------------------------------


def test_sources_table_counts_the_figures_citing_each_source_official_first(testland_app, testland):
    rows = table_rows(render(testland_app), "about-sources-table")
    assert next(cells[0] for cells, _ in rows) == "Testland Statistical Office (SYNTHETIC)"
    by_publisher = {cells[1]: cells for cells, _ in rows}
    report = by_publisher["SYNTHETIC annual report 2024"]
    cited = int((current(testland)["source"] == "test-cluster-2024").sum())
    assert report[2] == "15 Jun 2024" and report[4] == "Association" and report[-1] == str(cited)
    assert by_publisher["SYNTHETIC population and employment tables"][3:5] == [
        "CC BY 4.0",
        "Official statistics",
    ]


def test_indicator_catalog_counts_and_latest_period_ignore_goals(testland_app, testland):
    rows = table_rows(render(testland_app), "about-indicators-table")
    jobs, jobs_links = next(row for row in rows if "employment.ict_micro" in row[0][0])
    assert jobs[0] == "Employees in the tech sector employment.ict_micro"
    assert jobs[1:3] == ["Employment", "persons"]
    assert jobs_links == ["https://example.org/test-cluster/2024"]  # the preferred source, linked
    assert jobs[5] == str(len(current(testland, indicator="employment.ict_micro")))
    assert jobs[6] == "2023"  # the newest actual figure, not the 2030 goal


def test_the_packs_long_texts_replace_the_apps_and_the_api_examples_name_the_pack(testland_app):
    tree = render(testland_app)
    text = " ".join(texts(tree))
    assert "SYNTHETIC method." in text and "Curated publications." not in text  # texts/about.method_md.en.md
    assert "What each indicator counts is in the indicator list below" in text  # the app's definitions
    assert "/api/v1/observations?indicator=employment.ict_micro&region=TLA" in links(tree)
    assert "/api/v1/goals" in links(tree) and "/api/v1/indicators" in links(tree)
    assert "`format` (`json` or `csv`)" in text
    assert "SYNTHETISCHE Methode." in " ".join(texts(render(testland_app, "de")))


def test_licences_name_only_the_services_the_catalog_has(testland_app):
    text = words(render(testland_app))
    assert "EuroGeographics" not in text and "Regionaldatenbank" not in text  # Testland has neither
    assert "Press articles, releases and studies" in text


def test_changelog_lists_loads_without_user_or_file_names_and_hides_failures(
    testland_app, testland, tmp_path
):
    row = "cluster.members,TLA,test-cluster,2025,420,members,actual,test-cluster-2024,,\n"
    path = write(tmp_path / "secret-members-list.csv", ",".join(CANONICAL_COLUMNS) + "\n" + row)
    pipeline.import_staff_file(testland, path, user="alice.editor")
    db.record_failed_run(
        db.get_engine(testland.database_url), "boom: token abc", kind="source", source_name="eurostat"
    )
    tree = render(testland_app)
    rows = [cells for cells, _ in table_rows(tree, "about-changes-table")]
    seeded = len(current(testland)) - 1
    assert [cells[1:] for cells in rows] == [
        ["Upload by association staff", "1", "0", "0"],
        ["Curated figures with citations", str(seeded), "0", "0"],
    ]
    text = " ".join(texts(tree))
    assert "alice.editor" not in text and "secret-members-list" not in text and "boom" not in text


def test_german_page_is_german(testland_app):
    tree = render(testland_app, "de")
    text = words(tree)
    assert "Quellen und Lizenzen" in text and "Amtliche Statistik" in text
    assert "Beschäftigte der Technologiebranche" in text
    changes = table_rows(tree, "about-changes-table")
    assert changes[0][0][0][2] == "." and changes[0][0][1] == "Kuratierte Zahlen mit Belegen"  # 01.12.2026, …


def test_every_about_text_has_a_german_translation():
    from dashboard.i18n import missing

    assert [key for key in missing("de") if key.startswith("about.")] == []


# -- Saxony: its real texts and figures ----------------------------------------------------------------


def test_saxony_sources_licences_and_definitions(app, sqlite_seeded):
    tree = render(app)
    rows = table_rows(tree, "about-sources-table")
    june = next(cells for cells, hrefs in rows if JUNE_2023 in hrefs)
    cited = int((current(sqlite_seeded)["source"] == "silicon-saxony-2023-06-21").sum())
    assert june[0] == "Silicon Saxony e.V." and june[2] == "21 Jun 2023" and june[-1] == str(cited)
    assert rows[0][0][4] == "Official statistics"
    text = words(tree)
    assert "© EuroGeographics for the administrative boundaries" in text
    assert "Regionaldatenbank Deutschland: Data licence Germany – attribution – version 2.0" in text
    assert "https://www.govdata.de/dl-de/by-2-0" in links(tree)
    prose = " ".join(texts(tree))
    for needle in ("Mikroelektronik- und IKT-Branche", "C26", "J59–J63", "73,000", "76,100", "2022 census"):
        assert needle in prose
    assert "/api/v1/observations?indicator=employment.ict_micro&region=DED" in links(tree)


def test_saxony_indicator_latest_actual_period(app):
    rows = table_rows(render(app), "about-indicators-table")
    jobs, jobs_links = next(row for row in rows if "employment.ict_micro" in row[0][0])
    assert jobs[0] == "Employees in microelectronics/ICT employment.ict_micro"
    assert jobs_links == [JUNE_2023] and jobs[6] == "2023"
    text = words(render(app, "de"))
    assert "Beschäftigte in Mikroelektronik/IKT" in text and "73.000" in text
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in text
