"""The export layout: a chart as a 1200x675 image, the same whatever screen asked for it (pure).

A page's figure is laid out for its card, and on a phone the browser rewraps it
(assets/regiometer-narrow.js). Images must not depend on the screen, so `export_figure` takes the
figure as the server built it and lays it out for one fixed size: title and subtitle wrapped to the
width, a legend that sat inside the plot moved above it, the full source line, "Data as of", the
chart's notes, and a last line with "Regiometer", the permalink's host and path and the data's
licences. The browser draws the image from this layout off-screen (assets/regiometer.js).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

WIDTH, HEIGHT = 1200, 675
TITLE_PX, SUBTITLE_PX, FOOTER_PX, LEGEND_PX = 22, 15, 12, 13
CHAR_EM = 0.56  # average character width of the sans-serif stack, in em (digits and capitals included)
_FOOTER_LINE = 17
_LEGEND_ROW = 22
_AXIS_GAP = 44  # between the plot area and the footer: x tick labels
_AXIS_TITLE_GAP = 24
_LEFT, _RIGHT = 64, 24


@dataclass(frozen=True)
class ExportFrame:
    """What an exported image says besides the chart: its last footer line, and its size."""

    footer: str  # "Regiometer · example.org/employment?region=X · Licence: CC BY 4.0"
    width: int = WIDTH
    height: int = HEIGHT


def chars_for(width_px: float, font_px: float) -> int:
    """How many characters of text at `font_px` fit in `width_px` (a safe estimate)."""
    return max(20, int(width_px / (font_px * CHAR_EM)))


def wrap(text: str, chars: int) -> list[str]:
    """Lines of at most `chars` characters; an explicit '<br>' stays a line break."""
    lines: list[str] = []
    for piece in str(text or "").split("<br>"):
        lines += textwrap.wrap(piece, chars, break_on_hyphens=False, break_long_words=False) or [""]
    return lines if any(lines) else []


def _as_dict(figure: go.Figure | Mapping[str, Any]) -> dict[str, Any]:
    """Plain dicts and lists, no validation on the way; a mapping is copied where it is changed
    (export_figure replaces the layout's parts instead of editing them)."""
    if isinstance(figure, go.Figure):
        return figure.to_plotly_json()
    return dict(figure)


def _footer_texts(layout: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(source and date texts, notes) from the figure's meta (theme.apply_frame stores them
    unwrapped), else the footer annotations' lines as they are."""
    meta = layout.get("meta")
    parts = meta.get("footer") if isinstance(meta, Mapping) else None
    if isinstance(parts, Mapping):
        main = [str(parts.get(key) or "") for key in ("source", "as_of")]
        return [text for text in main if text], [str(note) for note in parts.get("notes") or [] if note]
    lines = [
        str(a.get("text", ""))
        for a in layout.get("annotations") or []
        if str(a.get("name", "")).startswith("footer-")
    ]
    return lines, []


def legend_entries(data: Iterable[Mapping[str, Any]]) -> list[str]:
    """The names the legend shows (one per legend group)."""
    names, groups = [], set()
    for trace in data:
        if trace.get("showlegend") is False or not trace.get("name") or trace.get("visible") is False:
            continue
        if trace.get("type") in ("choropleth", "choroplethmap", "pie"):
            continue
        group = trace.get("legendgroup")
        if group and group in groups:
            continue
        groups.add(group)
        names.append(str(trace["name"]))
    return names


def legend_inside(layout: Mapping[str, Any]) -> bool:
    """Whether the legend sits over the plot area (it would cover data in another layout)."""
    legend = layout.get("legend") or {}
    x, y = legend.get("x", 1.02), legend.get("y", 1.0)
    paper = legend.get("xref", "paper") == "paper" and legend.get("yref", "paper") == "paper"
    return paper and 0 <= float(x) <= 1 and 0 <= float(y) < 1


def legend_rows(names: list[str], width_px: float) -> int:
    """Rows of a horizontal legend of these entries at `width_px` (symbol and gap per entry)."""
    rows, used = 1, 0.0
    for name in names:
        item = 44 + len(name) * LEGEND_PX * CHAR_EM
        if used and used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _footer_gap(figure: Mapping[str, Any]) -> int:
    layout = figure.get("layout", {})
    xaxis = layout.get("xaxis") or {}
    if xaxis.get("visible") is False or any(
        str(t.get("type", "")).startswith(("choropleth", "scattergeo")) for t in figure.get("data", [])
    ):
        return 8
    title = xaxis.get("title")
    has_title = bool(title.get("text") if isinstance(title, Mapping) else title)
    return _AXIS_GAP + (_AXIS_TITLE_GAP if has_title else 0)


def _title_text(layout: Mapping[str, Any]) -> tuple[dict[str, Any], str, str]:
    title = layout.get("title") or {}
    if isinstance(title, str):
        title = {"text": title}
    subtitle = title.get("subtitle") or {}
    return dict(title), str(title.get("text") or ""), str(subtitle.get("text") or "")


def export_figure(figure: go.Figure | Mapping[str, Any], frame: ExportFrame) -> dict[str, Any]:
    """The figure laid out for a `frame.width` x `frame.height` image (a plain plotly JSON dict)."""
    out = _as_dict(figure)
    layout: dict[str, Any] = dict(out.get("layout") or {})
    margin = dict(layout.get("margin") or {})
    left, right = int(margin.get("l") or _LEFT), int(margin.get("r") or _RIGHT)
    inner = frame.width - left - right

    title, title_text, subtitle_text = _title_text(layout)
    title_lines = wrap(title_text, chars_for(inner, TITLE_PX))
    subtitle_lines = wrap(subtitle_text, chars_for(inner, SUBTITLE_PX))
    # plotly.js centres a title of several lines on its anchor: each further line moves it half a line.
    anchor = 10 + (len(title_lines) - 1) * 0.65 * TITLE_PX
    title.update(
        text="<br>".join(title_lines),
        x=0,
        xanchor="left",
        xref="paper",
        y=1 - anchor / frame.height,
        yanchor="top",
    )
    title["yref"] = "container"
    title["font"] = {**(title.get("font") or {}), "size": TITLE_PX}
    if subtitle_lines:
        subtitle = dict(title.get("subtitle") or {})
        subtitle["text"] = "<br>".join(subtitle_lines)
        subtitle["font"] = {**(subtitle.get("font") or {}), "size": SUBTITLE_PX}
        title["subtitle"] = subtitle
    top = 14 + int(TITLE_PX * 1.3) * len(title_lines) + int(SUBTITLE_PX * 1.35) * len(subtitle_lines) + 14

    names = legend_entries(out.get("data", []))
    if len(names) > 1 and layout.get("showlegend") is not False and legend_inside(layout):
        rows = legend_rows(names, inner)
        layout["legend"] = {
            **(layout.get("legend") or {}),
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0)",
            "font": {"size": LEGEND_PX},
        }
        top += _LEGEND_ROW * rows + 6

    texts, notes = _footer_texts(layout)
    chars = chars_for(inner, FOOTER_PX)
    own = [f"<b>{line}</b>" for line in wrap(frame.footer, chars)]  # "Regiometer · link · licence"
    lines = [line for text in [*texts, *notes] for line in wrap(text, chars)] + own
    gap = _footer_gap(out)
    kept = [a for a in layout.get("annotations") or [] if not str(a.get("name", "")).startswith("footer-")]
    footers = [
        {
            "text": line,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "top",
            "yshift": -(gap + _FOOTER_LINE * number),
            "showarrow": False,
            "align": "left",
            "font": {"size": FOOTER_PX, "color": "#555555"},
            "name": f"footer-{number}",
        }
        for number, line in enumerate(lines)
    ]
    layout.update(
        title=title,
        annotations=[*kept, *footers],
        margin={**margin, "l": left, "r": right, "t": top, "b": gap + _FOOTER_LINE * len(lines) + 14},
        width=frame.width,
        height=frame.height,
        autosize=False,
    )
    out["layout"] = layout
    return out
