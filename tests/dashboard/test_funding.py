"""/funding: the cited investments and decisions in the timeline, the table and honest totals."""

from __future__ import annotations

import importlib

import pytest
from dash import html

from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import find, links, texts

ESMC_AID_URL = "https://competition-policy.ec.europa.eu/state-aid/latest-news_en?prefLang=hr"


@pytest.fixture
def page(app):
    return importlib.import_module("dashboard.pages.funding")


def words(component) -> str:
    return " | ".join(texts(html.Div(component)))  # a Div also takes the lists callbacks return


def render(
    app, page, lang="en", types=("investment", "public", "jobs"), scope="saxony", entity=None, total=None
):
    with app.server.test_request_context(f"/funding?lang={lang}"):
        return page.render(list(types), scope, entity, total or page.DEFAULT_TOTAL, lang)


def test_saxon_projects_with_amounts_qualifiers_statuses_and_sources(app, page):
    with app.server.test_request_context("/funding"):
        tree = page.layout(lang="en")
    text = words(tree)
    for expected in ("ESMC", "€5bn", "more than €10bn", "about 2,000", "€920m", "up to €4.2m", "€5.3m"):
        assert expected in text
    assert (
        "approved" in text and "announced" in text and "operational since 2021" in text
    )  # Bosch 2017 -> 2021
    assert ESMC_AID_URL in links(tree)
    assert "€8.1bn" not in text  # the EU-wide IPCEI only with scope=eu


def test_german_formatting_and_labels(app, page):
    with app.server.test_request_context("/funding?lang=de"):
        text = words(page.layout(lang="de"))
    for expected in (
        "5 Mrd. €",
        "mehr als 10 Mrd. €",
        "rund 2.000",
        "920 Mio. €",
        "genehmigt",
        "angekündigt",
    ):
        assert expected in text
    assert "in Betrieb seit 2021" in text and "Summen nach Jahr" in text


def test_timeline_draws_money_by_indicator_and_announcements_open(app, page):
    _info, timeline, _table, _totals = render(app, page)
    figure = timeline.children[0].figure
    names = {trace.name for trace in figure.data}
    assert {"State aid approved", "Investment", "Public funding"} <= names
    aid = next(trace for trace in figure.data if trace.name == "State aid approved")
    assert sorted(aid.marker.size) == [920_000_000, 5_000_000_000]
    investment = next(trace for trace in figure.data if trace.name == "Investment")
    assert "circle-open" in investment.marker.symbol and "circle" in investment.marker.symbol


def test_type_filter_changes_chart_and_table(app, page):
    _info, timeline, table, _totals = render(app, page, types=["public"])
    names = {trace.name for trace in timeline.children[0].figure.data}
    assert names == {"State aid approved", "Public funding"}
    text = words(table)
    assert "€5bn" in text and "more than €10bn" not in text and "Jobs announced" not in text
    _info, timeline, table, _totals = render(app, page, types=["jobs"])
    assert "about 2,000" in words(table) and "up to 700" in words(table)
    assert not timeline.children[0].figure.data  # jobs are no money: the timeline says so instead


def test_eu_scope_adds_eu_wide_programmes_on_their_own_line(app, page):
    _info, timeline, table, totals = render(app, page, scope="eu")
    assert "up to €8.1bn" in words(table) and "EU-wide" in words(table)
    rows = [str(y) for trace in timeline.children[0].figure.data for y in trace.y]
    assert "IPCEI ME/CT" in rows and "IPCEI ME/CT (EU-wide)" in rows
    assert "EU-wide programmes" in words(totals)  # counted apart from Saxony, never added to it


def test_entity_filter_and_entity_description(app, page):
    info, timeline, table, _totals = render(app, page, entity="bosch-dresden-fab")
    text = words(table)
    assert "Bosch wafer fab Dresden" in text and "ESMC" not in text
    assert "operational" in text and "operational since 2021" in text
    assert "opened in June 2021" in words(info)
    assert {str(y) for trace in timeline.children[0].figure.data for y in trace.y} == {
        "Bosch wafer fab Dresden"
    }


def test_totals_per_indicator_without_double_counting(app, page):
    _info, _timeline, _table, totals = render(app, page)
    text = words(totals)
    assert "never as one grand total" in text and "€920m of State aid" in text
    # State aid: ESMC 5.0bn + Infineon 0.92bn; investment: ESMC 10bn + Infineon 5bn + Bosch 1bn once
    # (the 2017 announcement is superseded by the 2021 actual figure).
    assert "€5.9bn" in text and "€16bn *" in text
    # Programme money (IPCEI: 795m, the 877m announcement superseded) is kept apart from project money.
    assert "Programmes in Saxony" in text and "€795m" in text and "€877m" not in text
    chart = totals[1].children[0].figure
    assert [list(trace.x) for trace in chart.data] == [[2024, 2025]]
    assert "State aid approved per year" in chart.layout.title.text


