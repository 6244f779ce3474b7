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
import math
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


@dataclass(frozen=True)
class LabelPoint:
    code: str
    lon: float
    lat: float


def _inside(x: float, y: float, rings: list) -> bool:
    """Even-odd rule over the outer ring and its holes."""
    inside = False
    for ring in rings:
        for (x0, y0, *_), (x1, y1, *_) in pairwise(ring):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _edge_distance(x: float, y: float, rings: list, squeeze: float) -> float:
    """Distance to the nearest edge, with longitudes squeezed by cos(latitude) (about true shape)."""
    best = float("inf")
    for ring in rings:
        for (x0, y0, *_), (x1, y1, *_) in pairwise(ring):
            dx, dy = (x1 - x0) * squeeze, y1 - y0
            px, py = (x - x0) * squeeze, y - y0
            length = dx * dx + dy * dy
            share = max(0.0, min(1.0, (px * dx + py * dy) / length)) if length else 0.0
            best = min(best, (px - share * dx) ** 2 + (py - share * dy) ** 2)
    return best**0.5


def _label_point(rings: list, steps: int = 10) -> tuple[float, float]:
    """A point well inside the polygon, as far from its edges as a grid search finds (a district
    around a city gets its label in the ring, not on the city)."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    squeeze = math.cos(math.radians((min(ys) + max(ys)) / 2))
    box = (min(xs), min(ys), max(xs), max(ys))
    best, found = -1.0, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    for _ in range(2):  # a coarse grid, then a finer one around the best point
        width, height = (box[2] - box[0]) / steps, (box[3] - box[1]) / steps
        for i in range(steps + 1):
            for j in range(steps + 1):
                x, y = box[0] + i * width, box[1] + j * height
                if _inside(x, y, rings):
                    distance = _edge_distance(x, y, rings, squeeze)
                    if distance > best:
                        best, found = distance, (x, y)
        box = (found[0] - width, found[1] - height, found[0] + width, found[1] + height)
    return found


_labels: dict[int, tuple[dict, tuple[LabelPoint, ...]]] = {}


def label_points(geojson: dict) -> tuple[LabelPoint, ...]:
    """Where each district's name goes: a point well inside its largest polygon (computed once per
    boundary file: the features are a few dozen)."""
    known = _labels.get(id(geojson))
    if known is not None and known[0] is geojson:
        return known[1]
    points = []
    for feature in geojson["features"]:
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        polygons = [polygons] if geometry.get("type") == "Polygon" else polygons
        polygons = [polygon for polygon in polygons if polygon and len(polygon[0]) > 3]
        if polygons:
            largest = max(polygons, key=lambda polygon: abs(_ring_area(polygon[0])))
            lon, lat = _label_point(largest)
            points.append(LabelPoint(str(feature["properties"][FEATURE_ID]), lon, lat))
    if len(_labels) > 8:
        _labels.clear()
    _labels[id(geojson)] = (geojson, tuple(points))
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
