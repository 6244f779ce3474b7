"""/employment: series by sector, per 1,000 inhabitants, official statistics, disagreeing sources."""

from __future__ import annotations

import importlib

import pytest
from dash import dcc

from dashboard.components.urlstate import split_list
from tests.dashboard.tree import find, links, texts

SILICON_SAXONY_2023 = (
    "https://silicon-saxony.de/en/billions-in-investment-attract-skilled-workers-to-silicon-saxony/"
)
REINRAUM = "https://reinraum.de/news.html?id=8227"
COMMAND = "python -m etl run genesis eurostat"


@pytest.fixture
def page(app):
    return importlib.import_module("dashboard.pages.employment")  # pages register after the app exists


def find_all(component, type_name: str) -> list:
    """Every component of one type (e.g. 'Tr') in a Dash tree, depth first."""
    found = [component] if type(component).__name__ == type_name else []
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str):
        return found
    for child in children if isinstance(children, (list, tuple)) else [children]:
        found += find_all(child, type_name)
    return found


def words(component) -> str:
    return " ".join(texts(component))


def traces(box) -> dict[str, list[float]]:
    """Legend name -> y values of the chart card in `box`."""
    graph = next(part for part in box.children if isinstance(part, dcc.Graph))
    return {trace.name: [float(y) for y in trace.y] for trace in graph.figure.data}


def test_default_view_shows_total_and_software_with_the_headline_figures(app, page):
    with app.server.test_request_context("/employment"):
        tree = page.layout(lang="en")
    series = traces(find(tree, page.CHART_BOX).children)
    assert set(series) == {"All microelectronics/ICT", "All microelectronics/ICT (target)", "Software"}
    assert series["All microelectronics/ICT"][-1] == 81000  # 2023, Silicon Saxony
    assert 76100 in series["All microelectronics/ICT"] and 73000 not in series["All microelectronics/ICT"]
    assert series["Software"][-1] == 40000
    assert find(tree, page.SERIES).value == ["total", "software"]
    assert find(tree, page.REGION).value == "DED" and find(tree, page.MEASURE).value == "abs"


def test_disagreeing_sources_are_listed_side_by_side_with_the_headline_marked(app, page):
    with app.server.test_request_context("/employment"):
        table = page.conflicts_table("DED", "en")
    text = words(table)
    for figure in ("76,100", "73,000", "more than 35,000", "32,550"):
        assert figure in text
    rows = [" ".join(texts(row)) for row in find_all(table, "Tr")[1:]]
    marked = [row for row in rows if "headline figure" in row]
    # 76,100 from the preferred source; for software the primary source (the association's release,
    # reprinted by reinraum.de) wins over the newer press report.
    assert len(rows) == 4 and len(marked) == 2
    assert "76,100" in rows[0] and "Silicon Saxony e.V." in rows[0] and "73,000" in rows[1]  # headline first
    assert "32,550" in rows[2] and "reinraum.de" in rows[2] and "more than 35,000" in rows[3]
    assert marked == [rows[0], rows[2]]
    assert "reference year probably 2021" in text  # each source's note
    assert {SILICON_SAXONY_2023, REINRAUM} <= set(links(table))
    assert "Silicon Saxony e.V." in text  # the preferred source is named


def test_german_page_uses_german_numbers_and_catalogue_definitions(app, page):
    with app.server.test_request_context("/employment?lang=de"):
        text = words(page.layout(lang="de"))
    assert "76.100" in text and "73.000" in text and "mehr als 35.000" in text and "Leitzahl" in text
    assert "+4,2 %" in text and "+6,4 %" in text  # growth figures
    assert "Halbleiterfirmen im engeren Sinne: Hersteller elektronischer Bauelemente" in text
    assert "Die Abgrenzungen der Herausgeber unterscheiden sich." in text
    assert "Beschäftigung" in text and "Employment" not in text


def test_series_filter_changes_the_chart(app, page):
    with app.server.test_request_context("/employment"):
        box = page.update_chart(["semiconductors", "microelectronics"], "DED", "abs", "en")
    series = traces(box)
    assert set(series) == {"Semiconductor industry", "Microelectronics"}
    assert series["Semiconductor industry"] == [21000, 26000]
    assert series["Microelectronics"] == [24970]


