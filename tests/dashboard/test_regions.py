"""/regions: comparable slices from SQL, periods as published, highlight, per capita, source kinds,
the district map from the pack's boundaries. Behaviour on the SYNTHETIC Testland pack; data tests of
the Saxony pack's real figures at the end."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from dash import html

from dashboard.i18n import use_locale
from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import find, first_graph, links, page_request, texts
from tests.test_region_literals import offences

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier"
ROOT = Path(__file__).resolve().parents[2]
OWN_MODULES = [
    "dashboard/pages/regions.py",
    "dashboard/components/regions.py",
    "dashboard/charts/regions.py",
    "dashboard/data/comparison.py",
    "dashboard/data/boundaries.py",
    "dashboard/data/percapita.py",
    "etl/db/comparison.py",
]
DISTRICTS = {"TLA11", "TLA12", "TLA21", "TLA22"}
SYNTHETIC_NOTICE = "SYNTHETIC boundaries for tests (four squares); not a real place."


@pytest.fixture
def page(testland_app):
    return importlib.import_module("dashboard.pages.regions")


def load(settings, tmp_path, *rows: str) -> None:
    _file, result = pipeline.import_staff_file(
        settings, write(tmp_path / "rows.csv", "\n".join([HEADER, *rows]) + "\n")
    )
    assert result.counts["new"] == len(rows)


def words(component) -> str:
    return " ".join(" | ".join(texts(html.Div(component))).split())


def render(
    app,
    page,
    indicator="context.population",
    period="2024",
    breakdown=None,
    highlight="TLA11",
    per_capita=(),
    lang="en",
):
    with app.server.test_request_context(f"/regions?lang={lang}"), use_locale(lang):
        return page.render(indicator, period, breakdown, highlight, list(per_capita))


def bars(result):
    return first_graph(result[0][0]).figure


def the_map(result):
    return first_graph(result[1][0]).figure


def labels(figure) -> list[str]:
    return [a.text for a in figure.layout.annotations if (a.name or "").startswith("region-")]


def test_indicators_offered_are_those_with_two_or_more_regions(testland_app, page):
    with testland_app.server.test_request_context("/regions"):
        tree = page.layout()
    offered = {option["value"] for option in find(tree, page.INDICATOR_ID).options}
    assert offered == {"context.population", "context.hightech_employment"}  # employment: one region only


def test_default_view_compares_every_region_with_the_pack_highlight(testland_app, page):
    with testland_app.server.test_request_context("/regions?lang=de"):
        tree = page.layout(lang="de")
    assert find(tree, page.INDICATOR_ID).value == "context.population"
    period = find(tree, page.PERIOD_ID)
    assert period.value == "2024" and period.options[0]["label"] == "2024 · 8 Regionen"
    assert find(tree, page.HIGHLIGHT_ID).value == "TLA11"
    text = words(tree)
    assert "707.000" in text and "Alphaville, Stadt" in text and "(amtliche Statistik)" in text
    assert "https://example.org/stats" in links(tree)


def test_every_region_is_named_above_its_bar_and_the_highlight_in_bold(testland_app, page):
    figure = bars(render(testland_app, page))
    names = labels(figure)
    assert len(names) == 8 and "<b>Alphaville, city</b>" in names
    assert figure.layout.yaxis.showticklabels is False  # names above the bars, never thinned out
    colors = dict(zip(figure.data[0].y, figure.data[0].marker.color, strict=True))
    assert colors["Alphaville, city"] != colors["Betaford, district"]


def test_highlight_can_be_switched_off_or_moved(testland_app, page):
    assert len(set(bars(render(testland_app, page, highlight="none")).data[0].marker.color)) == 1
    moved = render(testland_app, page, highlight="TLA21")
    assert moved[4] == "TLA21" and "<b>Gammaburg, city</b>" in labels(bars(moved))
    stale = render(testland_app, page, indicator="context.hightech_employment", period="2023", highlight=None)
    assert stale[4] == "none"  # the pack's district is not in this comparison


def test_periods_keep_their_reference_dates_apart(testland_app, page, testland, tmp_path):
    load(
        testland,
        tmp_path,
        "context.population,TL,,2025-01-01,9100000,persons,actual,testland-stats-2025,,",
        "context.population,TLA,,2025-01-01,2030000,persons,actual,testland-stats-2025,,",
    )
    with testland_app.server.test_request_context("/regions"):
        options = page.update_choices("context.population", None, None, [])[0]
    assert [option["value"] for option in options] == ["2025-01-01", "2024", "2023"]
    assert options[0]["label"] == "1 Jan 2025 · 2 regions"
    assert set(bars(render(testland_app, page, period="2025-01-01")).data[0].y) == {
        "Testland (SYNTHETIC)",
        "Testshire",
    }


def test_per_capita_pairs_each_region_with_its_population_and_names_those_without(
    testland_app, page, testland, tmp_path
):
    load(
        testland,
        tmp_path,
        "industry.companies,TLA11,,2023,1400,companies,actual,testland-stats-2025,,",
        "industry.companies,TLA21,,2023,900,companies,actual,testland-stats-2025,,",
        "industry.companies,EU27_2020,,2023,900000,companies,actual,testland-stats-2025,,",
    )
    with testland_app.server.test_request_context("/regions"):
        assert not page.update_choices("industry.companies", "2023", None, ["1"])[5][0]["disabled"]
        assert page.update_choices("context.population", None, None, ["1"])[5][0]["disabled"]
    result = render(testland_app, page, indicator="industry.companies", period="2023", per_capita=["1"])
    values = dict(zip(bars(result).data[0].y, bars(result).data[0].x, strict=True))
    assert values == {
        "Alphaville, city": pytest.approx(1400 / 700_000 * 1000),
        "Gammaburg, city": pytest.approx(900 / 450_000 * 1000),
        "Testshire": pytest.approx(1320 / 2_000_000 * 1000),
    }
    text = words(result[0]) + words(result[2])
    assert "Not shown per 1,000 inhabitants (no population figure): European Union (27 countries)." in text
    assert "700,000 (2023)" in text and "1,400 companies" in text


def test_secondary_sources_are_marked_and_primary_ones_preferred(testland_app, page, testland, tmp_path):
    load(
        testland,
        tmp_path,
        "industry.companies,TLA1,,2006,700,companies,actual,test-blog-2008,quoted from a release,",
        "industry.companies,TLA2,,2006,500,companies,actual,test-blog-2008,quoted from a release,",
    )
    with testland_app.server.test_request_context("/regions"):
        tree = page.layout(indicator="industry.companies")
    assert find(tree, page.PERIOD_ID).options[0]["label"] == "2006 · 2 regions · secondary sources"
    text = words(tree)
    assert "(secondary source)" in text and "Hatched bars: figures from a secondary source" in text
    figure = bars(render(testland_app, page, indicator="industry.companies", period="2006"))
    assert list(figure.data[0].marker.pattern.shape) == ["/", "/"]
    load(testland, tmp_path, "industry.companies,TLA1,,2006,710,companies,actual,testland-stats-2025,,")
    figure = bars(render(testland_app, page, indicator="industry.companies", period="2006"))
    drawn = dict(zip(figure.data[0].y, figure.data[0].x, strict=True))
    assert drawn["North Testshire"] == 710  # the official figure, not the blog's
    assert dict(zip(figure.data[0].y, figure.data[0].marker.pattern.shape, strict=True)) == {
        "South Testshire": "/",
        "North Testshire": "",
    }


def test_new_official_series_are_compared_when_loaded(testland_app, page, testland, tmp_path):
    load(
        testland,
        tmp_path,
        "employment.persons_employed_local_units,TLA1,wz08-c26,2022,8000,persons,actual,testland-sbs-2025,,",
        "employment.persons_employed_local_units,TLA2,wz08-c26,2022,4000,persons,actual,testland-sbs-2025,,",
    )
    with testland_app.server.test_request_context("/regions"):
        tree = page.layout(indicator="employment.persons_employed_local_units")
    assert find(tree, page.PERIOD_ID).value == "2022"
    assert find(tree, page.BREAKDOWN_ID).value == "wz08-c26"
    figure = bars(
        render(
            testland_app,
            page,
            indicator="employment.persons_employed_local_units",
            period="2022",
            breakdown="wz08-c26",
        )
    )
    assert "Electronics manufacturing" in figure.layout.title.text
    assert sorted(figure.data[0].x) == [4000, 8000]


def test_the_map_draws_the_packs_districts_labelled_with_the_highlight_outlined(testland_app, page):
    result = render(testland_app, page, lang="de")
    figure = the_map(result)
    located = {code for trace in figure.data if trace.type == "choropleth" for code in trace.locations}
    assert located == DISTRICTS
    names = next(trace for trace in figure.data if trace.type == "scattergeo")
    assert set(names.text) == {"<b>Alphaville</b>", "Betaford", "Gammaburg", "Deltamoor"}
    outline = next(trace for trace in figure.data if trace.name == "highlight")
    assert list(outline.locations) == ["TLA11"]
    coloured = [
        t
        for t in figure.data
        if t.type == "choropleth" and t.showscale is not False and t.name != "highlight"
    ]
    assert coloured[0].colorbar.orientation == "h"  # under the map: it keeps its place on a phone
    footer = " ".join(a.text for a in figure.layout.annotations)
    assert SYNTHETIC_NOTICE in footer and "EuroGeographics" not in footer


def test_a_click_on_a_district_highlights_it(testland_app, page):
    """In the browser (tests/e2e): a click's location becomes the highlight, which the URL follows."""
    testland_app.server.test_client().get("/regions")  # Dash collects the callbacks on the first request
    callbacks = testland_app.callback_map
    key = next(k for k in callbacks if k.startswith("regions-highlight.value@"))
    assert [(i["id"], i["property"]) for i in callbacks[key]["inputs"]] == [
        ("regions-map-graph", "clickData")
    ]
    assert [(i["id"], i["property"]) for i in callbacks[key]["state"]] == [("regions-highlight", "options")]
    script = "".join(testland_app._inline_scripts)
    assert "point.location" in script and "no_update" in script


