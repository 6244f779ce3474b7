"""/clusters: the pack's cards, members over time with the founding as a note, event participants and a
sourced profile of every entity the pack names. Behaviour on Testland, real figures on Saxony."""

from __future__ import annotations

import base64
import importlib
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.data import cache
from dashboard.i18n import use_locale
from tests.dashboard.test_employment import find_all
from tests.dashboard.tree import find, links, texts

TAG24 = "https://www.tag24.de/sachsen/25-jahre-silicon-saxony-so-ist-der-stand-der-dinge-3470009"
GLOBALSMT = "https://globalsmt.de/industrie_news/silicon-saxony-feiert-20-jaehriges-jubilaeum/"


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear_all()
    yield
    cache.clear_all()


def render(app, lang: str = "en"):
    page = importlib.import_module("dashboard.pages.clusters")  # pages register after the app exists
    with app.server.test_request_context(f"/clusters?lang={lang}"), use_locale(lang):
        return page.page()


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.clusters")


@pytest.fixture
def tree_en(testland_app, page):
    return render(testland_app)


def words(component) -> str:
    return " ".join(texts(component))


def flat(component) -> str:
    """Texts joined as the browser shows inline elements (no extra spaces)."""
    return "".join(texts(component))


def figure(tree, graph_id: str) -> go.Figure:
    return go.Figure(find(tree, graph_id).figure)  # the page keeps figures as plain dicts


def numbers(values) -> list:
    """Plotly stores numeric arrays as {'dtype', 'bdata'} (base64) in a figure's plain form."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def traces(tree, graph_id: str) -> dict[str, tuple[list[int], list[float]]]:
    """Legend name -> (years, values) of one graph."""
    return {
        trace.name: ([int(str(x)[:4]) for x in numbers(trace.x)], [float(y) for y in numbers(trace.y)])
        for trace in figure(tree, graph_id).data
    }


# -- Testland: behaviour -------------------------------------------------------------------------------


def test_cards_follow_the_pack_with_qualifier_and_source(tree_en):
    cards = [card.id for card in find_all(tree_en, "Card") if str(card.id).startswith("clusters-kpi-")]
    assert cards == ["clusters-kpi-members", "clusters-kpi-partners", "clusters-kpi-day"]
    members = words(find(tree_en, "clusters-kpi-members"))
    assert "402" in members and "2024" in members and "+5.8% since 2023" in members
    partners = words(find(tree_en, "clusters-kpi-partners"))
    assert (
        "more than" in partners
        and "120" in partners
        and "https://example.org/news" in links(find(tree_en, "clusters-kpi-partners"))
    )


def test_founding_members_are_a_note_not_a_point_that_stretches_the_axis(tree_en, page):
    series = traces(tree_en, page.MEMBERS_GRAPH)
    assert series == {"Members": ([2019, 2021, 2023, 2024], [300, 340, 380, 402])}  # no 2005 point
    drawn = figure(tree_en, page.MEMBERS_GRAPH)
    notes = {a.name: a.text for a in drawn.layout.annotations}
    note = re.sub(r"<[^>]+>", " ", notes["founding"]).split()
    assert " ".join(note) == "Founded in 2005 by 18 members Source: Test Cluster e. V. (SYNTHETIC)"
    assert drawn.layout.title.subtitle.text == "Member organisations, 2019–2024"
    assert (
        find(tree_en, page.MEMBERS_GRAPH).config["toImageButtonOptions"]["filename"]
        == "test-cluster-members-2019-2024"
    )


def test_events_are_those_of_the_profiled_clusters(tree_en, page):
    assert traces(tree_en, page.EVENTS_GRAPH) == {"Test Day": ([2022, 2023, 2024], [900, 1100, 1250])}


def test_chart_footers_give_the_date_of_the_data_shown(tree_en, page):
    footers = [
        a.text for a in figure(tree_en, page.MEMBERS_GRAPH).layout.annotations if a.name.startswith("footer")
    ]
    assert "Data as of 15 Jun 2024" in footers  # the newest source of the members series, not the load date


def test_one_profile_per_entity_the_pack_names_in_its_order(tree_en):
    cards = [card.id for card in find_all(tree_en, "Card") if str(card.id).startswith("clusters-profile-")]
    assert cards == ["clusters-profile-test-cluster", "clusters-profile-test-hub"]
    cluster = flat(find(tree_en, "clusters-profile-test-cluster"))
    assert "Founded2005 (Test Cluster e. V. (SYNTHETIC))" in cluster  # the founding members' source
    assert "Cluster members: 402 members (2024), Test Cluster e. V. (SYNTHETIC)" in cluster
    assert "Test Day: Event participants: 1,250 participants (2024)" in cluster
    assert "https://example.org/test-cluster" in links(find(tree_en, "clusters-profile-test-cluster"))
    hub = flat(find(tree_en, "clusters-profile-test-hub"))
    assert "Founded2017" in hub and "more than 120 partners (2024)" in hub
    assert "up to €4.5m (2022)" in hub
    summary = find_all(find(tree_en, "clusters-profile-test-hub"), "Summary")[0]
    assert summary.children == "Sources used (2)"


def test_german_page(testland_app):
    text = words(render(testland_app, "de"))
    assert "Cluster und Netzwerke" in text and "Steckbriefe" in text and "Gegründet" in text
    assert "mehr als 120 Partner (2024)" in text and "bis zu 4,5 Mio. € (2022)" in text
    assert "SYNTHETISCHER Clusterverband in Testshire." in text  # the German description
    assert "Test Cluster e. V." in text  # the entity's German name


# -- Saxony: its real figures ----------------------------------------------------------------------------


def test_saxony_cards_and_members(app, page):
    tree = render(app)
    assert "650" in words(find(tree, "clusters-kpi-members")) and TAG24 in links(
        find(tree, "clusters-kpi-members")
    )
    partners = words(find(tree, "clusters-kpi-partners"))
    assert "more than" in partners and "650" in partners and "2023" in partners
    assert "12" in words(find(tree, "clusters-kpi-locations"))
    assert traces(tree, page.MEMBERS_GRAPH)["Members"] == ([2019, 2020, 2024, 2026], [350, 375, 555, 650])
    notes = {a.name: a.text for a in figure(tree, page.MEMBERS_GRAPH).layout.annotations}
    assert notes["founding"].startswith("Founded in 2000 by 20<br>members")


def test_saxony_events_and_profiles(app, page):
    tree = render(app)
    series = traces(tree, page.EVENTS_GRAPH)
    assert series["Silicon Saxony Day"] == ([2017, 2019, 2022, 2023, 2024], [400, 400, 400, 600, 700])
    assert series["HUB:DISRUPT"] == ([2023], [200])
    silicon = flat(find(tree, "clusters-profile-silicon-saxony"))
    assert "Founded2000 (GlobalSMT (Silicon Saxony release))" in silicon and GLOBALSMT in links(tree)
    hub = flat(find(tree, "clusters-profile-smart-systems-hub"))
    assert "Digital Hub Initiative (de:hub)" in hub and "up to €4.2m (2023, announcement)" in hub
    initiative = flat(find(tree, "clusters-profile-digital-hub-initiative"))
    assert ": 12 (2023)" in initiative and "twelve digital hubs" in initiative
