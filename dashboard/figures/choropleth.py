"""Map of NUTS-3 districts coloured by one indicator, drawn from GeoJSON (GISCO's, or a pack's own).

go.Choropleth with a fitted geo projection needs no map tiles. Districts without data are drawn in
grey rather than left out, so a gap in the data is visible as a gap. Each district is named at a label
point the caller gives; the highlighted district is outlined; the colour bar lies under the map, so it
keeps its place on a phone. The boundaries' attribution is the caller's (it depends on whose they are).

Offline caveat: plotly.js fetches a world base map (topojson) from cdn.plot.ly for every geo subplot
whose trace has a `locationmode`, and a GeoJSON choropleth always has one ('geojson-id'); if the
fetch fails the map stays blank. We hide every base layer, so an empty topology is enough: serve
OFFLINE_GEO_ASSETS_JS as a script (e.g. assets/plotly-geo-offline.js in Dash, which loads assets
automatically) and the browser never asks the CDN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.hover import point_hovers
from dashboard.figures.theme import ChartContext

FEATURE_ID_KEY = "properties.NUTS_ID"
_NO_DATA = "#E3E3E3"
_DEFAULT_HEIGHT = 560
_COLORBAR_ROOM = 0.15  # of the plot's height, under the map: the colour bar and its title
_LABEL_WRAP = 14  # characters: longer district names go on two lines
_TOPOLOGY_NAMES = ("world_110m", "world_50m", "europe_110m", "europe_50m")
_LAYERS = ("land", "ocean", "lakes", "rivers", "countries", "subunits", "coastlines")

OFFLINE_GEO_ASSETS_JS = (
    "// Empty base-map topologies: the choropleth hides all base layers, so plotly.js needs no CDN fetch.\n"
    "(function () {\n"
    "  var assets = (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {});\n"
    "  var maps = (assets.topojson = assets.topojson || {});\n"
    "  var objects = {"
    + ", ".join(f'{layer}: {{type: "GeometryCollection", geometries: []}}' for layer in _LAYERS)
    + "};\n"
    + "".join(
        f'  maps["{name}"] = maps["{name}"] || {{type: "Topology", objects: objects, arcs: []}};\n'
        for name in _TOPOLOGY_NAMES
    )
    + "})();\n"
)


def feature_names(geojson: Mapping) -> dict[str, str]:
    """NUTS_ID -> name (NUTS_NAME, else NAME_LATN, else the id) for every feature."""
    names: dict[str, str] = {}
    for feature in geojson.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("NUTS_ID")
        if code:
            names[str(code)] = str(props.get("NUTS_NAME") or props.get("NAME_LATN") or code)
    return names


def choropleth(
    frame: pd.DataFrame,
    geojson: Mapping,
    ctx: ChartContext,
    labels: Mapping[str, str] | None = None,
    colorscale: str = theme.SEQUENTIAL_SCALE,
    *,
    highlight: str | None = None,
    label_points: Sequence[tuple[str, float, float]] = (),
    short_labels: Mapping[str, str] | None = None,
    attribution: Sequence[str] = (),
) -> go.Figure:
    """One colour per district (`region` = NUTS_ID); the latest period per district is shown.

    `label_points` are (code, lon, lat) where each district's name (`short_labels`, else `labels`)
    is written; `highlight` is outlined; `attribution` lines go into the footer."""
    names = {**feature_names(geojson), **(labels or {})}
    rows = theme.finite_rows(frame)
    if not rows.empty:
        rows = rows[rows["region"].astype(str).isin(names)]
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    if "period_start" in rows:
        rows = rows.assign(_start=pd.to_datetime(rows["period_start"])).sort_values("_start", kind="stable")
    rows = rows.drop_duplicates("region", keep="last")
    unit = theme.frame_unit(rows)
    ctx = theme.with_defaults(ctx, rows, unit)
    lang = ctx.lang
    divisor, scale_title = theme.axis_scale(unit, rows["value"], ctx)

    fig = go.Figure(layout=theme.base_layout(lang))
    missing = [code for code in names if code not in set(rows["region"])]
    if missing:
        fig.add_trace(_no_data_trace(geojson, missing, names, lang))
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            featureidkey=FEATURE_ID_KEY,
            locations=rows["region"],
            z=rows["value"].astype(float) / divisor,
            colorscale=colorscale,
            marker={"line": {"color": "white", "width": 1}},
            colorbar={
                "title": {"text": scale_title, "side": "top"},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 0,
                "yanchor": "bottom",
                "len": 0.95,
                "thickness": 12,
                "tickangle": 0,  # level labels, fewer of them, rather than slanted ones on a phone
                "nticks": 6,
                "separatethousands": True,
                "exponentformat": "none",
            },
            hovertext=point_hovers(rows, rows["region"].astype(str).map(names), unit, lang),
            hovertemplate="%{hovertext}<extra></extra>",
            name=scale_title,
        )
    )
    if highlight in names:
        fig.add_trace(_outline_trace(geojson, highlight))
    if label_points:
        fig.add_trace(_label_trace(label_points, {**names, **(short_labels or {})}, highlight))
    lon_range, lat_range = _bounds(geojson)
    fig.update_geos(
        fitbounds=False,  # the districts' box fills the map (plotly's fitbounds left a wide rim)
        lonaxis_range=lon_range,
        lataxis_range=lat_range,
        visible=False,
        projection_type="mercator",
        bgcolor="white",
        domain={"x": [0, 1], "y": [_COLORBAR_ROOM, 1]},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    periods = list(dict.fromkeys(rows["period"].astype(str)))
    period_text = ", ".join(i18n.format_period(p, lang) for p in periods)
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{scale_title[:1].upper()}{scale_title[1:]}, {period_text}")
    ctx = ctx if ctx.height else replace(ctx, height=_DEFAULT_HEIGHT)
    summary = _summary(ctx, rows, names, unit, period_text)
    fig = theme.apply_frame(fig, ctx, summary, extra_lines=list(attribution))
    footers = [note for note in fig.layout.annotations if (note.name or "").startswith("footer-")]
    for note in footers[len(footers) - len([line for line in attribution if line]) :]:
        note.name = f"{note.name}-own"  # the attribution's lines stay lines of their own on a phone
    return fig.update_layout(margin_l=8, margin_r=8)  # no axes: the map takes the card's width


def _bounds(geojson: Mapping) -> tuple[list[float], list[float]]:
    """[west, east], [south, north] of every feature's outer rings (a few thousand boundary points)."""
    points = [
        point[:2]
        for feature in geojson.get("features", [])
        for polygon in _polygons(feature.get("geometry") or {})
        for point in (polygon[0] if polygon else [])
    ]
    if not points:
        return [-180.0, 180.0], [-90.0, 90.0]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad_lon, pad_lat = 0.02 * (max(lons) - min(lons)), 0.02 * (max(lats) - min(lats))
    return [min(lons) - pad_lon, max(lons) + pad_lon], [min(lats) - pad_lat, max(lats) + pad_lat]


