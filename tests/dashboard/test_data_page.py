"""/data: filters, faceted options, server-side paging and sorting, as-published views, downloads."""

from __future__ import annotations

import base64
import importlib
import io
import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dash._callback
import pytest
from openpyxl import load_workbook

from dashboard import data
from etl import pipeline
from etl.schema import CANONICAL_COLUMNS
from tests.conftest import write
from tests.dashboard.tree import find, links, texts

JOBS_2022 = {
    "indicator": ["employment.ict_micro"],
    "region": ["DED"],
    "breakdown": ["_total"],
    "start": 2022,
    "end": 2022,
}


@pytest.fixture
def page(app):
    return importlib.import_module("dashboard.pages.data_page")


EMPTY = {"start": None, "end": None, "sort": None, "as_of": None}


def update(module, lang: str = "en", **inputs) -> dict:
    """Call the table callback like the browser does, with every control empty unless given."""
    args = {c: None for c in module.FACETS} | EMPTY | {"page": None}
    return module.update(lang=lang, **(args | inputs))


def download(module, callback, **inputs) -> dict:
    return callback(1, **({c: None for c in module.FACETS} | EMPTY | inputs))


def words(component) -> str:
    """All text of a component as a reader sees it: one space between words."""
    return " ".join(" ".join(texts(component)).split())


def rows(table) -> list[str]:
    """The text of each body row of the observation table."""
    body = table.children[1]
    return [words(row) for row in body.children]


def test_layout_counts_every_observation_and_pages_by_25(app, page):
    with app.server.test_request_context("/data"):
        total = len(data.snapshot().observations)
        tree = page.layout(lang="en")
    text = words(tree)
    assert f"{total} observations match · showing 1–25" in text
    assert find(tree, page.PAGER).max_value == math.ceil(total / 25)
    assert len(rows(find(tree, page.TABLE).children)) == 25
    assert find(tree, "data-url") is not None


def test_conflicting_2022_employment_figures_are_shown_side_by_side_with_their_sources(app, page):
    with app.server.test_request_context("/data"):
        out = update(page, **JOBS_2022)
    text = words(out["table"])
    assert out["count"] == "2 observations match · showing 1–2"
    assert "76,100" in text and "73,000" in text
    assert (
        "https://silicon-saxony.de/en/billions-in-investment-attract-skilled-workers-to-silicon-saxony/"
        in links(out["table"])
    )
    assert "https://reinraum.de/news.html?id=8227" in links(out["table"])


def test_german_uses_german_numbers_names_and_statuses(app, page):
    with app.server.test_request_context("/data?lang=de"):
        out = update(page, "de", **JOBS_2022)
    text = words(out["table"])
    assert "76.100" in text and "73.000" in text
    assert "Beschäftigte in Mikroelektronik/IKT" in text and "Sachsen" in text and "Ist-Wert" in text
    assert out["count"].startswith("2 Beobachtungen entsprechen der Auswahl")


def test_lower_bounds_keep_their_wording(app, page):
    with app.server.test_request_context("/data"):
        english = words(update(page, indicator=["cluster.partners"])["table"])
        german = words(update(page, "de", indicator=["cluster.partners"])["table"])
    assert "more than 650" in english
    assert "mehr als 650" in german


def test_url_state_reopens_the_same_view(app, page):
    query = {"indicator": "employment.ict_micro", "region": "DED", "breakdown": "_total", "from": "2022"}
    query |= {"to": "2022", "sort": "value_asc", "page": "1", "status": "actual"}
    with app.server.test_request_context("/data"):
        tree = page.layout(lang="de", **query)
    assert find(tree, "data-indicator").value == ["employment.ict_micro"]
    assert find(tree, "data-breakdown").value == ["_total"]
    assert find(tree, "data-status").value == ["actual"]
    assert (find(tree, "data-from").value, find(tree, "data-to").value) == (2022, 2022)
    assert find(tree, "data-sort").value == "value_asc"
    ordered = rows(find(tree, page.TABLE).children)
    assert "73.000" in ordered[0] and "76.100" in ordered[1]  # lowest value first, as the URL asked


def test_every_control_writes_its_query_parameter():
    sync = [cb for cb in dash._callback.GLOBAL_CALLBACK_LIST if cb["output"] == "data-url.data"][-1]
    inputs = [f"{i['id']}.{i['property']}" for i in sync["inputs"]]
    assert inputs == [
        "data-indicator.value",
        "data-region.value",
        "data-breakdown.value",
        "data-status.value",
        "data-source.value",
        "data-from.value",
        "data-to.value",
        "data-sort.value",
        "data-pager.active_page",
        "data-as-of.date",
    ]
    names = '["indicator", "region", "breakdown", "status", "source", "from", "to", "sort", "page", "as_of"]'
    assert any(names in script for script in dash._callback.GLOBAL_INLINE_SCRIPTS)


def test_paging_slices_on_the_server_and_clamps_to_the_last_page(app, page):
    with app.server.test_request_context("/data"):
        total = len(data.snapshot().observations)
        last = math.ceil(total / 25)
        out = update(page, page=last)
        beyond = update(page, page=last + 5)
    shown = total - (last - 1) * 25
    assert out["count"].endswith(f"showing {(last - 1) * 25 + 1}–{total}")
    assert len(rows(out["table"])) == shown
    assert beyond["page"] == last and beyond["count"] == out["count"]


