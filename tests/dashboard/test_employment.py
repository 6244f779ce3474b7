"""/employment: series by field, per 1,000 inhabitants, official statistics, disagreeing sources.

Behaviour on the SYNTHETIC Testland pack; a few data tests of the Saxony pack's real figures at the end.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from dash import dcc, no_update

from dashboard.i18n import use_locale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import as_drawn, find, links, texts
from tests.test_region_literals import offences

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier"
ROOT = Path(__file__).resolve().parents[2]
OWN_MODULES = [
    "dashboard/pages/employment.py",
    "dashboard/components/employment.py",
    "dashboard/charts/employment.py",
    "dashboard/data/employment.py",
    "dashboard/data/population.py",
    "dashboard/data/sourcekinds.py",
    "etl/db/coverage.py",
]


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.employment")  # pages register after the app exists


def load(settings, tmp_path, *rows: str, name: str = "rows.csv") -> None:
    _file, result = pipeline.import_staff_file(
        settings, write(tmp_path / name, "\n".join([HEADER, *rows]) + "\n")
    )
    assert result.counts["new"] == len(rows)


def find_all(component, type_name: str) -> list:
    """Every component of one type (e.g. 'Tr') in a Dash tree (or a list of them), depth first."""
    if isinstance(component, (list, tuple)):
        return [found for part in component for found in find_all(part, type_name)]
    found = [component] if type(component).__name__ == type_name else []
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str):
        return found
    for child in children if isinstance(children, (list, tuple)) else [children]:
        found += find_all(child, type_name)
    return found


def words(component) -> str:
    parts = component if isinstance(component, list) else [component]
    return " ".join(" ".join(text for part in parts if part is not None for text in texts(part)).split())


def graph_in(box) -> dcc.Graph:
    return next(part for part in find_all(box, "Graph"))


def traces(box) -> dict[str, list[float]]:
    """Legend name -> y values of the (first) chart in `box`."""
    return {trace.name: [float(y) for y in trace.y] for trace in graph_in(box).figure.data}


def layout(app, page, query: str = "", **params):
    with app.server.test_request_context(f"/employment?{query}"), use_locale(params.get("lang", "en")):
        return as_drawn(page, page.layout(**params))


def test_default_view_shows_the_total_and_the_default_field_with_headline_figures(testland_app, page):
    tree = layout(testland_app, page, lang="en")
    series = traces(find(tree, page.CHART_BOX))
    assert set(series) == {"All fields", "All fields (target)", "Software"}
    assert series["All fields"] == [40000, 42000, 43500, 45000, 47000, 49500]  # 2022: preferred source
    assert series["Software"][-1] == 19000
    assert find(tree, page.SERIES).value == ["total", "software"]
    assert find(tree, page.REGION).value == "TLA" and find(tree, page.MEASURE).value == "abs"


def test_a_change_of_method_is_marked_on_the_chart_and_explained_below_it(testland_app, page):
    box = find(layout(testland_app, page), page.CHART_BOX)
    figure = graph_in(box).figure
    marks = [a for a in figure.layout.annotations if (a.name or "").startswith("break")]
    assert [a.text for a in marks] == ["Break in series"]
    assert "from 2022 the Test Cluster counts freelancers too" in marks[0].hovertext
    assert (
        "Breaks in the series: 2022: SYNTHETIC: from 2022 the Test Cluster counts freelancers too"
        in words(box)
    )


def test_disagreeing_sources_side_by_side_with_the_headline_marked_and_their_kinds(testland_app, page):
    table = find(layout(testland_app, page), page.CONFLICTS)
    rows = [" ".join(texts(row)) for row in find_all(table, "Tr")[1:]]
    assert len(rows) == 2
    assert "47,000" in rows[0] and "headline figure" in rows[0] and "SYNTHETIC annual report" not in rows[0]
    assert "46,000" in rows[1] and "headline figure" not in rows[1] and "earlier count" in rows[1]
    assert "(association)" in rows[0]  # the kind of each source
    assert "Test Cluster e. V. (SYNTHETIC)" in words(table)  # the preferred source is named
    assert "https://example.org/test-cluster/2024" in links(table)


def test_the_disagreement_table_is_bounded_and_says_how_many_more(testland_app, page, testland, tmp_path):
    years = range(2000, 2015)
    load(
        testland,
        tmp_path,
        *[
            f"employment.ict_micro,TLA,,{y},{30000 + y},persons,actual,test-cluster-2023,SYNTHETIC,"
            for y in years
        ],
        *[
            f"employment.ict_micro,TLA,,{y},{31000 + y},persons,actual,test-news-2024,SYNTHETIC,"
            for y in years
        ],
    )
    table = find(layout(testland_app, page), page.CONFLICTS)
    periods = {" ".join(texts(row)).split(" ")[2] for row in find_all(table, "Tr")[1:]}
    assert len(find_all(table, "Tr")) - 1 == 2 * 12 and len(periods) == 12  # the newest 12 periods
    assert "2022" in periods and "2000" not in periods
    assert "4 more periods with disagreeing sources are not listed here." in words(table)
    assert "/data?indicator=employment.ict_micro&region=TLA" in links(table)


def test_growth_rates_are_bounded_too(testland_app, page, testland, tmp_path):
    load(
        testland,
        tmp_path,
        *[
            f"employment.ict_micro_growth,TLA,,{y},1.5,percent,actual,test-cluster-2023,SYNTHETIC,"
            for y in range(1990, 2015)
        ],
    )
    table = find(layout(testland_app, page), page.GROWTH_BOX)
    assert len(find_all(table, "Tr")) - 1 == 20
    assert "+5.3%" in words(table)  # the newest figure stays
    assert "6 earlier growth rates are not listed here." in words(table)


def test_series_filter_changes_the_chart(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        box = page.update_chart(["hardware"], "TLA", "abs")
    assert traces(box) == {"Hardware": [9000, 9800]}


def test_no_series_selected_says_what_to_do(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        box = page.update_chart([], "TLA", "abs")
    assert traces(box) == {}
    assert "Select at least one series above." in graph_in(box).figure.layout.annotations[0].text
    assert find(box[0], page.GRAPH + "-export-menu") is None  # nothing to export


def test_per_1000_divides_by_the_nearest_population_and_says_which(testland_app, page):
    with testland_app.server.test_request_context("/employment"):
        box = page.update_chart(["total"], "TLA", "per1000")
    figure = graph_in(box).figure
    series = {trace.name: list(trace.y) for trace in figure.data}
    assert "All fields (target)" not in series  # a goal per today's population misleads
    assert series["All fields"][-1] == pytest.approx(49500 / 2_000_000 * 1000)
    assert series["All fields"][0] == pytest.approx(40000 / 2_000_000 * 1000)  # 2018: nearest is 2023
    subtitle = figure.layout.title.subtitle.text
    assert "Per 1,000 inhabitants; population of 2023" in subtitle
    assert "nearest available for 2018, 2019, 2020, 2021, 2022" in subtitle
    assert "Testland Statistical Office (SYNTHETIC)" in " ".join(a.text for a in figure.layout.annotations)


def test_population_on_1_january_pairs_with_the_year_before(testland_app, page, testland, tmp_path):
    """Eurostat's population on 1 January 2025 is the stock at the end of 2024: a 2024 figure divides
    by it, not by the population of 1 January 2024."""
    load(
        testland,
        tmp_path,
        "context.population,EU27_2020,,2024-01-01,440000000,persons,actual,testland-stats-2025,SYNTHETIC,",
        "context.population,EU27_2020,,2025-01-01,450000000,persons,actual,testland-stats-2025,SYNTHETIC,",
        "context.hightech_employment,EU27_2020,,2023,8800000,persons,actual,testland-stats-2025,SYNTHETIC,",
        "context.hightech_employment,EU27_2020,,2024,9000000,persons,actual,testland-stats-2025,SYNTHETIC,",
    )
    with testland_app.server.test_request_context("/employment"):
        official, *_ = page.update_region("EU27_2020", "per1000", None)
    figure = graph_in(official).figure
    assert [round(y, 2) for y in figure.data[0].y] == [20.0, 20.0]  # 8.8m / 440m and 9m / 450m
    subtitle = figure.layout.title.subtitle.text
    assert "population of 1 Jan 2024, 1 Jan 2025" in subtitle and "nearest" not in subtitle


def test_per_1000_without_population_says_so_in_the_readers_words(testland_app, page, testland, tmp_path):
    load(
        testland,
        tmp_path,
        "context.hightech_employment,EU27_2020,,2023,8800000,persons,actual,testland-stats-2025,,",
        "context.hightech_employment,EU27_2020,,2024,9000000,persons,actual,testland-stats-2025,,",
    )
    with testland_app.server.test_request_context("/employment"):
        box = page.update_chart(["total"], "ZZ", "per1000")  # an unknown region falls back to the home one
        assert "There are no population figures" not in words(box)
        with use_locale("de"):
            official = page.update_region("EU27_2020", "per1000", None)[0]
    assert "keine Bevölkerungszahlen" in words(official) and "Wechseln Sie zu absoluten Zahlen" in words(
        official
    )
    assert "python -m" not in words(official)


def test_official_statistics_chart_and_number_cards(testland_app, page):
    section = find(layout(testland_app, page), page.OFFICIAL_BOX)
    text = words(section)
    chart = traces(section)
    assert chart == {"Employees (official statistics)": [780000, 790000, 801000]}  # three periods: a chart
    card = find_all(section, "Card")
    assert len(card) == 1 and "High-tech employment" in words(card[0]) and "64,000" in words(card[0])  # one
    assert "(official statistics)" in words(card[0])
    assert (
        "Official series are not loaded yet: Persons employed in local units (official statistics)." in text
    )
    assert "python -m" not in text


def test_new_official_series_show_when_loaded_without_a_code_change(testland_app, page, testland, tmp_path):
    load(
        testland,
        tmp_path,
        *[
            f"employment.persons_employed_local_units,TLA,{field},{year},{value + 100 * n},persons,actual,"
            "testland-sbs-2025,SYNTHETIC,"
            for field, value in (("wz08-c26", 12000), ("wz08-j62", 21000))
            for n, year in enumerate((2021, 2022, 2023))
        ],
    )
    tree = layout(testland_app, page)
    assert "not loaded yet" not in words(find(tree, page.OFFICIAL_BOX))
    picker = find(tree, page.OFFICIAL_PICK)
    assert [option["value"] for option in picker.options] == [
        "context.employees_social_insurance",
        "employment.persons_employed_local_units",
    ]  # in the pack's order
    assert find(tree, page.OFFICIAL_PICKER).hidden is False
    with testland_app.server.test_request_context("/employment"):
        section, _options, chosen, hidden, *_ = page.update_region(
            "TLA", "abs", "employment.persons_employed_local_units"
        )
    assert chosen is no_update and hidden is False  # the reader's choice stays: nothing to redraw twice
    assert traces(section) == {
        "Electronics manufacturing": [12000, 12100, 12200],
        "IT services": [21000, 21100, 21200],
    }


def test_region_choice_includes_regions_with_official_figures_only(testland_app, page):
    tree = layout(testland_app, page)
    assert [option["value"] for option in find(tree, page.REGION).options] == ["TLA", "TL"]
    with testland_app.server.test_request_context("/employment"):
        box = page.update_chart(["total"], "TL", "abs")
        official, *_, conflicts, growth = page.update_region("TL", "abs", None)
    assert "No data for this selection." in graph_in(box).figure.layout.annotations[0].text
    assert "300,000" in words(official)
    assert "All sources agree" in words(conflicts) and "No published growth rates" in words(growth)


def test_url_state_round_trips_and_stale_values_fall_back(testland_app, page):
    query = {"breakdowns": "hardware,software", "region": "TLA", "measure": "per1000"}
    tree = layout(testland_app, page, **query)
    written = {  # what the clientside sync writes back: lists comma-joined, in the controls' order
        "breakdowns": ",".join(find(tree, page.SERIES).value),
        "region": find(tree, page.REGION).value,
        "measure": find(tree, page.MEASURE).value,
    }
    assert written == {"breakdowns": "software,hardware", "region": "TLA", "measure": "per1000"}
    fallback = layout(testland_app, page, lang="xx", breakdowns="nonsense", region="ZZ", measure="bogus")
    assert find(fallback, page.SERIES).value == ["total", "software"]
    assert find(fallback, page.REGION).value == "TLA" and find(fallback, page.MEASURE).value == "abs"


def test_german_page_has_german_text_and_numbers(testland_app, page):
    text = words(layout(testland_app, page, "lang=de", lang="de"))
    assert "Beschäftigung" in text and "Wo Quellen voneinander abweichen" in text and "47.000" in text
    assert "Leitzahl" in text and "+5,3 %" in text and "SYNTHETISCHE Branche: Softwareunternehmen" in text
    for english in ("Employment", "Where sources disagree", "headline figure", "Official statistics"):
        assert english not in text


def test_page_modules_stay_thin_and_name_no_region():
    assert len((ROOT / "dashboard/pages/employment.py").read_text().splitlines()) <= 200
    assert [offence for path in OWN_MODULES for offence in offences(ROOT / path)] == []


# --- the Saxony pack: its real figures ---------------------------------------------------------


@pytest.fixture
def saxony(app):
    return importlib.import_module("dashboard.pages.employment")


def test_saxony_headline_series_and_disagreements(app, saxony):
    tree = layout(app, saxony, lang="en")
    series = traces(find(tree, saxony.CHART_BOX))
    assert series["All microelectronics/ICT"][-1] == 81000 and series["Software"][-1] == 40000
    assert 76100 in series["All microelectronics/ICT"] and 73000 not in series["All microelectronics/ICT"]
    table = find(tree, saxony.CONFLICTS)
    for figure in ("76,100", "73,000", "more than 35,000", "32,550", "reference year probably 2021"):
        assert figure in words(table)
    rows = [" ".join(texts(row)) for row in find_all(table, "Tr")[1:]]
    marked = [row for row in rows if "headline figure" in row]
    # 76,100 from the preferred source; for software the primary source (the association's release,
    # reprinted by reinraum.de) wins over the newer press report.
    assert len(marked) == 2 and "76,100" in marked[0]
    assert "32,550" in marked[1] and "reinraum.de" in marked[1] and "more than 35,000" not in marked[1]


def test_saxony_break_between_the_smwa_and_the_silicon_saxony_counts(app, saxony):
    figure = graph_in(find(layout(app, saxony), saxony.CHART_BOX)).figure
    line = figure.layout.shapes[0]
    assert str(line.x0).startswith("2016-07")  # between the SMWA figure of 2016 and Silicon Saxony's of 2017
    assert any("SMWA/imreg" in (a.hovertext or "") for a in figure.layout.annotations)


def test_saxony_per_1000_uses_the_nearest_population(app, saxony):
    with app.server.test_request_context("/employment"):
        box = saxony.update_chart(["total"], "DED", "per1000")
    values = next(trace.y for trace in graph_in(box).figure.data if trace.name == "All microelectronics/ICT")
    assert values[-1] == pytest.approx(81000 / 4090000 * 1000, abs=0.01)
    assert values[0] == pytest.approx(51660 / 4071971 * 1000, abs=0.01)


def test_saxony_official_figure_with_one_period_is_a_number_card(app, saxony):
    section = find(layout(app, saxony), saxony.OFFICIAL_BOX)
    assert find_all(section, "Graph") == []
    assert "more than 1,600,000" in words(find_all(section, "Card")[0])