def test_fetched_boundaries_win_and_their_attribution_is_translated(testland_app, page, testland):
    ring = [[10.0, 51.0], [10.5, 51.0], [10.5, 51.5], [10.0, 51.5], [10.0, 51.0]]  # RFC 7946: anticlockwise
    features = [
        {
            "type": "Feature",
            "properties": {"NUTS_ID": code, "LEVL_CODE": 3},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }
        for code in sorted(DISTRICTS)
    ]
    testland.geo_dir.mkdir(parents=True)
    write(
        testland.geo_dir / "NUTS_RG_10M_2021_4326_LEVL_3.geojson",
        json.dumps({"type": "FeatureCollection", "features": features}),
    )
    write(
        testland.geo_dir / "ATTRIBUTION.txt",
        "Administrative boundaries: GISCO.\n© EuroGeographics for the administrative boundaries\n",
    )
    result = render(testland_app, page, lang="de")
    text = " ".join(a.text for a in the_map(result).layout.annotations)
    assert (
        "© EuroGeographics bezüglich der Verwaltungsgrenzen" in text
        and "Administrative boundaries: GISCO." in text
    )
    geometry = the_map(result).data[0].geojson["features"][0]["geometry"]
    assert geometry["coordinates"] == [ring[::-1]]  # turned clockwise for plotly's map