def test_a_new_filter_starts_again_at_page_one(app, page, monkeypatch):
    with app.server.test_request_context("/data"):
        monkeypatch.setattr(page, "_triggered", lambda: page.PAGER)
        assert update(page, page=3)["page"] == 3
        monkeypatch.setattr(page, "_triggered", lambda: page.FACETS["region"])
        assert update(page, page=3, region=["DED"])["page"] == 1


def test_sorting_by_value_puts_the_largest_figure_first(app, page):
    with app.server.test_request_context("/data"):
        frame = data.snapshot().observations
        largest = frame.loc[frame["value"].idxmax()]
        first = rows(update(page, sort="value_desc")["table"])[0]
    assert f"{largest['value']:,.0f}" in first


def test_options_are_limited_to_what_exists_under_the_other_filters(app, page):
    with app.server.test_request_context("/data"):
        jobs = data.series("employment.ict_micro")
        out = update(page, indicator=["employment.ict_micro"])
    assert {o["value"] for o in out["source_options"]} == set(jobs["source"].astype(str))
    assert {o["value"] for o in out["region_options"]} == {"DED"}
    breakdowns = {o["value"]: o["label"] for o in out["breakdown_options"]}
    assert breakdowns["_total"].startswith("Total (") and breakdowns["software"].startswith("Software (")
    indicators = [o["value"] for o in out["indicator_options"]]
    assert "cluster.members" in indicators  # the facet itself still offers the other indicators


def test_no_match_says_what_to_do_and_keeps_the_selection(app, page):
    with app.server.test_request_context("/data"):
        out = update(page, indicator=["employment.ict_micro"], region=["DED21"])
    assert "No observations match these filters. Remove a filter or widen the period." in texts(out["table"])
    assert "DED21" in {o["value"] for o in out["region_options"]}
    assert out["csv_disabled"] and out["xlsx_disabled"] and out["pager_hidden"]


def test_csv_download_has_the_template_columns_and_imports_back_unchanged(app, page, sqlite_seeded, tmp_path):
    with app.server.test_request_context("/data"):
        sent = download(page, page.download_csv, indicator=["employment.ict_micro"], region=["DED"])
        expected = len(data.series("employment.ict_micro", "DED"))
    content = base64.b64decode(sent["content"])
    assert sent["filename"] == "regiometer-data-employment.ict_micro-DED.csv"
    assert content.decode().splitlines()[0] == ",".join(CANONICAL_COLUMNS)
    _, result = pipeline.import_staff_file(
        sqlite_seeded, write(tmp_path / "export.csv", content.decode()), dry_run=True
    )
    assert result.counts == {"new": 0, "changed": 0, "unchanged": expected}


def test_xlsx_download_holds_every_matching_row_not_just_the_page(app, page):
    with app.server.test_request_context("/data"):
        total = len(data.snapshot().observations)
        sent = download(page, page.download_xlsx)
    sheet = load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active
    assert [cell.value for cell in sheet[1]] == CANONICAL_COLUMNS
    assert sheet.max_row == total + 1
    assert sent["filename"] == "regiometer-data.xlsx"


def test_file_names_say_what_the_file_holds(page):
    view = page.view_of({"indicator": "employment.ict_micro", "breakdown": "_total,software"}, "2014", "2023")
    assert (
        page.export_name(view, "csv") == "regiometer-data-employment.ict_micro-total_software-2014-2023.csv"
    )
    many = page.view_of({"region": "DED,DED2,DED4"}, None, "2020", as_of="2025-01-31")
    assert page.export_name(many, "xlsx") == "regiometer-data-3-regions-to-2020-as-published-2025-01-31.xlsx"


def test_a_revised_value_counts_its_versions_and_the_old_value_stays_visible_as_published(
    app, page, sqlite_seeded, tmp_path, monkeypatch
):
    berlin = ZoneInfo("Europe/Berlin")
    later = datetime.now(berlin) + timedelta(days=3)
    monkeypatch.setattr("etl.db.load.utc_now", lambda: later)
    row = "employment.ict_micro,DED,,2023,82000,persons,actual,silicon-saxony-2024-06-11,corrected,\n"
    pipeline.import_staff_file(
        sqlite_seeded, write(tmp_path / "fix.csv", ",".join(CANONICAL_COLUMNS) + "\n" + row)
    )
    filters = {"indicator": ["employment.ict_micro"], "breakdown": ["_total"], "start": 2023, "end": 2023}
    with app.server.test_request_context("/data"):
        now = update(page, **filters)
        before = update(page, **filters, as_of=datetime.now(berlin).date().isoformat())
    current = rows(now["table"])[0]
    assert "82,000" in current and current.endswith(" 2")
    assert "81,000" in rows(before["table"])[0]
    assert "Figures as published on" in words(before["banner"])


def test_before_the_first_load_the_page_says_nothing_was_published_yet(app, page):
    with app.server.test_request_context("/data"):
        out = update(page, as_of="2000-01-01")
        tree = page.layout(lang="en", as_of="not-a-date")  # a mistyped date shows the current figures
    assert texts(out["table"]) == [
        "No figures had been published by 1 Jan 2000. Choose a later date or clear the date."
    ]
    assert find(tree, page.AS_OF).date is None and find(tree, page.BANNER).children is None


def test_every_data_page_text_has_a_german_translation(page):
    from dashboard.i18n import missing

    assert [key for key in missing("de") if key.startswith("data.")] == []
