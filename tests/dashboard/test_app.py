"""The app as a server (pages answer, assets are compressed, headers are safe) and the overview: on the
SYNTHETIC Testland pack for behaviour, on the Saxony pack for its real figures."""

from __future__ import annotations

import csv
import importlib
import json
import re

import pytest
from dash import dcc
from plotly.io.json import to_json_plotly

from dashboard.components import shell
from dashboard.data import cache
from dashboard.i18n import use_locale
from tests.conftest import TESTLAND
from tests.dashboard.tree import find, links, texts

SAXON_WORDS = re.compile(r"saxony|sachsen|saxon|dresden|leipzig|chemnitz|\bDED\w*", re.IGNORECASE)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear_all()  # each test has its own warehouse; a page cached for another would be wrong
    yield
    cache.clear_all()


@pytest.fixture
def overview(testland_app):
    return importlib.import_module("dashboard.pages.overview")  # pages register after the app exists


def render(app, page: str, lang: str = "en"):
    """The page's component tree (its layout returns the same tree in Dash's JSON form)."""
    module = importlib.import_module(f"dashboard.pages.{page}")
    with app.server.test_request_context(f"/?lang={lang}"), use_locale(lang):
        return module.page()


def words(component) -> str:
    return " ".join(texts(component))


def flat(component) -> str:
    """Texts as the browser shows inline elements (no extra spaces)."""
    return "".join(texts(component)).strip()


def by_class(component, name: str) -> list:
    """Every component whose className contains `name`, depth first."""
    found = [component] if name in str(getattr(component, "className", "") or "").split() else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += by_class(child, name)
    return found


def seed_values() -> set[float]:
    with (TESTLAND / "seed" / "testland-synthetic.csv").open(encoding="utf-8") as handle:
        return {float(row["value"]) for row in csv.DictReader(handle)}


def numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in NUMBER.findall(text)]


def amount(text: str) -> float:
    """'€620m' or '620 Mio. €' -> 620e6, '49,500' -> 49500."""
    value = numbers(text)[0]
    return value * (
        1e9 if "bn" in text or "Mrd" in text else 1e6 if text.endswith("m") or "Mio" in text else 1
    )


# -- the server -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/?lang=de"])
def test_pages_are_served(testland_app, path):
    response = testland_app.server.test_client().get(path)
    assert response.status_code == 200
    assert b"Regiometer" in response.data