def test_without_boundaries_the_page_says_so_in_the_readers_words(testland_app, page, monkeypatch, tmp_path):
    from dashboard.data import boundaries

    monkeypatch.setattr(boundaries, "boundaries_dir", lambda: tmp_path)
    text = words(render(testland_app, page)[1])
    assert "The district map is not available yet" in text and "python -m" not in text


def test_the_map_says_when_the_comparison_has_no_districts(testland_app, page):
    result = render(testland_app, page, indicator="context.hightech_employment", period="2023")
    assert "No district figures" in words(result[1])


def test_url_state_round_trips_and_stale_values_fall_back(testland_app, page):
    query = dict(indicator="context.hightech_employment", period="2023", highlight="TL", percapita="1")
    with testland_app.server.test_request_context("/regions"):
        tree = page.layout(**query)
        stale = page.layout(indicator="no.such", period="1999", highlight="XX", breakdown="nope")
    assert find(tree, page.INDICATOR_ID).value == "context.hightech_employment"
    assert find(tree, page.PERIOD_ID).value == "2023" and find(tree, page.HIGHLIGHT_ID).value == "TL"
    assert find(tree, page.PER_CAPITA_ID).value == ["1"]
    assert find(stale, page.INDICATOR_ID).value == "context.population"
    assert find(stale, page.PERIOD_ID).value == "2024" and find(stale, page.HIGHLIGHT_ID).value == "TLA11"


