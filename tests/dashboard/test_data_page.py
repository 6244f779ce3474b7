"""/data on the SYNTHETIC Testland pack: filters, faceted options, server-side paging and sorting,
as-published views and downloads."""

from __future__ import annotations

import base64
import csv
import importlib
import io
import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dash._callback
import pytest
from openpyxl import load_workbook

from dashboard.i18n import use_locale
from etl import pipeline
from etl.schema import CANONICAL_COLUMNS
from tests.conftest import TESTLAND, write
from tests.dashboard.tree import find, links, texts

SEED = TESTLAND / "seed" / "testland-synthetic.csv"
JOBS_2022 = {
    "indicator": ["employment.ict_micro"],
    "region": ["TLA"],
    "breakdown": ["_total"],
    "start": 2022,
    "end": 2022,
}
EMPTY = {"start": None, "end": None, "sort": None, "as_of": None}


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.data_page")


def update(module, **inputs) -> dict:
    """Call the table callback like the browser does, with every control empty unless given."""
    args = {c: None for c in module.FACETS} | EMPTY | {"page": None}
    return module.update(**(args | inputs))


def download(module, callback, **inputs) -> dict:
    return callback(1, **({c: None for c in module.FACETS} | EMPTY | inputs))


def words(component) -> str:
    """All text of a component as a reader sees it: one space between words."""
    return " ".join(" ".join(texts(component)).split())


def rows(table) -> list[str]:
    """The text of each body row of the observation table."""
    body = table.children[1]
    return [words(row) for row in body.children]


@pytest.fixture
def en(testland_app):
    with testland_app.server.test_request_context("/data"), use_locale("en"):
        yield


@pytest.fixture
def de(testland_app):
    with testland_app.server.test_request_context("/data?lang=de"), use_locale("de"):
        yield


def test_layout_counts_every_observation_and_pages_by_25(page, en):
    total = len(seed_rows())
    tree = page.layout()
    assert f"{total} observations match · showing 1–25" in words(tree)
    assert find(tree, page.PAGER).max_value == math.ceil(total / 25)
    assert len(rows(find(tree, page.TABLE).children)) == 25
    assert find(tree, "data-url") is not None


def test_disagreeing_figures_are_shown_side_by_side_with_their_sources(page, en):
    out = update(page, **JOBS_2022)
    text = words(out["table"])
    assert out["count"] == "2 observations match · showing 1–2"
    assert "47,000" in text and "46,000" in text
    assert {"https://example.org/test-cluster/2024", "https://example.org/test-cluster/2023"} <= set(
        links(out["table"])
    )


def test_german_uses_german_numbers_names_and_statuses(page, de):
    out = update(page, **JOBS_2022)
    text = words(out["table"])
    assert "47.000" in text and "46.000" in text
    assert "Beschäftigte der Technologiebranche" in text and "Testshire" in text and "Ist-Wert" in text
    assert out["count"].startswith("2 Beobachtungen entsprechen der Auswahl")


def test_bounds_keep_their_wording(page, testland_app):
    with testland_app.server.test_request_context("/data"):
        with use_locale("en"):
            english = words(update(page, indicator=["cluster.partners"])["table"])
        with use_locale("de"):
            german = words(update(page, indicator=["cluster.partners"])["table"])
    assert "more than 120" in english
    assert "mehr als 120" in german


def test_url_state_reopens_the_same_view(page, de):
    query = {"indicator": "employment.ict_micro", "region": "TLA", "breakdown": "_total", "from": "2022"}
    query |= {"to": "2022", "sort": "value_asc", "page": "1", "status": "actual"}
    tree = page.layout(**query)
    assert find(tree, "data-indicator").value == ["employment.ict_micro"]
    assert find(tree, "data-breakdown").value == ["_total"]
    assert find(tree, "data-status").value == ["actual"]
    assert (find(tree, "data-from").value, find(tree, "data-to").value) == (2022, 2022)
    assert find(tree, "data-sort").value == "value_asc"
    ordered = rows(find(tree, page.TABLE).children)
    assert "46.000" in ordered[0] and "47.000" in ordered[1]  # lowest value first, as the URL asked