def test_assets_are_compressed_and_headers_are_safe(testland_app):
    client = testland_app.server.test_client()
    response = client.get("/assets/vendor/bootstrap.min.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.data) < 60_000
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


# -- Testland: one site, no other region in it -------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_testland_pages_show_only_testland_figures_and_never_name_saxony(testland_app, lang):
    seed = seed_values()
    aid = {500e6, 620e6}  # the cumulative card: 500m in 2021, plus 120m in 2023
    for page in ("overview", "clusters", "about"):
        tree = render(testland_app, page, lang)
        text = words(tree)
        assert not SAXON_WORDS.search(text), (page, SAXON_WORDS.search(text))
        for value in by_class(tree, "kpi-value"):
            shown = amount(words(value).replace(".", ",") if lang == "de" else words(value))
            assert shown in seed | aid, (page, words(value))
    with testland_app.server.test_request_context(f"/?lang={lang}"), use_locale(lang):
        assert not SAXON_WORDS.search(words(shell.shell()))


def test_overview_cards_follow_the_pack_in_order_with_source_and_change(testland_app):
    tree = render(testland_app, "overview")
    cards = by_class(tree, "kpi-card")
    assert [card.id for card in cards] == [
        f"overview-kpi-{key}" for key in ("jobs", "software", "companies", "members", "aid")
    ]
    jobs = words(find(tree, "overview-kpi-jobs"))
    assert "49,500" in jobs and "2023" in jobs and "+5.3% since 2022" in jobs
    assert "https://example.org/test-cluster/2024" in links(find(tree, "overview-kpi-jobs"))
    aid = words(find(tree, "overview-kpi-aid"))
    assert "€620m" in aid and "2 publications, listed under Funding" in aid
    assert "/funding" in links(find(tree, "overview-kpi-aid"))


def test_a_change_against_a_bound_is_labelled_as_a_bound(testland_app):
    # Software: 17,500 (2022) to "more than 19,000" (2023): the change is at least +8.6 %.
    assert "at least +8.6% since 2022" in words(
        find(render(testland_app, "overview"), "overview-kpi-software")
    )
    assert "mindestens +8,6 % seit 2022" in words(
        find(render(testland_app, "overview", "de"), "overview-kpi-software")
    )


def test_verdict_states_the_data_age_the_goal_as_published_and_the_window_rule(testland_app, overview):
    tree = render(testland_app, "overview")
    verdict = words(find(tree, overview.VERDICT))
    assert verdict.startswith("Latest actual figure: 49,500 (2023).")
    assert "Needs at least 5.1% a year to 2030" in verdict and verdict.endswith("off track.")
    assert "last 6 years of actual figures" in words(find(tree, overview.WINDOW))


def test_the_goal_is_the_most_authoritative_statement_and_the_others_are_named(testland_app, overview):
    tree = render(testland_app, "overview")
    figure = find(tree, overview.PATH_GRAPH).figure  # a plain dict: the page caches it serialised
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert "<b>Goal 2030: more than 70,000</b>" in notes  # the ministry's wording, not the paper's
    footer = " ".join(
        a["text"] for a in figure["layout"]["annotations"] if a.get("name", "").startswith("footer")
    )
    assert "goal: Testshire Ministry of Economy (SYNTHETIC), target, 10 Nov 2023" in footer
    assert (
        "Also published for 2030: up to 70,000 (Testshire Gazette (SYNTHETIC), target, 1 Feb 2024)." in footer
    )
    assert "Data as of 15 Jun 2024" in footer  # the newest publication among the rows drawn


def test_the_two_paths_share_one_legend_entry_with_a_note(testland_app, overview):
    figure = find(render(testland_app, "overview"), overview.PATH_GRAPH).figure
    legend = [trace["name"] for trace in figure["data"] if trace.get("showlegend", True)]
    assert legend == ["Actual", "Paths to the goal"]
    footer = " ".join(a["text"] for a in figure["layout"]["annotations"])
    assert "straight line (dashed) or constant growth of at least 5.1% a year (dotted)" in footer


def test_every_series_with_a_goal_or_projection_is_in_the_table(testland_app):
    table = find(render(testland_app, "overview"), "overview-goals-table")
    rows = {
        flat(row.children[0]): [flat(cell) for cell in row.children] for row in table.children[1].children
    }
    assert set(rows) == {
        "Employees in the tech sector · Hardware (Testshire)",
        "Employees in the tech sector (South Testshire)",
        "Hub partners · Test Hub (North Testshire)",
    }
    hardware = rows["Employees in the tech sector · Hardware (Testshire)"]
    assert hardware[2] == "about 15,000 (2030, projection) Test Cluster e. V. (SYNTHETIC)"
    assert hardware[1].startswith("9,800 (2023)") and "grew" in hardware[3]
    south = rows["Employees in the tech sector (South Testshire)"]
    assert south[1] == "–" and "Not enough data to assess progress: no actual values." in south[3]
    hub = rows["Hub partners · Test Hub (North Testshire)"]
    assert "at least two actual values are needed" in hub[3] and "more than 200" in hub[2]
    assert "Needs about 13.6% a year to 2028" in hub[3]  # bounds on both sides: only approximate


def test_goals_table_cells_carry_their_column_name_for_phones(testland_app):
    table = find(render(testland_app, "overview", "de"), "overview-goals-table")
    first = table.children[1].children[0]
    assert [getattr(cell, "data-label") for cell in first.children] == [
        "Reihe", "Letzter Wert", "Ziel oder Prognose", "Einschätzung",
    ]  # fmt: skip


def test_overview_in_german(testland_app, overview):
    tree = render(testland_app, "overview", "de")
    assert words(find(tree, overview.VERDICT)).startswith("Letzter Ist-Wert: 49.500 (2023).")
    assert "Weitere Ziele und Prognosen" in words(tree)
    figure = find(tree, overview.PATH_GRAPH).figure
    assert "<b>Ziel 2030: mehr als 70.000</b>" in [a["text"] for a in figure["layout"]["annotations"]]


def test_the_page_is_built_once_per_data_version_and_language(testland_app, overview):
    first = render(testland_app, "overview")
    assert render(testland_app, "overview") is first
    assert render(testland_app, "overview", "de") is not first
    assert isinstance(find(first, overview.PATH_GRAPH), dcc.Graph)


@pytest.mark.parametrize("page", ["overview", "clusters", "about"])
def test_layouts_return_the_cached_page_in_the_json_form_dash_sends(testland_app, page):
    module = importlib.import_module(f"dashboard.pages.{page}")
    with testland_app.server.test_request_context("/?lang=de"):
        served = module.layout(lang="de")
        assert module.layout(lang="de") is served  # built and serialised once per data version
        with use_locale("de"):
            assert served == json.loads(to_json_plotly(module.page()))
    assert served["type"] == "Div" and served["namespace"] == "dash_html_components"


def test_without_goal_figures_the_page_says_so_in_readers_words(testland_app, overview, monkeypatch):
    monkeypatch.setattr(overview.goals, "pack_goal", lambda: None)
    text = words(render(testland_app, "overview"))
    assert "The figures for the goal are not loaded yet." in text
    assert "python" not in text and "etl" not in text


def test_the_badge_gives_the_latest_publication_date_not_the_load_date(testland_app):
    with testland_app.server.test_request_context("/"), use_locale("en"):
        badge = find(shell.shell(), shell.AS_OF).children
    assert badge == "Data as of 31 Mar 2025"  # testland-stats-2025, the newest source in use


# -- Saxony: its real figures -------------------------------------------------------------------------


def test_saxony_overview_shows_81000_in_2023_with_its_source(app):
    tree = render(app, "overview")
    jobs = words(find(tree, "overview-kpi-jobs"))
    assert "81,000" in jobs and "2023" in jobs
    assert "https://silicon-saxony.de/en/silicon-saxony-magnet-for-skilled-workers/" in links(tree)
    assert "81.000" in words(render(app, "overview", "de"))


def test_saxony_software_card_compares_with_the_associations_own_2022_release(app):
    # 2022 has the association's 32,550 and a press report of "more than 35,000": the headline rule
    # takes the association's release (etl.headline), so 40,000 in 2023 is +22.9 %, not a bound.
    card = words(find(render(app, "overview"), "overview-kpi-software"))
    assert "+22.9% since 2022" in card and "at most" not in card


def test_saxony_goal_is_silicon_saxonys_more_than_100000_and_the_press_wording_is_kept(app, overview):
    tree = render(app, "overview")
    verdict = words(find(tree, overview.VERDICT))
    assert verdict.startswith("Latest actual figure: 81,000 (2023).") and verdict.endswith("on track.")
    figure = find(tree, overview.PATH_GRAPH).figure
    texts_ = " ".join(a["text"] for a in figure["layout"]["annotations"])
    assert "<b>Goal 2030: more than 100,000</b>" in texts_
    assert "goal: Silicon Saxony e.V., projection, 11 Jun 2024" in texts_
    assert "Also published for 2030: 100,000 (Startup Mitteldeutschland" in texts_


def test_saxony_goals_table_lists_every_other_goal(app):
    text = words(render(app, "overview"))
    assert "Other goals and projections" in text
    assert (
        "950,000" in text and "more than 1,000,000" in text and "2028" in text
    )  # the GlobalFoundries target
    for needle in ("20,000", "480,000", "20.0%"):  # the 20,000-jobs, ESMC capacity and EU Chips Act goals
        assert needle in text
    assert "no actual values" in text


def test_production_serves_with_one_process_per_core_unless_configured(testland):
    from dashboard.serve import gunicorn_options

    default = gunicorn_options(testland)
    assert default["workers"] >= 1 and default["preload_app"] and default["worker_class"] == "gthread"
    assert gunicorn_options(testland.with_(workers=3, threads=2))["workers"] == 3
    assert gunicorn_options(testland.with_(port=9000))["bind"].endswith(":9000")