def test_german_page_has_no_english_text(testland_app, page):
    with testland_app.server.test_request_context("/regions?lang=de"):
        text = words(page.layout(lang="de"))
    assert "Regionen im Vergleich" in text and "Verwendete Bevölkerung" not in text
    for english in ("Regions compared", "Highlight", "Population by region", "Source:"):
        assert english not in text


def test_page_modules_stay_thin_and_name_no_region():
    assert len((ROOT / "dashboard/pages/regions.py").read_text().splitlines()) <= 200
    assert [offence for path in OWN_MODULES for offence in offences(ROOT / path)] == []


def test_slices_are_counted_in_the_warehouse(testland_app, page):
    from dashboard.data import comparison

    with testland_app.server.test_request_context("/regions"):
        found = comparison.slices("context.population")
        summary = comparison.indicators()
        page.layout()
    assert sorted(found["period"]) == ["2023", "2024"] and set(found["regions"]) == {8}
    assert set(summary["indicator"]) == {"context.population", "context.hightech_employment"}


# --- the Saxony pack: its real figures ---------------------------------------------------------


@pytest.fixture
def saxony(app):
    return importlib.import_module("dashboard.pages.regions")


def test_saxony_default_view_compares_the_districts_on_31_december_2024(app, saxony):
    with app.server.test_request_context("/regions?lang=de"):
        tree = saxony.layout(lang="de")
    period = find(tree, saxony.PERIOD_ID)
    assert period.value == "2024-12-31" and period.options[0]["label"] == "31.12.2024 · 13 Regionen"
    assert find(tree, saxony.HIGHLIGHT_ID).value == "DED21"
    text = words(tree)
    assert "564.904" in text and "Dresden, Kreisfreie Stadt" in text
    footer = " ".join(a.text for a in find(tree, "regions-map-graph").figure.layout.annotations)
    assert "© EuroGeographics bezüglich der Verwaltungsgrenzen" in footer


def test_saxony_ipcei_projects_germany_against_saxony(app, saxony):
    figure = bars(render(app, saxony, indicator="funding.projects", period="2023", highlight=None))
    assert dict(zip(figure.data[0].y, figure.data[0].x, strict=True)) == {"Germany": 31, "Saxony": 9}
    assert "IPCEI" in figure.layout.title.text


def test_saxony_high_tech_share_of_2006_is_marked_as_a_secondary_source(app, saxony):
    with app.server.test_request_context("/regions"):
        tree = saxony.layout(indicator="context.hightech_employment_share")
    assert find(tree, saxony.PERIOD_ID).options[0]["label"] == "2006 · 2 regions · secondary sources"
    assert "economiaportuguesa.blogspot.com" in words(tree) and "(secondary source)" in words(tree)


SAXONY_NAMES = ("Saxony", "Sachsen", "Saxon", "Silicon Saxony", "Dresden", "Leipzig", "Chemnitz", "DED")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_testland_serves_employment_and_regions_with_the_map_and_no_saxony_name(testland_app, lang):
    """Both pages as a browser gets them: the page and the callback that renders its content."""
    with use_locale("en"):  # the request sets the locale of this thread: forget it afterwards
        _serve_both(testland_app, lang)


def _serve_both(testland_app, lang: str) -> None:
    client = testland_app.server.test_client()
    for path in ("/employment", "/regions"):
        assert client.get(f"{path}?lang={lang}").status_code == 200
        body = page_request(path, f"?lang={lang}")
        response = client.post("/_dash-update-component", json=body, headers={"X-Regiometer-Locale": lang})
        assert response.status_code == 200
        text = response.data.decode()
        assert "Testshire" in text and ("SYNTHETIC" in text or "SYNTHETISCH" in text)
        for name in SAXONY_NAMES:
            assert name not in text, f"{path} ({lang}) names {name}"
        assert "EuroGeographics" not in text  # Testland's boundaries are its own
        if path == "/regions":
            assert "regions-map-graph" in text and '"type":"choropleth"' in text
            assert "Alphaville" in text and SYNTHETIC_NOTICE in text
        assert "python -m" not in text
