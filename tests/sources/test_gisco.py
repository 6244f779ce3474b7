"""GISCO NUTS 2021: fetch at the real URLs, validation, the reduced map file and its attribution."""

from __future__ import annotations

import json

import pytest
import responses

from etl.errors import HTTPStatusError, SourceError
from etl.raw import manifest_files
from etl.schema import CANONICAL_COLUMNS
from etl.sources import gisco
from tests.sources.conftest import SAXONY, fixture_bytes, make_snapshot

BASE = "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson"
LEVEL_2 = "NUTS_RG_10M_2021_4326_LEVL_2.geojson"
LEVEL_3 = "NUTS_RG_10M_2021_4326_LEVL_3.geojson"
SAXONY_GEO = next(SAXONY.geo_dir.glob("*.geojson"))


def add_levels():
    responses.get(f"{BASE}/{LEVEL_2}", body=fixture_bytes("gisco", LEVEL_2))
    responses.get(f"{BASE}/{LEVEL_3}", body=fixture_bytes("gisco", LEVEL_3))


@responses.activate
def test_fetch_keeps_both_levels_as_delivered(source_settings, sleeps):
    add_levels()
    snapshot = gisco.GiscoSource(sleep=sleeps).fetch(source_settings)
    entries = manifest_files(snapshot)
    assert [(e["name"], e["url"], e["level"]) for e in entries] == [
        (LEVEL_2, f"{BASE}/{LEVEL_2}", 2),
        (LEVEL_3, f"{BASE}/{LEVEL_3}", 3),
    ]
    assert (snapshot / LEVEL_3).read_bytes() == fixture_bytes("gisco", LEVEL_3)


@responses.activate
def test_parse_is_an_empty_canonical_frame(source_settings, sleeps):
    add_levels()
    frame = gisco.SOURCE.parse(gisco.GiscoSource(sleep=sleeps).fetch(source_settings), SAXONY)
    assert frame.empty and list(frame.columns) == CANONICAL_COLUMNS
    assert frame.attrs["skipped"] == {}


def test_build_geo_writes_german_features_of_both_levels_and_the_attribution(tmp_path, source_settings):
    snapshot = make_snapshot(
        tmp_path / "raw",
        "gisco",
        {LEVEL_2: fixture_bytes("gisco", LEVEL_2), LEVEL_3: fixture_bytes("gisco", LEVEL_3)},
    )
    path = gisco.SOURCE.build_geo(snapshot, source_settings)
    assert path == source_settings.geo_dir / gisco.geo_file_name(SAXONY)
    assert path.name == f"nuts2021_{SAXONY.name}.geojson" == SAXONY_GEO.name  # as the pack ships it
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4326"
    ids = [(f["id"], f["properties"]["LEVL_CODE"], f["geometry"]["type"]) for f in collection["features"]]
    assert ids == [
        ("DEA1", 2, "Polygon"),
        ("DED2", 2, "Polygon"),
        ("DED4", 2, "MultiPolygon"),
        ("DED5", 2, "Polygon"),
        ("DE300", 3, "Polygon"),
        ("DED21", 3, "Polygon"),
        ("DED2C", 3, "MultiPolygon"),
    ]
    dresden = collection["features"][1]
    assert dresden["geometry"]["coordinates"][0][0] == [13.19871, 51.23041]  # rounded to 5 decimals
    assert dresden["properties"]["NUTS_NAME"] == "Dresden"
    chemnitz = collection["features"][2]["geometry"]["coordinates"]
    assert len(chemnitz) == 2 and len(chemnitz[0]) == 2  # two polygons, the first with a hole
    attribution = (source_settings.geo_dir / "ATTRIBUTION.txt").read_text(encoding="utf-8")
    assert "© EuroGeographics for the administrative boundaries" in attribution
    assert "© EuroGeographics bezüglich der Verwaltungsgrenzen" in attribution


@responses.activate
def test_invalid_geometry_is_refused_before_it_is_stored(source_settings, sleeps):
    responses.get(f"{BASE}/{LEVEL_2}", body=fixture_bytes("gisco", "invalid_linestring.geojson"))
    with pytest.raises(SourceError, match="DED21: geometry is not a Polygon or MultiPolygon"):
        gisco.GiscoSource(sleep=sleeps).fetch(source_settings)


@responses.activate
def test_html_instead_of_geojson(source_settings, sleeps):
    responses.get(f"{BASE}/{LEVEL_2}", body="<html>Not here</html>")
    with pytest.raises(SourceError, match="is not JSON"):
        gisco.GiscoSource(sleep=sleeps).fetch(source_settings)


@responses.activate
def test_missing_file_is_an_http_status_error(source_settings, sleeps):
    responses.get(f"{BASE}/NUTS_RG_03M_2021_4326_LEVL_2.geojson", status=404, body="Not Found")
    with pytest.raises(HTTPStatusError) as caught:
        gisco.GiscoSource(scale="03M", sleep=sleeps).fetch(source_settings)
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "has no features"),
        ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}, "no NUTS_ID"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"NUTS_ID": "DED2"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[13.0, 51.0], [14.0, 51.0], [13.0, 51.0]]],
                        },
                    }
                ],
            },
            "malformed Polygon coordinates",
        ),
    ],
)
def test_load_features_rejects_bad_geojson(document, message):
    with pytest.raises(SourceError, match=message):
        gisco.load_features(json.dumps(document).encode())


def test_no_german_feature_at_all(tmp_path, source_settings):
    only_foreign = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"NUTS_ID": "CZ04", "LEVL_CODE": 2},
                "geometry": {"type": "Polygon", "coordinates": [[[13, 50], [14, 50], [14, 51], [13, 50]]]},
            }
        ],
    }
    snapshot = make_snapshot(tmp_path / "raw", "gisco", {LEVEL_2: json.dumps(only_foreign).encode()})
    with pytest.raises(SourceError, match="no feature with a NUTS_ID starting 'DE'"):
        gisco.build_geo(snapshot, source_settings)
