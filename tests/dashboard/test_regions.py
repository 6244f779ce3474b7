"""/regions: indicators with 2+ regions, periods compared as published, highlight, per capita, the map."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest
from dash import html

from etl import pipeline
from tests.conftest import write
from tests.dashboard.tree import find, links, texts

FIXTURE_GEO = Path(__file__).resolve().parents[1] / "fixtures" / "geo" / "saxony_nuts3_test.geojson"
POPULATION_URL = "https://www.regionalstatistik.de/genesis/online?operation=table&code=12411-01-01-4"


@pytest.fixture
def page(app):
    return importlib.import_module("dashboard.pages.regions")


@pytest.fixture
def with_boundaries(sqlite_seeded):
    """The fixture districts in the warehouse's geo dir, as `python -m etl run gisco` would leave them."""
    sqlite_seeded.geo_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE_GEO, sqlite_seeded.geo_dir / "saxony_nuts3_test.geojson")
    write(
        sqlite_seeded.geo_dir / "ATTRIBUTION.txt",
        "Administrative boundaries: GISCO NUTS 2021.\n© EuroGeographics for the administrative boundaries\n",
    )
    return sqlite_seeded


def words(component) -> str:
    return " | ".join(texts(html.Div(component)))


def render(
    app,
    page,
    indicator="context.population",
    period="2024-12-31",
    breakdown=None,
    highlight="DED21",
    per_capita=(),
    lang="en",
):
    with app.server.test_request_context(f"/regions?lang={lang}"):
        return page.render(indicator, period, breakdown, highlight, list(per_capita), lang)


def bars(result):
    return result[0][0].children[0].figure


def test_indicators_offered_are_those_with_two_or_more_regions(app, page):
    with app.server.test_request_context("/regions"):
        options = {option["value"] for option in page.indicator_options("en")}
    assert {"context.population", "funding.projects", "context.hightech_employment_share"} <= options
    assert "employment.ict_micro" not in options  # Saxony only


def test_default_view_compares_the_districts_on_31_december_2024(app, page):
    with app.server.test_request_context("/regions?lang=de"):
        tree = page.layout(lang="de")
    assert find(tree, page.INDICATOR_ID).value == "context.population"
    period = find(tree, page.PERIOD_ID)
    assert period.value == "2024-12-31" and period.options[0]["label"] == "31.12.2024 · 13 Regionen"
    assert find(tree, page.HIGHLIGHT_ID).value == "DED21"
    text = words(tree)
    assert "564.904" in text and "Dresden, Kreisfreie Stadt" in text and "Leipzig, Kreisfreie Stadt" in text
    assert POPULATION_URL in links(tree)


def test_bars_highlight_dresden_and_use_the_readers_language(app, page):
    figure = bars(render(app, page, lang="de"))
    names, colors = list(figure.data[0].y), list(figure.data[0].marker.color)
    assert len(names) == 13
    assert colors[names.index("Dresden, Kreisfreie Stadt")] != colors[names.index("Bautzen, Landkreis")]
    assert figure.layout.separators == ",."
    assert "Einwohner, 31.12.2024" in figure.layout.title.subtitle.text


def test_highlight_can_be_switched_off_or_moved(app, page):
    figure = bars(render(app, page, highlight="none"))
    assert len(set(figure.data[0].marker.color)) == 1
    result = render(app, page, highlight="DED51")
    names, colors = list(bars(result).data[0].y), list(bars(result).data[0].marker.color)
    assert result[4] == "DED51"
    assert colors[names.index("Leipzig, city")] != colors[names.index("Dresden, city")]


def test_ipcei_projects_germany_against_saxony(app, page):
    result = render(app, page, indicator="funding.projects", period="2023", breakdown=None, highlight=None)
    figure = bars(result)
    values = dict(zip(figure.data[0].y, figure.data[0].x, strict=True))
    assert values == {"Germany": 31, "Saxony": 9}
    assert "IPCEI" in figure.layout.title.text  # the breakdown is named
    assert result[4] == "none"  # Dresden is not in this comparison


def test_periods_keep_their_frequency_apart(app, page, sqlite_seeded, tmp_path):
    rows = [
        "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
        "context.population,DE,,2024,83600000,persons,actual,eurostat,,",
    ]
    pipeline.import_staff_file(sqlite_seeded, write(tmp_path / "de.csv", "\n".join(rows) + "\n"))
    with app.server.test_request_context("/regions"):
        options = page.period_options("context.population", "en")
    assert [option["value"] for option in options] == ["2024-12-31", "2024"]  # latest reference date first
    assert options[1]["label"] == "2024 · 2 regions"  # Saxony and Germany, not the districts
    figure = bars(render(app, page, period="2024"))
    assert set(figure.data[0].y) == {"Saxony", "Germany"}