@pytest.mark.parametrize("odd", ["²", "-1", "0", "9" * 40, "1.5", "x"])
def test_odd_query_values_show_the_first_page(page, en, odd):
    tree = page.layout(page=odd, **{"from": odd, "to": odd})
    assert find(tree, page.PAGER).active_page == 1
    assert "observations match" in words(tree)


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
        "data-as-of.value",
    ]


def test_paging_slices_on_the_server_and_clamps_to_the_last_page(page, en):
    total = len(seed_rows())
    last = math.ceil(total / 25)
    out = update(page, page=last)
    beyond = update(page, page=last + 5)
    assert out["count"].endswith(f"showing {(last - 1) * 25 + 1}–{total}")
    assert len(rows(out["table"])) == total - (last - 1) * 25
    assert beyond["page"] == last and beyond["count"] == out["count"]


@pytest.mark.parametrize("sort", ["period_desc", "period_asc", "indicator", "region", "source", "value_desc"])
def test_every_sort_shows_every_row_exactly_once_across_the_pages(page, en, sort):
    total = len(seed_rows())
    seen = [
        row
        for number in range(1, math.ceil(total / 25) + 1)
        for row in rows(update(page, sort=sort, page=number)["table"])
    ]
    assert len(seen) == total and len(set(seen)) == total


def test_periods_newest_first_then_oldest_first(page, en):
    newest = rows(update(page, sort="period_desc")["table"])[0]
    oldest = rows(update(page, sort="period_asc")["table"])[0]
    assert "2030" in newest  # the goal row is the latest period
    assert "2005" in oldest  # the founding members


def test_sorting_by_name_follows_the_reader_s_language(page, testland_app):
    with testland_app.server.test_request_context("/data"):
        with use_locale("en"):
            english = [row.split(" Testshire")[0] for row in rows(update(page, sort="indicator")["table"])]
        with use_locale("de"):
            german = [row.split(" Testshire")[0] for row in rows(update(page, sort="indicator")["table"])]
    assert english[0].startswith("Annual turnover")  # A...
    assert german[0].startswith("Angekündigte Arbeitsplätze")  # "Jobs announced": J in English


def test_a_new_filter_starts_again_at_page_one(page, en, monkeypatch):
    monkeypatch.setattr(page, "_triggered", lambda: page.PAGER)
    assert update(page, page=2)["page"] == 2
    monkeypatch.setattr(page, "_triggered", lambda: page.FACETS["region"])
    assert update(page, page=2, region=["TLA"])["page"] == 1


def test_sorting_by_value_puts_the_largest_figure_first(page, en):
    largest = max(seed_rows(), key=lambda row: float(row["value"]))
    first = rows(update(page, sort="value_desc")["table"])[0]
    assert "8,400,000,000" in first and largest["indicator"] == "industry.turnover"


def test_options_are_limited_to_what_exists_under_the_other_filters(page, en):
    jobs = [row for row in seed_rows() if row["indicator"] == "employment.ict_micro"]
    out = update(page, indicator=["employment.ict_micro"])
    assert {o["value"] for o in out["source_options"]} == {row["source"] for row in jobs}
    assert {o["value"] for o in out["region_options"]} == {row["region"] for row in jobs}
    breakdowns = {o["value"]: o["label"] for o in out["breakdown_options"]}
    assert breakdowns["_total"].startswith("Total (") and breakdowns["software"] == "Software (4)"
    indicators = [o["value"] for o in out["indicator_options"]]
    assert "cluster.members" in indicators  # the facet itself still offers the other indicators


def test_no_match_says_what_to_do_and_keeps_the_selection(page, en):
    out = update(page, indicator=["employment.ict_micro"], region=["TLA22"])
    assert "No observations match these filters. Remove a filter or widen the period." in texts(out["table"])
    assert "TLA22" in {o["value"] for o in out["region_options"]}
    assert out["csv_disabled"] and out["xlsx_disabled"] and out["pager_hidden"]


