"""District boundaries for the map: which folder, which features, which way round, where the labels go,
and the attribution the folder asks for.

The gisco connector's output (settings.geo_dir) wins over the pack's committed geo/ folder. Of any
*.geojson there, the features of the pack's districts (Pack.districts(), from its catalog) are kept;
rings are turned the way plotly's map expects. ATTRIBUTION.txt beside the files says whose
boundaries they are; the EuroGeographics notice, which GISCO's licence asks for, is given in the
reader's language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from dashboard.data.warehouse import pack, settings
from dashboard.i18n import t

ATTRIBUTION_FILE = "ATTRIBUTION.txt"
FEATURE_ID = "NUTS_ID"


def boundaries_dir() -> Path:
    """The connector's boundaries when it has fetched any, else the pack's committed copy."""
    fetched = settings().geo_dir
    if fetched.is_dir() and any(fetched.glob("*.geojson")):
        return fetched
    return pack().geo_dir


def _ring_area(ring: list) -> float:
    """Shoelace formula: > 0 means counter-clockwise in lon/lat."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in pairwise(ring)) / 2


def clockwise(geometry: dict) -> dict:
    """Outer rings clockwise, holes counter-clockwise: d3-geo (plotly's map) reads RFC 7946's opposite
    winding as 'the whole globe except this district' and floods the map."""

    def fix(rings: list) -> list:
        return [ring[::-1] if (_ring_area(ring) > 0) == (n == 0) else ring for n, ring in enumerate(rings)]

    if geometry.get("type") == "Polygon":
        return {**geometry, "coordinates": fix(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {**geometry, "coordinates": [fix(polygon) for polygon in geometry["coordinates"]]}
    return geometry


@lru_cache(maxsize=8)
def _read(path: str, modified: float, wanted: tuple[str, ...]) -> dict | None:
    """The wanted features of one GeoJSON file (None if it has none); cached until the file changes."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    features = document.get("features") if isinstance(document, dict) else None
    codes = set(wanted)
    kept = [
        {**feature, "geometry": clockwise(feature.get("geometry") or {})}
        for feature in features or []
        if isinstance(feature, dict) and str((feature.get("properties") or {}).get(FEATURE_ID)) in codes
    ]
    return {"type": "FeatureCollection", "features": kept} if kept else None


def district_geojson(folder: Path | None = None, districts: Iterable[str] | None = None) -> dict | None:
    """The districts' features from the first *.geojson in the folder that has them (the connector's
    and the pack's files both qualify), or None."""
    folder = folder if folder is not None else boundaries_dir()
    wanted = tuple(sorted(districts if districts is not None else pack().districts()))
    if not folder.is_dir() or not wanted:
        return None
    for path in sorted(folder.glob("*.geojson")):
        found = _read(str(path), path.stat().st_mtime, wanted)
        if found:
            return found
    return None


def feature_codes(geojson: dict) -> tuple[str, ...]:
    return tuple(str(feature["properties"][FEATURE_ID]) for feature in geojson["features"])


def _centroid(ring: list) -> tuple[float, float, float]:
    """(area, lon, lat) of one ring's polygon (the mean of its points for a degenerate ring)."""
    area = _ring_area(ring)
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0, *_), (x1, y1, *_) in pairwise(ring))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0, *_), (x1, y1, *_) in pairwise(ring))
    return abs(area), cx / (6 * area), cy / (6 * area)


@dataclass(frozen=True)
class LabelPoint:
    code: str
    lon: float
    lat: float


def label_points(geojson: dict) -> tuple[LabelPoint, ...]:
    """Where each district's name goes: the centroid of its largest polygon (per district, not per
    data point: a few dozen features)."""
    points = []
    for feature in geojson["features"]:
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        polygons = [polygons] if geometry.get("type") == "Polygon" else polygons
        outer = [_centroid(polygon[0]) for polygon in polygons if polygon and len(polygon[0]) > 2]
        if outer:
            _, lon, lat = max(outer)
            points.append(LabelPoint(str(feature["properties"][FEATURE_ID]), lon, lat))
    return tuple(points)


@lru_cache(maxsize=8)
def _attribution_lines(path: str, modified: float) -> tuple[str, ...]:
    return tuple(line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip())


def attribution(folder: Path | None = None) -> list[str]:
    """The boundary folder's ATTRIBUTION.txt in the reader's language: the EuroGeographics notice
    translated (its lines in other languages left out), every other line as written."""
    folder = folder if folder is not None else boundaries_dir()
    path = folder / ATTRIBUTION_FILE
    if not path.is_file():
        return []
    lines = _attribution_lines(str(path), path.stat().st_mtime)
    notice = [line for line in lines if "©" in line and "EuroGeographics" in line]
    others = [line for line in lines if line not in notice]
    return [*([t("figure.eurogeographics")] if notice else []), *others]
