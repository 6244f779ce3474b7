"""The parsers on every response shape the services show, in fixtures of our own.

The shapes are the ones of the real answers recorded in the project's API research (Eurostat
JSON-stat captures, Regionaldatenbank and GENESIS-Online ffcsv files and JSON envelopes, GISCO
excerpts, the CORDIS bulk layout); the fixtures are written by us in those formats, with our own
values, and live in tests/fixtures/. Shapes and where they are tested:

    Eurostat JSON-stat
      sparse cube: a cell in neither value nor status, status-only cells, break flags
                                                    test_eurostat (htec_emp_reg2.json)
      the latest period is a category without values    here (htec_emp_reg2_latest_year_without_data)
      unknown code: HTTP 200, a zero-size geo            here and test_eurostat (empty_unknown_geo)
      time window after the data: zero-size time         here (nama_10r_2gdp_empty_time_window)
      every cell confidential ('|C' without values)      here (sbs_r_nuts2021_all_confidential)
      JSON errors 400/404/413 (one line or indented)     test_eurostat (error_*.json)
      HTTP 200 asynchronous-extraction warning           test_eurostat (warning_async.json)
    GENESIS
      Regionaldatenbank ffcsv of every level (no regional filter), Kreise all '-', former areas
                                                    here (13111-01-03-4_all_levels_flat.csv)
      the same as the ZIP the API sends                  here
      population by district with former districts      test_genesis (12411-01-01-4_flat.csv)
      GENESIS-Online Land table, German and English      here (13111-0005_flat_de.csv / _en.csv)
      envelopes 98 / 99 / 104 / 0 of the job flow       test_genesis (status*.json)
    GISCO GeoJSON with a crs, null typologies, umlauts  here (NUTS_RG_20M_2021_4326_LEVL_*.geojson)
    CORDIS project/organization CSVs, a quoted ';'      test_funding (cordis_*.csv)

Not parsed by any connector, so not here: SDMX 2.1/3.0 answers (TSV, SDMX-CSV, SOAP faults and
the queued envelope; the connector uses the JSON-stat Statistics API), GENESIS metadata/table, and
the Cohesion Open Data (Socrata) answers.
"""

from __future__ import annotations

import json

import pytest

from etl.errors import SourceError
from etl.sources import eurostat, genesis, gisco, jsonstat
from etl.sources.ffcsv import TABLES, RegionKeys, Table, read_ffcsv
from tests.sources.conftest import SAXONY, fixture_bytes, genesis_zip, make_snapshot

KEYS = RegionKeys.of(SAXONY)


def text(*parts: str) -> str:
    return fixture_bytes(*parts).decode("utf-8-sig")


# --- Eurostat --------------------------------------------------------------------------------------


def test_the_latest_period_is_a_category_without_values():
    body = fixture_bytes("eurostat", "htec_emp_reg2_latest_year_without_data.json")
    document = json.loads(body)
    assert "2024" in document["dimension"]["time"]["category"]["index"]
    assert document["extension"]["positions-with-no-data"]["time"] == [2]
    cells = jsonstat.decode(body)
    assert "2024" not in set(cells["time"]) and len(cells) == 4
    eurostat.check_answer("htec_emp_reg2", "geo=DED", body)  # a usable cube
    frame, skipped = eurostat.to_canonical(eurostat.BY_CODE["htec_emp_reg2"], body, ("DED", "DED2"))
    assert sorted(frame.period) == ["2022", "2022", "2023", "2023"] and skipped == {}
    assert frame.loc[(frame.region == "DED2") & (frame.period == "2023"), "note"].tolist() == [
        "Eurostat htec_emp_reg2; break in series"
    ]


@pytest.mark.parametrize(
    ("name", "query"),
    [("empty_unknown_geo.json", "geo=XX"), ("nama_10r_2gdp_empty_time_window.json", "sinceTimePeriod=2030")],
)
def test_empty_cubes_are_source_errors(name, query):
    body = fixture_bytes("eurostat", name)
    assert jsonstat.is_empty(body) and jsonstat.decode(body).empty
    assert 0 in json.loads(body)["size"]
    with pytest.raises(SourceError, match=f"empty cube for {query}"):
        eurostat.check_answer("a_dataset", query, body)


