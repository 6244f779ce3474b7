"""/clusters: members over time, partners, events and a sourced profile per cluster, hub and initiative."""

from __future__ import annotations

import importlib

import pytest
from dash import dcc

from tests.dashboard.test_employment import find, find_all
from tests.dashboard.tree import links, texts

TAG24 = "https://www.tag24.de/sachsen/25-jahre-silicon-saxony-so-ist-der-stand-der-dinge-3470009"
GLOBALSMT = "https://globalsmt.de/industrie_news/silicon-saxony-feiert-20-jaehriges-jubilaeum/"


@pytest.fixture
def page(app):
    return importlib.import_module("dashboard.pages.clusters")  # pages register after the app exists


@pytest.fixture
def tree_en(app, page):
    with app.server.test_request_context("/clusters"):
        return page.layout(lang="en")


def words(component) -> str:
    return " ".join(texts(component))


def flat(component) -> str:
    """Texts joined as the browser shows inline elements (no extra spaces)."""
    return "".join(texts(component))


def traces(tree, graph_id: str) -> dict[str, tuple[list[int], list[float]]]:
    """Legend name -> (years, values) of one graph."""
    graph = find(tree, graph_id)
    assert isinstance(graph, dcc.Graph)
    return {
        trace.name: ([int(str(x)[:4]) for x in trace.x], [float(y) for y in trace.y])
        for trace in graph.figure.data
    }


def test_headline_cards_show_latest_figures_with_qualifier_and_source(tree_en, page):
    members = find(tree_en, "clusters-kpi-members")
    assert "650" in words(members) and "2026" in words(members) and TAG24 in links(members)
    partners = words(find(tree_en, "clusters-kpi-partners"))
    assert "more than" in partners and "650" in partners and "2023" in partners
    assert "12" in words(find(tree_en, "clusters-kpi-locations"))
    assert "20" in words(find(tree_en, "clusters-kpi-founding"))
    day = words(find(tree_en, "clusters-kpi-day"))
    assert "more than" in day and "700" in day and "2024" in day


def test_members_over_time_start_with_the_founding_members(tree_en, page):
    series = traces(tree_en, page.MEMBERS_GRAPH)
    assert series["Members"] == ([2019, 2020, 2024, 2026], [350, 375, 555, 650])
    assert series["Founding members"] == ([2000], [20])
    graph = find(tree_en, page.MEMBERS_GRAPH)
    assert "founded in 2000 by 20 members" in graph.figure.layout.title.subtitle.text
    assert graph.config["toImageButtonOptions"]["filename"] == "silicon-saxony-members-2000-2026"


def test_event_participants_by_event_and_year(tree_en, page):
    series = traces(tree_en, page.EVENTS_GRAPH)
    assert series["Silicon Saxony Day"] == ([2017, 2019, 2022, 2023, 2024], [400, 400, 400, 600, 700])
    assert series["HUB:DISRUPT"] == ([2023], [200])


def test_one_profile_per_cluster_hub_and_initiative(tree_en):
    cards = {
        card.id: card for card in find_all(tree_en, "Card") if str(card.id).startswith("clusters-profile-")
    }
    assert set(cards) == {
        "clusters-profile-silicon-saxony",
        "clusters-profile-smart-systems-hub",
        "clusters-profile-digital-hub-initiative",
    }
    silicon = cards["clusters-profile-silicon-saxony"]
    assert "https://silicon-saxony.de" in links(silicon)
    assert "Founded2000 (GlobalSMT (Silicon Saxony release))" in flat(silicon)  # the founding members' source
    assert GLOBALSMT in links(silicon)
    assert "Cluster members: 650 members (2026), TAG24" in flat(silicon)
    assert "Silicon Saxony Day: Event participants: more than 700 participants (2024)" in flat(silicon)
    hub = flat(cards["clusters-profile-smart-systems-hub"])
    assert (
        "Founded2018 (Silicon Saxony e.V. (SMWA release))" in hub
        and "Part of" in hub
        and "Digital Hub Initiative (de:hub)" in hub
    )
    assert "more than 650 partners (2023)" in hub
    assert "up to €4.2m (2023, announcement)" in hub  # announced funding is marked as such
    assert "HUB:DISRUPT: Event participants: about 200 participants (2023)" in hub
    initiative = flat(cards["clusters-profile-digital-hub-initiative"])
    assert "Hub locations" in initiative and ": 12 (2023)" in initiative
    assert "twelve digital hubs" in initiative


def test_profiles_list_their_sources(tree_en):
    hub = find(tree_en, "clusters-profile-smart-systems-hub")
    summary = find_all(hub, "Summary")[0]
    assert summary.children == "Sources used (4)"
    assert all(link.startswith("http") for link in links(hub))


def test_german_page(app, page):
    with app.server.test_request_context("/clusters?lang=de"):
        text = words(page.layout(lang="de"))
    assert "Cluster und Netzwerke" in text and "Steckbriefe" in text
    assert "mehr als 650 Partner (2023)" in text and "bis zu 4,2 Mio. € (2023, Ankündigung)" in text
    assert "Gegründet" in text and "Teil von" in text and "Verwendete Quellen (8)" in text
    assert "Silicon Saxony e. V." in text  # the entity's German name
    assert "Hightech-Branchenverband in Sachsen" in text  # German description
    assert "members" not in text