def test_no_series_selected_says_what_to_do(app, page):
    with app.server.test_request_context("/employment"):
        box = page.update_chart([], "DED", "abs", "en")
    assert traces(box) == {}
    assert "Select at least one series above." in box.children[0].figure.layout.annotations[0].text


def test_per_1000_divides_by_the_nearest_population_year_and_says_which(app, page):
    with app.server.test_request_context("/employment"):
        box = page.update_chart(["total", "software"], "DED", "per1000", "en")
    graph = box.children[0]
    series = {trace.name: list(trace.y) for trace in graph.figure.data}
    assert "All microelectronics/ICT (target)" not in series  # a 2030 goal per today's population misleads
    assert series["All microelectronics/ICT"][-1] == pytest.approx(81000 / 4090000 * 1000, abs=0.01)
    assert series["All microelectronics/ICT"][0] == pytest.approx(51660 / 4071971 * 1000, abs=0.01)
    subtitle = graph.figure.layout.title.subtitle.text
    assert "Per 1,000 inhabitants" in subtitle and "2019, 2020, 2022, 2023" in subtitle
    assert "nearest available year for 2012, 2014, 2016, 2017" in subtitle
    assert graph.figure.layout.yaxis.title.text == "per 1,000 inhabitants"


def test_per_1000_without_population_shows_an_empty_state(app, page):
    with app.server.test_request_context("/employment"):
        box = page.update_chart(["total"], "DED2", "per1000", "en")
        official, _, _ = page.update_region("DED2", "per1000", "en")
    text = words(box)
    assert "no population figures for Dresden (statistical region)" in text and COMMAND in text
    assert "Switch to absolute numbers" in text
    assert COMMAND in " ".join(words(part) for part in official)


def test_official_statistics_next_to_association_figures(app, page):
    with app.server.test_request_context("/employment"):
        parts = page.official_section("DED", "abs", "en")
    text = " ".join(words(part) for part in parts)
    assert "Employees subject to social insurance: more than 1,600,000 (2022)" in text
    assert "Employment in high-tech sectors" in text and COMMAND in text  # not loaded by the seed
    chart = next(part for part in parts if find(part, page.OFFICIAL_GRAPH) is not None)
    assert traces(chart) == {"Employees subject to social insurance": [1600000]}


def test_growth_rates_name_their_sources(app, page):
    with app.server.test_request_context("/employment"):
        table = page.growth_table("DED", "en")
    text = words(table)
    assert "+4.2%" in text and "+6.4%" in text and "+7.6%" in text
    assert "https://silicon-saxony.de/en/silicon-saxony-magnet-for-skilled-workers/" in links(table)


def test_region_without_data_says_so(app, page):
    with app.server.test_request_context("/employment"):
        _, conflicts, growth = page.update_region("DED2", "abs", "en")
    assert "All sources agree" in words(conflicts)
    assert "No published growth rates" in words(growth)


def test_url_state_round_trips(app, page):
    query = {"breakdowns": "software,semiconductors", "region": "DED", "measure": "per1000"}
    with app.server.test_request_context("/employment"):
        tree = page.layout(lang="en", **query)
        # What the clientside sync writes back: lists comma-joined, in the controls' order.
        written = {
            "breakdowns": ",".join(find(tree, page.SERIES).value),
            "region": find(tree, page.REGION).value,
            "measure": find(tree, page.MEASURE).value,
        }
        assert written == query
        assert split_list(written["breakdowns"]) == ["software", "semiconductors"]
        assert find(tree, page.URL_STORE) is not None
        assert find(tree, page.LANG).data == "en"
        fallback = page.layout(lang="xx", breakdowns="nonsense", region="ZZ", measure="bogus")
    assert find(fallback, page.SERIES).value == ["total", "software"]
    assert find(fallback, page.REGION).value == "DED" and find(fallback, page.MEASURE).value == "abs"


def test_figure_file_names_say_what_they_hold(app, page):
    with app.server.test_request_context("/employment"):
        box = page.update_chart(["total", "software"], "DED", "per1000", "en")
        single = page.update_chart(["software"], "DED", "abs", "en")
    filename = box.children[0].config["toImageButtonOptions"]["filename"]
    assert filename == "saxony-ict-employment-by-field-per-1000-2012-2023"
    assert (
        single.children[0].config["toImageButtonOptions"]["filename"]
        == "saxony-software-employment-2014-2023"
    )
