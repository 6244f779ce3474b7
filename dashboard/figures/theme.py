"""Look and frame shared by every figure: palette, layout, title, source and date lines, summaries.

`apply_frame` burns title, subtitle, "Source: ..." and "Data as of ..." into the figure itself so
that PNG/SVG exports carry them, and stores a plain-text summary in `layout.meta` for screen readers.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n

# Okabe–Ito: distinguishable with the common colour-vision deficiencies. Yellow last: weak on white.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "yellow": "#F0E442",
}
PALETTE = list(OKABE_ITO.values())
MUTED = "#B0B0B0"  # context (non-highlighted bars, districts without data)
TEXT = "#222222"
GRID = "#E6E6E6"
FOOTER = "#555555"
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
SEQUENTIAL_SCALE = "Cividis"  # perceptually uniform, readable with colour-vision deficiencies
STATUS_ACTUAL = ("actual",)
STATUS_TENTATIVE = ("provisional", "estimate", "projection")

_MARGIN = {"l": 64, "r": 24, "t": 96}
_FOOTER_LINE_PX = 16
_FOOTER_GAP_PX = 44  # room between the plot area and the footer for x tick labels
_AXIS_TITLE_PX = 24
_WRAP = 110  # characters per footer line; long source lists wrap instead of being cut off


@dataclass(frozen=True)
class ChartContext:
    """What a figure says about itself besides the data."""

    lang: str = "en"
    title: str = ""
    subtitle: str = ""
    unit_label: str = ""  # axis title; builders derive it from the frame's unit when empty
    source_line: str = (
        ""  # e.g. "Cluster association; Ministry of Economics"; builders derive it from the frame when empty
    )
    data_as_of: date | str | None = None  # a date, or ISO text of any precision ('2024-06' for June 2024)
    height: int | None = None  # whole figure in px; None lets the container decide


def series_color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def base_layout(lang: str) -> dict:
    """Layout shared by all charts: white, light grid, responsive, locale separators."""
    axis = {
        "showgrid": True,
        "gridcolor": GRID,
        "zeroline": False,
        "linecolor": "#999999",
        "ticks": "outside",
        "tickcolor": "#999999",
        "separatethousands": True,
        "exponentformat": "none",  # 80,000 not 80k; 5,000,000,000 not 5G
        "automargin": True,
    }
    return {
        "template": "none",
        "autosize": True,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT},
        "colorway": PALETTE,
        "separators": i18n.separators(lang),
        "xaxis": dict(axis),
        "yaxis": dict(axis),
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"family": FONT_FAMILY, "size": 13}},
        # Right of the plot: a legend above it would run into the subtitle once it wraps.
        "legend": {"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top"},
    }


def source_names(frame: pd.DataFrame | None) -> list[str]:
    """Distinct publishers (else source titles, else slugs) in order of first appearance."""
    if frame is None or frame.empty:
        return []
    for column in ("publisher", "source_title", "source"):
        if column in frame:
            names = [str(name).strip() for name in frame[column].dropna().unique()]
            names = [name for name in names if name and name != "nan"]
            if names:
                return names
    return []


def with_defaults(ctx: ChartContext, frame: pd.DataFrame | None, unit: str = "") -> ChartContext:
    """Fill the unit label and source line from the data when the caller left them empty."""
    changes: dict[str, Any] = {}
    if not ctx.unit_label and unit:
        changes["unit_label"] = i18n.unit_label(unit, ctx.lang)
    if not ctx.source_line:
        changes["source_line"] = "; ".join(source_names(frame))
    return replace(ctx, **changes) if changes else ctx


def footer_lines(ctx: ChartContext, extra: Iterable[str] = ()) -> list[str]:
    lines: list[str] = []
    if ctx.source_line:
        key = "common.sources" if ";" in ctx.source_line else "common.source"
        lines += textwrap.wrap(i18n.t(key, ctx.lang, sources=ctx.source_line), _WRAP) or [""]
    if ctx.data_as_of:
        day = ctx.data_as_of
        text = i18n.format_period(day, ctx.lang) if isinstance(day, str) else i18n.format_date(day, ctx.lang)
        lines.append(i18n.t("common.data_as_of", ctx.lang, date=text))
    return lines + [line for line in extra if line]


def footer_parts(ctx: ChartContext, extra: Iterable[str] = ()) -> dict[str, object]:
    """The footer unwrapped ({"source", "as_of", "notes"}): exports and embeds rewrap it to their width."""
    source = ""
    if ctx.source_line:
        source = i18n.t(
            "common.sources" if ";" in ctx.source_line else "common.source", ctx.lang, sources=ctx.source_line
        )
    lines = footer_lines(replace(ctx, source_line=""))
    return {"source": source, "as_of": lines[0] if lines else "", "notes": [line for line in extra if line]}


def apply_frame(
    fig: go.Figure, ctx: ChartContext, summary: str = "", extra_lines: Iterable[str] = ()
) -> go.Figure:
    """Title, subtitle, source and as-of lines, separators, and the screen-reader summary."""
    extra_lines = list(extra_lines)
    lines = footer_lines(ctx, extra_lines)
    gap = _footer_gap(fig)
    bottom = gap + _FOOTER_LINE_PX * len(lines) + 12
    title = {"text": ctx.title, "x": 0, "xanchor": "left", "xref": "paper", "y": 0.98, "yanchor": "top"}
    if ctx.subtitle:
        title["subtitle"] = {"text": ctx.subtitle, "font": {"size": 13, "color": FOOTER}}
    fig.update_layout(
        title=title,
        title_font={"size": 17},
        margin={**_MARGIN, "b": bottom},
        separators=i18n.separators(ctx.lang),
        meta={"summary": summary or ctx.title, "lang": ctx.lang, "footer": footer_parts(ctx, extra_lines)},
    )
    for number, line in enumerate(lines):
        fig.add_annotation(
            text=line,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-(gap + _FOOTER_LINE_PX * number),
            showarrow=False,
            align="left",
            font={"size": 11, "color": FOOTER},
            name=f"footer-{number}",
        )
    if ctx.height:
        fig.update_layout(height=ctx.height)
    return fig


def _footer_gap(fig: go.Figure) -> int:
    """Pixels between the plot area and the footer: room for x tick labels and the x-axis title."""
    if fig.layout.xaxis.visible is False or any(trace.type == "choropleth" for trace in fig.data):
        return 8
    return _FOOTER_GAP_PX + (_AXIS_TITLE_PX if fig.layout.xaxis.title.text else 0)


def empty_figure(message: str, ctx: ChartContext) -> go.Figure:
    """A framed figure that says why there is nothing to show."""
    fig = go.Figure(layout=base_layout(ctx.lang))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(dragmode=False, hovermode=False)
    fig.add_annotation(
        text=message,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 15, "color": FOOTER},
        name="empty-message",
    )
    return apply_frame(fig, ctx, summary=f"{ctx.title}: {message}" if ctx.title else message)


def summary_of(fig: go.Figure) -> str:
    """The screen-reader summary apply_frame stored (for aria-label / figcaption in pages)."""
    meta = fig.layout.meta
    return str(meta.get("summary", "")) if isinstance(meta, dict) else ""


# Where plotly.js finds the base topologies of geo subplots: this site (assets/vendor/topojson), never a CDN.
TOPOJSON_URL = "/assets/vendor/topojson/"


def graph_config(lang: str, filename: str = "regiometer-chart") -> dict:
    """dcc.Graph config: no Plotly logo, base maps from this site; images come from the export menu
    (its fixed export layout), not from the mode bar's camera (the layout on screen). plotly.js 4
    offers a "Share chart" button that uploads the chart to Plotly's cloud: never on this site."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "locale": i18n.normalise_lang(lang),
        "responsive": True,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": 1000,
            "height": 600,
            "scale": 2,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toImage"],
    }