def test_per_capita_uses_population_of_the_nearest_year(app, page, sqlite_seeded, tmp_path):
    rows = [
        "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
        "industry.companies,DED21,,2023,1000,companies,actual,regionalstatistik,,",
        "industry.companies,DED51,,2023,1200,companies,actual,regionalstatistik,,",
        "industry.companies,DE,,2023,90000,companies,actual,regionalstatistik,,",
    ]
    pipeline.import_staff_file(sqlite_seeded, write(tmp_path / "firms.csv", "\n".join(rows) + "\n"))
    with app.server.test_request_context("/regions"):
        assert not page.update_choices("industry.companies", "2023", None, ["1"], "en")[5][0]["disabled"]
        assert page.update_choices("context.population", None, None, ["1"], "en")[5][0]["disabled"]
    result = render(app, page, indicator="industry.companies", period="2023", per_capita=["1"])
    figure = bars(result)
    values = dict(zip(figure.data[0].y, figure.data[0].x, strict=True))
    assert values["Dresden, city"] == pytest.approx(1000 / 564904 * 1000)
    assert values["Leipzig, city"] == pytest.approx(1200 / 611850 * 1000)
    assert "Germany" not in values  # no population figure for Germany in the seed ...
    text = words(result[0]) + words(result[2])
    assert "no population figure" in text and "Germany" in text  # ... and the page says so
    assert "564,904 (31 Dec 2024)" in text and "1,000 companies" in text
    assert "per 1,000 inhabitants" in figure.layout.title.subtitle.text


def test_per_capita_is_ignored_for_population(app, page):
    figure = bars(render(app, page, per_capita=["1"]))
    assert max(figure.data[0].x) == 611850


def test_committed_boundaries_draw_the_map_offline(app, page):
    result = render(app, page)
    assert "EuroGeographics" in words(result[1])
    assert "python -m etl run gisco" not in words(result[1])


def test_map_empty_state_names_the_command(app, page, monkeypatch, tmp_path):
    monkeypatch.setattr(page, "boundaries_dir", lambda: tmp_path)
    result = render(app, page)
    assert "python -m etl run gisco" in words(result[1])


def test_map_of_districts_with_attribution(app, page, with_boundaries):
    result = render(app, page, lang="de")
    figure = result[1][0].children[0].figure
    located = {code for trace in figure.data for code in trace.locations}
    assert located == {"DED21", "DED2C", "DED41", "DED51"}  # districts only: no NUTS-2, no Berlin
    feature_ids = {f["properties"]["NUTS_ID"] for f in figure.data[0].geojson["features"]}
    assert feature_ids == located
    assert "© EuroGeographics bezüglich der Verwaltungsgrenzen" in words(result[1])
    assert "Administrative boundaries: GISCO NUTS 2021." in words(result[1])


def test_boundaries_in_rfc7946_winding_are_turned_for_the_map(app, page, sqlite_seeded):
    # RFC 7946 winds outer rings counter-clockwise; d3-geo would fill everything but the district.
    ring = [[13.58, 50.97], [13.97, 50.97], [13.97, 51.18], [13.58, 51.18], [13.58, 50.97]]
    feature = {"type": "Feature", "properties": {"NUTS_ID": "DED21", "LEVL_CODE": 3}}
    feature["geometry"] = {"type": "MultiPolygon", "coordinates": [[ring]]}
    sqlite_seeded.geo_dir.mkdir(parents=True)
    write(
        sqlite_seeded.geo_dir / "other.geojson",
        json.dumps({"type": "FeatureCollection", "features": [feature]}),
    )
    geojson = page.district_geojson(sqlite_seeded.geo_dir)
    assert geojson["features"][0]["geometry"]["coordinates"] == [[ring[::-1]]]


def test_map_says_when_the_comparison_has_no_districts(app, page, with_boundaries):
    result = render(app, page, indicator="funding.projects", period="2023")
    assert "No district figures" in words(result[1])


def test_url_state_round_trips(app, page):
    query = dict(indicator="funding.projects", period="2023", highlight="DE", percapita="1")
    with app.server.test_request_context("/regions"):
        tree = page.layout(lang="en", **query)
    assert find(tree, page.INDICATOR_ID).value == "funding.projects"
    assert find(tree, page.PERIOD_ID).value == "2023"
    assert find(tree, page.HIGHLIGHT_ID).value == "DE"
    assert find(tree, page.PER_CAPITA_ID).value == []  # projects are not counted per inhabitant


def test_stale_url_values_fall_back(app, page):
    with app.server.test_request_context("/regions"):
        tree = page.layout(lang="en", indicator="no.such", period="1999", highlight="XX", breakdown="nope")
    assert find(tree, page.INDICATOR_ID).value == "context.population"
    assert find(tree, page.PERIOD_ID).value == "2024-12-31"
    assert find(tree, page.HIGHLIGHT_ID).value == "DED21"