def _polygons(geometry: Mapping) -> list:
    coordinates = geometry.get("coordinates") or []
    return [coordinates] if geometry.get("type") == "Polygon" else list(coordinates)


def _two_lines(name: str) -> str:
    """'Nordwestliche Hochebene-Talgrund' -> 'Nordwestliche<br>Hochebene-Talgrund' (at the middle break)."""
    if len(name) <= _LABEL_WRAP:
        return name
    breaks = [i for i, char in enumerate(name) if char in " -"]
    if not breaks:
        return name
    cut = min(breaks, key=lambda i: abs(i - len(name) / 2))
    return (
        f"{name[: cut + 1].rstrip()}<br>{name[cut + 1 :]}"
        if name[cut] == "-"
        else f"{name[:cut]}<br>{name[cut + 1 :]}"
    )


def _outline_trace(geojson: Mapping, code: str) -> go.Choropleth:
    """The highlighted district's border, drawn over its neighbours' white borders."""
    return go.Choropleth(
        geojson=geojson,
        featureidkey=FEATURE_ID_KEY,
        locations=[code],
        z=[0],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"color": theme.TEXT, "width": 3}},
        hoverinfo="skip",
        name="highlight",
    )


def _label_trace(
    points: Sequence[tuple[str, float, float]], names: Mapping[str, str], highlight: str | None
) -> go.Scattergeo:
    shown = [point for point in points if point[0] in names]
    return go.Scattergeo(
        lon=[lon for _, lon, _ in shown],
        lat=[lat for _, _, lat in shown],
        text=[
            f"<b>{_two_lines(names[code])}</b>" if code == highlight else _two_lines(names[code])
            for code, _, _ in shown
        ],
        mode="text",
        textfont={"size": 10, "color": theme.TEXT, "shadow": "0 0 2px white, 0 0 3px white"},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
    )


def _no_data_trace(geojson: Mapping, codes: list[str], names: Mapping[str, str], lang: str) -> go.Choropleth:
    no_data = i18n.t("figure.no_map_data", lang)
    return go.Choropleth(
        geojson=geojson,
        featureidkey=FEATURE_ID_KEY,
        locations=codes,
        z=[0] * len(codes),
        colorscale=[[0, _NO_DATA], [1, _NO_DATA]],
        showscale=False,
        marker={"line": {"color": "white", "width": 1}},
        hovertext=[f"<b>{names[code]}</b><br>{no_data}" for code in codes],
        hovertemplate="%{hovertext}<extra></extra>",
        name=no_data,
    )


def _summary(
    ctx: ChartContext, rows: pd.DataFrame, names: Mapping[str, str], unit: str, period_text: str
) -> str:
    head = f"{i18n.t('figure.map', ctx.lang)}: {ctx.title}".rstrip(": ")
    ordered = rows.sort_values("value")
    low, high = ordered.iloc[0], ordered.iloc[-1]

    def describe(row: pd.Series) -> str:
        value = i18n.format_value(float(row["value"]), unit, ctx.lang, with_unit=True)
        return f"{names[str(row['region'])]} ({value})"

    extremes = i18n.t("figure.highest_lowest", ctx.lang, high=describe(high), low=describe(low))
    count = i18n.tn("figure.points_count", len(rows), ctx.lang)
    return f"{head}, {period_text}, {count}, {extremes}"
