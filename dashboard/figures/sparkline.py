"""Tiny trend line for indicator cards, as an SVG image: no axes, no text, no interaction.

A card's trend needs no plotly.js: drawn by plotly, the five cards of the overview cost the browser a
plot each before the page's first real chart. The SVG is computed here, pure, and shown as an <img>
whose alt text says what the line shows ('2012–2023: from 51,660 to 81,000 persons').
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.timeseries import x_values

SPARK_HEIGHT = 48  # px; the width is the card's
VIEW_WIDTH = 200  # the SVG's own units across; stretched to the card's width
PAD = {"left": 2, "right": 6, "top": 5, "bottom": 5}  # room for the line's and the dot's round ends
LINE_PX = 2
DOT_PX = 6


@dataclass(frozen=True)
class Sparkline:
    svg: str  # '' if there is nothing to draw
    summary: str  # what the line shows, for the image's alt text

    @property
    def src(self) -> str:
        """The SVG as a data: URL for an <img>."""
        return "data:image/svg+xml," + quote(self.svg)


def sparkline(
    frame: pd.DataFrame, lang: str = "en", color: str = theme.OKABE_ITO["blue"], height: int = SPARK_HEIGHT
) -> Sparkline:
    """Observed values (actual, provisional, estimate) over time, the last point marked."""
    rows = theme.finite_rows(frame)
    if not rows.empty and "status" in rows:
        rows = rows[rows["status"].isin(theme.STATUS_ACTUAL + theme.STATUS_TENTATIVE)]
    if rows.empty:
        return Sparkline("", i18n.t("common.no_data", lang))
    rows = rows.assign(_x=x_values(rows)).sort_values("_x").drop_duplicates("_x", keep="last")
    return Sparkline(_svg(rows, color, height), _summary(rows, lang))


def _scaled(values: np.ndarray, start: float, end: float) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high == low:
        return np.full(len(values), (start + end) / 2)
    return start + (values - low) / (high - low) * (end - start)


def _svg(rows: pd.DataFrame, color: str, height: int) -> str:
    times = rows["_x"].to_numpy(dtype="datetime64[s]").astype(np.int64).astype(float)
    xs = _scaled(times, PAD["left"], VIEW_WIDTH - PAD["right"])
    ys = _scaled(rows["value"].to_numpy(dtype=float), height - PAD["bottom"], PAD["top"])  # up is more
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    # Stretched to the card's width (preserveAspectRatio none), lines keep their width and the dot its
    # roundness: non-scaling strokes, the dot a zero-length line with round ends.
    stroke = f'fill="none" stroke="{color}" stroke-linecap="round" vector-effect="non-scaling-stroke"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW_WIDTH} {height}" '
        f'preserveAspectRatio="none">'
        f'<polyline points="{points}" {stroke} stroke-width="{LINE_PX}" stroke-linejoin="round"/>'
        f'<path d="M{xs[-1]:.1f} {ys[-1]:.1f}h0" {stroke} stroke-width="{DOT_PX}"/>'
        "</svg>"
    )


def _summary(rows: pd.DataFrame, lang: str) -> str:
    """'2012–2023: from 51,660 to 81,000 persons' for the image's alt text."""
    unit = theme.frame_unit(rows)
    first, last = rows.iloc[0], rows.iloc[-1]
    span = i18n.format_span(str(first["period"]), str(last["period"]), lang)
    change = i18n.t(
        "figure.from_to",
        lang,
        start=i18n.format_value(float(first["value"]), unit, lang, theme.text_of(first.get("qualifier"))),
        end=i18n.format_value(
            float(last["value"]), unit, lang, theme.text_of(last.get("qualifier")), with_unit=True
        ),
    )
    return f"{span}: {change}"