def test_confidential_cells_are_counted_not_loaded():
    body = fixture_bytes("eurostat", "sbs_r_nuts2021_all_confidential.json")
    assert json.loads(body)["value"] == {}
    eurostat.check_answer("sbs_r_nuts2021", "nace_r2=J61", body)  # statuses are an answer
    cells = jsonstat.decode(body)
    assert cells.empty and cells.attrs["skipped"] == {"confidential": 6}
    frame, skipped = eurostat.to_canonical(eurostat.BY_CODE["sbs_r_nuts2021"], body, ("DED4", "DED5"))
    assert frame.empty and skipped == {"confidential": 6}


# --- GENESIS -----------------------------------------------------------------------------------


def test_every_level_in_one_answer_with_the_districts_not_yet_published():
    """Without a regional filter the table holds Germany, the Land, the former Regierungsbezirke and
    the statistical regions, and the former and current Kreise; here every Kreis value is '-'."""
    frame = read_ffcsv(text("genesis", "13111-01-03-4_all_levels_flat.csv"), TABLES[0], KEYS)
    assert dict(zip(frame.region, frame.value, strict=True)) == {
        "DE": 34890112.0,
        "DED": 1634205.0,
        "DED2": 646120.0,
        "DED4": 527805.0,
        "DED5": 460280.0,
    }
    assert set(frame.period) == {"2025-06-30"}
    assert frame.attrs["skipped"] == {
        "special value '-'": 13,  # the current districts: '-' is "nothing", never 0
        "former district": 29,
        "former Regierungsbezirk": 3,
    }


def test_the_zip_answer_parses_like_its_csv(tmp_path):
    name = TABLES[0].name
    body = genesis_zip(name, "13111-01-03-4_all_levels_flat.csv")
    assert genesis.unzip_csv(body) == text("genesis", "13111-01-03-4_all_levels_flat.csv")
    frame = genesis.SOURCE.parse(make_snapshot(tmp_path, "genesis", {f"{name}.zip": body}), SAXONY)
    assert frame.loc[frame.region == "DED", "value"].tolist() == [1634205.0]


@pytest.mark.parametrize("name", ["13111-0005_flat_de.csv", "13111-0005_flat_en.csv"])
def test_genesis_online_land_table(name):
    frame = read_ffcsv(text("genesis", name), Table("13111-0005", "context.employees_social_insurance"), KEYS)
    values = dict(zip(frame.period, frame.value, strict=True))
    assert set(frame.region) == {"DED"} and len(values) == 5
    assert values["2024-06-30"] == 1637894.0 and values["2025-06-30"] == 1625455.0
    if name.endswith("_de.csv"):
        assert frame.attrs["skipped"] == {"region outside the home region": 5}  # Berlin's totals
    else:
        assert frame.attrs["skipped"] == {}  # 'Total' is the English label of the empty total code


# --- GISCO -----------------------------------------------------------------------------------------


def test_gisco_features_with_null_typologies_build_the_map_file(tmp_path, source_settings):
    files = {
        name: fixture_bytes("gisco", name)
        for name in ("NUTS_RG_20M_2021_4326_LEVL_2.geojson", "NUTS_RG_20M_2021_4326_LEVL_3.geojson")
    }
    path = gisco.build_geo(make_snapshot(tmp_path / "raw", "gisco", files), source_settings)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4326"
    features = collection["features"]
    assert [f["id"] for f in features] == ["DED2", "DED4", "DED5", "DED2D", "DED2F"]
    assert {f["properties"]["MOUNT_TYPE"] for f in features} == {None}
    assert {f["properties"]["NUTS_NAME"] for f in features} >= {"Sächsische Schweiz-Osterzgebirge", "Görlitz"}
    assert features[0]["geometry"]["coordinates"][0][0] == [13.26583, 50.71634]