def year_ticks(first: int, last: int) -> dict:
    """Axis settings for integer years: whole-year ticks (never 2012.5), at most about ten of them."""
    step = max(1, math.ceil((last - first + 1) / 10))
    return {
        "tickformat": "d",
        "dtick": step,
        "tick0": first,
        "range": [first - 0.5, last + 0.5],
        "showgrid": False,
    }


def money_scale(values: Iterable[float], lang: str) -> tuple[float, str]:
    """Divisor and axis title for EUR amounts, so axes read '4.2' with '€ million', not 4200000."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    top = max(finite, default=0.0)
    for size, key in ((1e9, "unit.eur_billion"), (1e6, "unit.eur_million"), (1e3, "unit.eur_thousand")):
        if top >= size:
            return size, i18n.t(key, lang)
    return 1.0, i18n.unit_label("EUR", lang)


def axis_scale(unit: str, values: Iterable[float], ctx: ChartContext) -> tuple[float, str]:
    """Divisor for plotted values and the value-axis title."""
    if unit == "EUR":
        divisor, label = money_scale(values, ctx.lang)
        return divisor, label
    return 1.0, ctx.unit_label or i18n.unit_label(unit, ctx.lang)


def frame_unit(frame: pd.DataFrame) -> str:
    """The frame's unit code; '' if it has none or mixes several (then values are not comparable)."""
    if "unit" not in frame:
        return ""
    units = [u for u in frame["unit"].dropna().astype(str).unique() if u]
    return units[0] if len(units) == 1 else ""


def label_for(
    code: str, labels: Mapping[str, str] | None, lang: str, *, total_key: str = "common.total"
) -> str:
    """Display name for a breakdown, region, source or indicator code."""
    if labels and code in labels:
        return labels[code]
    if code == "":
        return i18n.t(total_key, lang)
    return code


def point_hover(
    name: str, row: Mapping[str, object], unit: str, lang: str, *, extra: str = "", value_key: str = "value"
) -> str:
    """Hover text for one observation: name, period, exact value with qualifier, status, source, note."""
    value = i18n.format_value(
        _float(row.get(value_key)), unit, lang, text_of(row.get("qualifier")), compact=False, with_unit=True
    )
    period = i18n.format_period(str(row.get("period", "")), lang)
    lines = [f"<b>{name}</b>", f"{period}: {value}" if period else value]
    status = text_of(row.get("status"))
    if status and status not in STATUS_ACTUAL:
        lines.append(i18n.status_label(status, lang))
    if extra:
        lines.append(extra)
    source = text_of(row.get("source_title")) or text_of(row.get("publisher")) or text_of(row.get("source"))
    if source:
        lines.append(f"{i18n.t('common.source_label', lang)}: {_short(source)}")
    note = text_of(row.get("note"))
    if note:
        lines.append(_short(note))
    return "<br>".join(lines)


@lru_cache(maxsize=4096)
def _short(text: str) -> str:
    # Hovers repeat the same few source titles and notes on every point; shorten each once.
    return textwrap.shorten(text, 90)


def text_of(value: object) -> str:
    """A cell as text: '' for None/NaN/NA (pandas may hand either for an empty string column)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def finite_rows(frame: pd.DataFrame | None) -> pd.DataFrame:
    """Rows with a finite value and a fresh index (callers may concat frames); empty if no data."""
    if frame is None or frame.empty or "value" not in frame:
        return pd.DataFrame()
    values = pd.to_numeric(frame["value"], errors="coerce")
    return frame[values.notna() & values.abs().lt(math.inf)].reset_index(drop=True)