def test_csv_download_has_the_template_columns_and_imports_back_unchanged(page, en, testland, tmp_path):
    sent = download(page, page.download_csv, indicator=["employment.ict_micro"], region=["TLA"])
    expected = sum(
        1 for row in seed_rows() if (row["indicator"], row["region"]) == ("employment.ict_micro", "TLA")
    )
    content = base64.b64decode(sent["content"])
    assert sent["filename"] == "regiometer-data-employment.ict_micro-TLA.csv"
    assert content.decode().splitlines()[0] == ",".join(CANONICAL_COLUMNS)
    _, result = pipeline.import_staff_file(
        testland, write(tmp_path / "export.csv", content.decode()), dry_run=True
    )
    assert result.counts == {"new": 0, "changed": 0, "unchanged": expected}


def test_xlsx_download_holds_every_matching_row_not_just_the_page(page, en):
    sent = download(page, page.download_xlsx)
    sheet = load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active
    assert [cell.value for cell in sheet[1]] == CANONICAL_COLUMNS
    assert sheet.max_row == len(seed_rows()) + 1
    assert sent["filename"] == "regiometer-data.xlsx"


def test_a_download_larger_than_the_limit_is_refused_with_a_reason(page, testland_app, monkeypatch):
    settings = testland_app.server.config["REGIOMETER_SETTINGS"]
    monkeypatch.setitem(
        testland_app.server.config, "REGIOMETER_SETTINGS", settings.with_(download_max_rows=10)
    )
    with testland_app.server.test_request_context("/data"), use_locale("en"):
        out = update(page)
        tree = page.layout()
    assert out["csv_disabled"] and out["xlsx_disabled"]
    assert "More than 10 observations match" in words(tree)


def test_file_names_say_what_the_file_holds():
    from dashboard.data.facets import export_name, view_of

    view = view_of({"indicator": "employment.ict_micro", "breakdown": "_total,software"}, "2014", "2023")
    assert export_name(view, "csv") == "regiometer-data-employment.ict_micro-total_software-2014-2023.csv"
    many = view_of({"region": "TLA,TLA1,TLA2"}, None, "2020", as_of="2025-01-31")
    assert export_name(many, "xlsx") == "regiometer-data-3-regions-to-2020-as-published-2025-01-31.xlsx"


def test_a_revised_value_counts_its_versions_and_the_old_value_stays_visible_as_published(
    page, testland, testland_app, tmp_path, monkeypatch
):
    berlin = ZoneInfo("Europe/Berlin")
    later = datetime.now(berlin) + timedelta(days=3)
    monkeypatch.setattr("etl.db.load.utc_now", lambda: later)
    row = "employment.ict_micro,TLA,,2023,49900,persons,actual,test-cluster-2024,corrected,\n"
    pipeline.import_staff_file(
        testland, write(tmp_path / "fix.csv", ",".join(CANONICAL_COLUMNS) + "\n" + row)
    )
    filters = {"indicator": ["employment.ict_micro"], "breakdown": ["_total"], "start": 2023, "end": 2023}
    with testland_app.server.test_request_context("/data"), use_locale("en"):
        now = update(page, **filters)
        before = update(page, **filters, as_of=datetime.now(berlin).date().isoformat())
        revised_first = rows(update(page, sort="revisions")["table"])[0]
    current = rows(now["table"])[0]
    assert "49,900" in current and current.endswith(" 2")
    assert "49,500" in rows(before["table"])[0]
    assert "Figures as published on" in words(before["banner"])
    assert "49,900" in revised_first and revised_first.endswith(" 2")


def test_before_the_first_load_the_page_says_nothing_was_published_yet(page, en):
    out = update(page, as_of="2000-01-01")
    tree = page.layout(as_of="not-a-date")  # a mistyped date shows the current figures
    assert texts(out["table"]) == [
        "No figures had been published by 1 Jan 2000. Choose a later date or clear the date."
    ]
    assert find(tree, page.AS_OF).value == "" and find(tree, page.BANNER).children is None


def test_every_data_page_text_has_a_german_translation():
    from dashboard.i18n import missing

    assert [key for key in missing("de") if key.startswith("data.")] == []