def test_totals_chart_follows_the_chosen_indicator(app, page):
    _info, _timeline, _table, totals = render(app, page, total="funding.investment_eur")
    chart = totals[1].children[0].figure
    years = sorted(int(x) for trace in chart.data for x in trace.x)
    assert years == [2021, 2022, 2023]  # Bosch counted in 2021 (actual), not again in 2017


def test_url_state_round_trips(app, page):
    with app.server.test_request_context(
        "/funding?types=public&scope=eu&entity=ipcei-mect&total=funding.state_aid_eur"
    ):
        tree = page.layout(
            lang="en", types="public", scope="eu", entity="ipcei-mect", total="funding.state_aid_eur"
        )
    assert find(tree, page.TYPES_ID).value == ["public"]
    assert find(tree, page.SCOPE_ID).value == "eu"
    assert find(tree, page.ENTITY_ID).value == "ipcei-mect"
    assert "Second microelectronics IPCEI" in words(find(tree, page.INFO_BOX))


def test_unknown_url_values_fall_back_to_defaults(app, page):
    with app.server.test_request_context("/funding?types=bogus&scope=mars&entity=nobody"):
        tree = page.layout(lang="en", types="bogus", scope="mars", entity="nobody", total="nothing")
    assert find(tree, page.TYPES_ID).value == ["investment", "public", "jobs"]
    assert find(tree, page.SCOPE_ID).value == "saxony"
    assert find(tree, page.ENTITY_ID).value is None
    assert find(tree, page.TOTAL_ID).value == "funding.state_aid_eur"


def test_choices_follow_type_and_scope(app, page):
    with app.server.test_request_context("/funding"):
        entities, entity, totals, total = page.update_choices(["jobs"], "saxony", "ipcei-mect", None, "en")
    assert {option["value"] for option in entities} == {
        "esmc",
        "infineon-smart-power-fab",
        "bosch-dresden-fab",
    }
    assert entity is None and totals == [] and total is None
    with app.server.test_request_context("/funding"):
        _entities, entity, totals, total = page.update_choices(
            ["investment", "public"], "saxony", "bosch-dresden-fab", "funding.state_aid_eur", "en"
        )
    assert entity == "bosch-dresden-fab"  # Bosch had no State aid: the totals offer what it has
    assert [option["value"] for option in totals] == [
        "funding.investment_eur",
        "funding.expansion_investment_eur",
    ]
    assert total == "funding.investment_eur"


def test_eu_programmes_empty_state_names_the_command(app, page):
    with app.server.test_request_context("/funding"):
        text = words(page.layout(lang="en"))
    assert "No EU programme data is loaded yet" in text and "python -m etl run kohesio cordis" in text


def test_eu_programmes_from_connectors(app, page, sqlite_seeded, tmp_path):
    rows = [
        "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
        "funding.eu_cohesion_eur,DED,,2022,12000000,EUR,actual,kohesio,,",
        "funding.eu_cohesion_eur,DED,,2023,30000000,EUR,actual,kohesio,,",
        "funding.horizon_europe_eur,DED,,2023,8000000,EUR,actual,cordis,,",
        "funding.eu_cohesion_eur,DED21,,2023,20000000,EUR,actual,kohesio,,",
        "funding.horizon_europe_eur,DED,barkhausen-institut,2023,2500000,EUR,actual,cordis,,",
    ]
    _file, result = pipeline.import_staff_file(
        sqlite_seeded, write(tmp_path / "eu.csv", "\n".join(rows) + "\n")
    )
    assert result.counts["new"] == 5
    with app.server.test_request_context("/funding?lang=de"):
        section = page.eu_section("de")
    text = words(section)
    assert "python -m etl run kohesio cordis" not in text
    assert "Barkhausen Institut" in text and "2,5 Mio. €" in text and "Größte Empfänger in Sachsen" in text
    assert "/regions?indicator=funding.eu_cohesion_eur&lang=de" in links(html.Div(section))
    chart = section[0].children[0].figure
    totals = {trace.name: list(trace.y) for trace in chart.data}
    assert totals == {
        "EU-Kohäsionsmittel": [12.0, 30.0],
        "Horizon-Europe-Fördermittel": [8.0],
    }  # € million, DED only
