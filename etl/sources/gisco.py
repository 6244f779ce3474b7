"""GISCO NUTS 2021 boundaries (GeoJSON, EPSG:4326) for the dashboard's maps.

fetch() keeps NUTS_RG_{scale}_2021_4326_LEVL_{2,3}.geojson as delivered. The source has no
observations: parse() checks the files and returns an empty canonical frame. build_geo() writes
one merged file, settings.geo_dir/nuts2021_<pack>.geojson, with the features of the pack's country
(NUTS_ID starting with its code) of both levels (LEVL_CODE tells them apart; one file means one
download for the map), coordinates rounded to 5 decimals (about 1 m), plus ATTRIBUTION.txt with the
notice EuroGeographics requires next to every map.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from numbers import Real
from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.errors import SourceError
from etl.http import make_session
from etl.pack import Pack
from etl.raw import RawStore, manifest_files
from etl.schema import empty_frame

log = logging.getLogger(__name__)

NAME = "gisco"
YEAR = 2021
LEVELS = (2, 3)
DEFAULT_SCALE = "10M"
COORDINATE_DECIMALS = 5
ATTRIBUTION_FILE = "ATTRIBUTION.txt"
ATTRIBUTION = (
    "Administrative boundaries: GISCO NUTS 2021, EPSG:4326 (Eurostat).\n"
    "© EuroGeographics for the administrative boundaries\n"
    "© EuroGeographics bezüglich der Verwaltungsgrenzen\n"
    "Free for non-commercial use; commercial use needs a EuroGeographics licence.\n"
)
POLYGONS = {"Polygon", "MultiPolygon"}


def geo_file_name(pack: Pack) -> str:
    """The map file build_geo() writes for a pack (the pack's own geo/ folder uses the same name)."""
    return f"nuts{YEAR}_{pack.name}.geojson"


def file_name(level: int, scale: str = DEFAULT_SCALE) -> str:
    return f"NUTS_RG_{scale}_{YEAR}_4326_LEVL_{level}.geojson"


def file_url(settings: Settings, level: int, scale: str = DEFAULT_SCALE) -> str:
    return f"{settings.base_url(NAME)}/nuts/geojson/{file_name(level, scale)}"


def load_features(body: bytes, name: str = "GeoJSON") -> list[dict]:
    """The features of a GISCO FeatureCollection; SourceError for anything that is not one."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SourceError(NAME, f"{name} is not JSON ({exc}); GISCO may have sent an error page") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise SourceError(NAME, f"{name} is not a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise SourceError(NAME, f"{name} has no features")
    for number, feature in enumerate(features, start=1):
        problem = _feature_problem(feature)
        if problem:
            raise SourceError(NAME, f"{name}, feature {number}: {problem}")
    return features


def _feature_problem(feature: object) -> str:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return "not a Feature"
    properties = feature.get("properties")
    if not isinstance(properties, dict) or not isinstance(properties.get("NUTS_ID"), str):
        return "no NUTS_ID property"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGONS:
        return f"{properties['NUTS_ID']}: geometry is not a Polygon or MultiPolygon"
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons or not all(_is_polygon(p) for p in polygons):
        return f"{properties['NUTS_ID']}: malformed {geometry['type']} coordinates"
    return ""


def _is_polygon(rings: object) -> bool:
    # A polygon is a list of closed linear rings of at least 4 [lon, lat] positions.
    return (
        isinstance(rings, list)
        and len(rings) > 0
        and all(isinstance(ring, list) and len(ring) >= 4 and all(map(_is_position, ring)) for ring in rings)
    )


def _is_position(position: object) -> bool:
    return (
        isinstance(position, list)
        and len(position) >= 2
        and all(isinstance(c, Real) and not isinstance(c, bool) for c in position[:2])
    )


def _rounded(coordinates: object) -> object:
    if isinstance(coordinates, list):
        return [_rounded(item) for item in coordinates]
    return round(coordinates, COORDINATE_DECIMALS) if isinstance(coordinates, float) else coordinates


def reduce_features(features: list[dict], prefix: str) -> list[dict]:
    """Features whose NUTS_ID starts with `prefix`, coordinates rounded, sorted by NUTS_ID."""
    kept = []
    for feature in features:
        properties = feature["properties"]
        if not properties["NUTS_ID"].startswith(prefix):
            continue
        geometry = feature["geometry"]
        kept.append(
            {
                "type": "Feature",
                "id": properties["NUTS_ID"],
                "properties": properties,
                "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])},
            }
        )
    return sorted(kept, key=lambda f: (f["properties"].get("LEVL_CODE", 0), f["id"]))


class GiscoSource:
    name = NAME
    needs_network = True

    def __init__(
        self,
        scale: str = DEFAULT_SCALE,
        levels: tuple[int, ...] = LEVELS,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.scale = scale
        self.levels = levels
        self.sleep = sleep

    def fetch(self, settings: Settings) -> Path:
        session = make_session(settings, NAME, sleep=self.sleep)
        snapshot = RawStore(settings.raw_dir).start(NAME)
        for level in self.levels:
            url = file_url(settings, level, self.scale)
            body = session.get(url).content
            load_features(body, file_name(level, self.scale))
            snapshot.save(file_name(level, self.scale), body, url, level=level)
        return snapshot.complete()

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame:
        """No observations: checks the stored files and returns an empty canonical frame."""
        _snapshot_features(snapshot)
        frame = empty_frame()
        frame.attrs["skipped"] = {}
        return frame

    def build_geo(self, snapshot: Path, settings: Settings) -> Path:
        return build_geo(snapshot, settings)


def _snapshot_features(snapshot: Path) -> list[dict]:
    features: list[dict] = []
    for entry in manifest_files(snapshot):
        features += load_features((Path(snapshot) / entry["name"]).read_bytes(), entry["name"])
    if not features:
        raise SourceError(NAME, f"{snapshot} holds no GeoJSON files; run the gisco fetch again")
    return features


def build_geo(snapshot: Path, settings: Settings) -> Path:
    """Write the pack's map file (geo_file_name) and ATTRIBUTION.txt to settings.geo_dir; return the
    GeoJSON path."""
    pack = settings.region_pack()
    prefix = pack.country or pack.home
    kept = reduce_features(_snapshot_features(snapshot), prefix)
    if not kept:
        raise SourceError(NAME, f"no feature with a NUTS_ID starting '{prefix}' in {snapshot}")
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
        "features": kept,
    }
    settings.geo_dir.mkdir(parents=True, exist_ok=True)
    target = settings.geo_dir / geo_file_name(pack)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    temporary.replace(target)
    (settings.geo_dir / ATTRIBUTION_FILE).write_text(ATTRIBUTION, encoding="utf-8")
    log.info("gisco: wrote %d features to %s", len(kept), target)
    return target


SOURCE = GiscoSource()
