"""Investments and funding decisions: a bubble timeline, jobs announced, stacked totals per year.

Amounts are EUR. Announcements are drawn as open circles and decided or realised amounts as filled
ones, so a planned investment never reads like money already committed. Entity names stand above
their row (not beside the axis), so the plot keeps the card's full width on a phone.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.figures.theme import ChartContext

COLOR_BY = ("indicator", "status")
KIND_COLORS = {"investment": theme.OKABE_ITO["blue"], "public": theme.OKABE_ITO["vermillion"]}
JOBS_COLOR = theme.OKABE_ITO["bluish_green"]
MAX_BUBBLE_PX = 38  # diameter of the largest amount
ROW_PX = 56  # an entity's row: its name above, its bubbles below
KEY_PX = 58  # the size key above the rows
LEGEND_PX = 30  # the legend's line above the size key
BAR_ROW_PX = 46
LABELLED = 6  # amount labels for the largest bubbles
LABEL_ROOM = 0.25  # share of the time axis an amount label needs beside its bubble
_PAD_DAYS = 150


def _framed(
    data: list[dict], layout: dict, ctx: ChartContext, summary: str, extra: Sequence[dict] = ()
) -> go.Figure:
    """The figure with the shared frame (theme.apply_frame: title, subtitle, source and date lines,
    summary) built in one validating pass: the frame is drawn on an empty figure with the same x axis
    and laid under the chart's own layout; `extra` annotations join the frame's."""
    axis = {
        "xaxis": {key: layout["xaxis"][key] for key in ("visible", "title") if key in layout.get("xaxis", {})}
    }
    frame = theme.apply_frame(go.Figure(layout=axis), ctx, summary).layout.to_plotly_json()
    frame.pop("xaxis", None)
    annotations = [*frame.pop("annotations", []), *extra]
    return go.Figure({"data": data, "layout": {**layout, **frame, "annotations": annotations}})


def _money_rows(frame: pd.DataFrame | None) -> pd.DataFrame:
    rows = theme.finite_rows(frame)
    if rows.empty:
        return rows
    if "unit" in rows:
        rows = rows[rows["unit"] == "EUR"]
    if "status" not in rows:
        rows = rows.assign(status="actual")
    return rows.assign(breakdown=rows["breakdown"].fillna("").astype(str)) if "breakdown" in rows else rows


def _dates(rows: pd.DataFrame) -> pd.Series:
    if "period_start" in rows:
        return pd.to_datetime(rows["period_start"])
    return pd.to_datetime(rows["period"].astype(str).str[:4] + "-01-01")


def _group_name(key: str, color_by: str, labels: Mapping[str, str] | None, lang: str) -> str:
    if color_by == "status":
        label = i18n.status_label(key, lang)
        return label[:1].upper() + label[1:]
    return theme.label_for(key, labels, lang)


def _year_ticks(dates: pd.Series) -> dict:
    years = dates.dt.year
    step = max(1, math.ceil((years.max() - years.min() + 1) / 8))
    return {"type": "date", "tickformat": "%Y", "dtick": f"M{12 * step}", "tick0": f"{years.min()}-01-01"}


def label_positions(
    x: pd.Series, row: pd.Series, value: pd.Series, count: int = LABELLED, edge: float = 0.0
) -> pd.Series:
    """Where each bubble's amount label goes: 'middle right', 'middle left' or '' (no label).

    Each row's largest bubble may get a label, the `count` largest of those do: on the side where the
    next bubble of its row (or the plot's edge, `edge` beyond the last date, as a share of the time
    span) is at least LABEL_ROOM of the time span away, right first. A smaller bubble at the same
    date lies inside the labelled one and does not count.
    """
    positions = pd.Series("", index=x.index, dtype=object)
    if x.empty:
        return positions
    seconds = (x - x.min()).dt.total_seconds()
    share = seconds / (float(seconds.max()) or 1.0)
    dates = pd.DataFrame({"row": row, "share": share}).drop_duplicates().sort_values(["row", "share"])
    dates["after"] = dates.groupby("row")["share"].shift(-1) - dates["share"]
    dates["before"] = dates["share"] - dates.groupby("row")["share"].shift(1)
    room = pd.DataFrame({"row": row, "share": share}).merge(dates, on=["row", "share"], how="left")
    after = room["after"].fillna(math.inf).clip(upper=1 + edge - share.to_numpy()).set_axis(x.index)
    before = room["before"].fillna(math.inf).clip(upper=edge + share.to_numpy()).set_axis(x.index)
    size = value.abs()
    top_of_row = pd.Series(x.index.isin(size.groupby(row).idxmax().to_numpy()), index=x.index)
    chosen = top_of_row & size.where(top_of_row).rank(method="first", ascending=False).le(count)
    positions[chosen & after.ge(LABEL_ROOM)] = "middle right"
    positions[chosen & after.lt(LABEL_ROOM) & before.ge(LABEL_ROOM)] = "middle left"
    return positions


def key_amounts(largest: float) -> list[float]:
    """Round amounts for the size key: the largest as a round number and two smaller steps."""
    if largest <= 0:
        return []
    top = 10 ** math.floor(math.log10(largest))
    top *= max(step for step in (1, 2, 5) if step * top <= largest)
    return [top / 100, top / 10, top] if top / 100 >= 1 else [top]


def funding_timeline(
    frame: pd.DataFrame,
    ctx: ChartContext,
    labels: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    kind_labels: Mapping[str, str] | None = None,
    indicator_labels: Mapping[str, str] | None = None,
    key_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """x = date of the figure, one row per entity (breakdown, named by `labels`), bubble area = amount,
    colour = kind of money (`kinds`: indicator -> 'investment' or 'public', named by `kind_labels`),
    open circle = announcement. A size key above the rows; the largest amounts are labelled.

    `key_labels` names the marker legend: {"announced": ..., "decided": ...}.
    """
    rows = _money_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    ctx = theme.with_defaults(ctx, rows, "EUR")
    lang, kinds, key_labels = ctx.lang, kinds or {}, key_labels or {}
    rows = rows.assign(_x=_dates(rows)).sort_values("_x", kind="stable")
    rows = rows.assign(_kind=rows["indicator"].astype(str).map(kinds).fillna("investment"))
    names = {key: theme.label_for(key, labels, lang) for key in rows["breakdown"].unique()}
    rows = rows.assign(_name=rows["breakdown"].map(names))
    entities = list(dict.fromkeys(rows["breakdown"]))  # earliest first, on top
    rows = rows.assign(_row=-rows["breakdown"].map({key: n for n, key in enumerate(entities)}))
    seconds = float((rows["_x"].max() - rows["_x"].min()).total_seconds()) or 1.0
    edge = 2 * pd.Timedelta(days=_PAD_DAYS).total_seconds() / seconds
    rows = rows.assign(_label=label_positions(rows["_x"], rows["_row"], rows["value"], edge=edge))
    sizeref = 2.0 * float(rows["value"].abs().max()) / MAX_BUBBLE_PX**2 or 1.0
    traces: list[dict] = []
    for kind in dict.fromkeys([*KIND_COLORS, *rows["_kind"]]):
        group = rows[rows["_kind"] == kind]
        if not group.empty:
            name = (kind_labels or {}).get(kind, kind)
            color = KIND_COLORS.get(kind, theme.PALETTE[2])
            # One trace per entity, source and note: what every hover of the trace repeats is said
            # once in its template, so a long series of bubbles does not repeat it per point.
            shared = group.assign(_source=_source_lines(group, lang))
            traces += [
                _bubbles(part, name, color, sizeref, indicator_labels, lang)
                for _, part in shared.groupby(["breakdown", "_source"], sort=False)
            ]
            traces.append(_legend_marker("circle", name, color))
    for symbol, key in (("circle-open", "announced"), ("circle", "decided")):
        if key in key_labels:
            traces.append(_legend_marker(symbol, key_labels[key], theme.FOOTER))
    traces += _size_key(float(rows["value"].abs().max()), sizeref, lang)
    padding = pd.Timedelta(days=_PAD_DAYS)
    layout = theme.base_layout(lang)
    hidden = {"visible": False, "fixedrange": True}
    rows_px, plot_px = ROW_PX * len(entities), ROW_PX * len(entities) + KEY_PX
    split = rows_px / plot_px
    layout.update(
        xaxis={
            **layout["xaxis"],
            "showgrid": False,
            "range": [rows["_x"].min() - padding, rows["_x"].max() + 2 * padding],
            **_year_ticks(rows["_x"]),
        },
        yaxis={
            **layout["yaxis"],
            "range": [-(len(entities) - 1) - 0.55, 0.85],
            "tickvals": [-n for n in range(len(entities))],
            "showticklabels": False,
            "ticks": "",
            "fixedrange": True,
            "domain": [0, split],
        },
        xaxis2={**hidden, "range": [0, 1], "anchor": "y2"},
        yaxis2={**hidden, "range": [-1, 1], "anchor": "x2", "domain": [split, 1]},
        # The legend in one line above the plot, so the plot keeps the card's width (a phone's narrow
        # layout moves it, see assets).
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom"},
    )
    if not ctx.subtitle:
        ctx = replace(ctx, subtitle=f"{i18n.t('axis.amount', lang)} (€), {_span(rows, lang)}")
    names_above = _names_above(entities, labels, lang, MAX_BUBBLE_PX / 2 - 2, "rgba(255,255,255,0.75)")
    fig = _framed(traces, layout, ctx, _timeline_summary(rows, ctx, labels), names_above)
    top = (fig.layout.margin.t or 0) + LEGEND_PX
    fig.layout.margin.update(l=16, r=16, t=top)  # no tick labels on the left: the names stand above the rows
    fig.layout.height = int(top + (fig.layout.margin.b or 0) + plot_px)
    return fig


def _bubbles(
    group: pd.DataFrame,
    name: str,
    color: str,
    sizeref: float,
    indicator_labels: Mapping[str, str] | None,
    lang: str,
) -> dict:
    """The bubbles of one kind, entity and source (see _source_lines): the hover template names the
    entity and the source once; each point's hover text has its period, amount, status and indicator."""
    records = group.to_dict("records")  # one per bubble: at most one per entity, indicator and year
    announced = group["status"].eq("announcement").tolist()
    unsourced = {"source_title": "", "publisher": "", "source": "", "note": ""}
    hover = [  # theme.point_hover's lines without the name (first) and the source and note
        theme.point_hover(
            "", {**row, **unsourced}, "EUR", lang, extra=_indicator_name(row, indicator_labels, lang)
        ).split("<br>", 1)[-1]
        for row in records
    ]
    head = f"<b>{_template_text(str(records[0]['_name']))}</b><br>"
    tail = records[0]["_source"]
    text = [
        i18n.format_value(row["value"], "EUR", lang, theme.text_of(row.get("qualifier")))
        if row["_label"]
        else ""
        for row in records
    ]
    return {
        "type": "scatter",
        "x": group["_x"].dt.strftime("%Y-%m-%d").tolist(),  # figures are dated by day
        "y": group["_row"].tolist(),
        "name": name,
        "mode": "markers+text",
        "marker": {
            "size": group["value"].abs().tolist(),
            "sizemode": "area",
            "sizeref": sizeref,
            "sizemin": 5,
            "color": color,
            "opacity": 0.8,
            "symbol": ["circle-open" if flag else "circle" for flag in announced],
            "line": {"color": color, "width": 2},
        },
        "text": text,
        "textposition": (  # one position where no bubble of the trace is labelled
            [position or "middle right" for position in group["_label"]] if any(text) else "middle right"
        ),
        "textfont": {"size": 11, "color": theme.TEXT},
        "hovertext": hover,
        "hovertemplate": f"{head}%{{hovertext}}{tail}<extra></extra>",
        "cliponaxis": False,
        "showlegend": False,
        "legendgroup": name,
    }


def _legend_marker(symbol: str, name: str, color: str) -> dict:
    """A legend entry only: a kind's colour, or what open and filled circles mean."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": name,
        "marker": {"symbol": symbol, "size": 11, "color": color, "line": {"color": color, "width": 2}},
        "hoverinfo": "skip",
        "legendgroup": name,  # a kind's entry shows and hides its bubbles
    }


def _size_key(largest: float, sizeref: float, lang: str) -> list[dict]:
    """Reference bubbles above the rows (same scale as the data): the size key."""
    amounts = key_amounts(largest)
    if not amounts:
        return []
    return [
        {
            "type": "scatter",
            "x": [0.02 + 0.32 * n for n in range(len(amounts))],
            "y": [0] * len(amounts),
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "markers+text",
            "marker": {
                "size": amounts,
                "sizemode": "area",
                "sizeref": sizeref,
                "sizemin": 5,
                "color": "rgba(0,0,0,0)",
                "line": {"color": theme.FOOTER, "width": 1.5},
            },
            "text": [i18n.format_value(amount, "EUR", lang) for amount in amounts],
            "textposition": "middle right",
            "textfont": {"size": 11, "color": theme.FOOTER},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "size-key",
            "cliponaxis": False,
        }
    ]


def _source_lines(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Per row the hover's source and note lines (as theme.point_hover writes them), computed once per
    distinct source and note, as one text for a hover template (starting with a line break)."""
    columns = [c for c in ("source_title", "publisher", "source", "note") if c in rows.columns]
    cells = rows[columns].astype("string").fillna("").rename(columns=str)
    label = i18n.t("common.source_label", lang)

    def lines(row: tuple[str, ...]) -> str:
        cell = dict(zip(columns, row, strict=True))
        source = cell.get("source_title") or cell.get("publisher") or cell.get("source") or ""
        parts = [
            f"{label}: {textwrap.shorten(source, 90)}" if source else "",
            textwrap.shorten(cell.get("note", ""), 90),
        ]
        return "".join(f"<br>{_template_text(part)}" for part in parts if part)

    groups = cells.groupby(columns, sort=False, dropna=False).ngroup()  # numbered as first seen
    texts = [lines(row) for row in cells.drop_duplicates().itertuples(index=False, name=None)]  # sources
    return pd.Series(texts, dtype=object).take(groups.to_numpy()).set_axis(rows.index)


def _template_text(text: str) -> str:
    """Text inside a hover template: a literal '%{' would be read as a placeholder."""
    return text.replace("%{", "% {")


def _indicator_name(row: Mapping[str, object], labels: Mapping[str, str] | None, lang: str) -> str:
    code = theme.text_of(row.get("indicator"))
    return theme.label_for(code, labels, lang) if code else ""


def _span(rows: pd.DataFrame, lang: str) -> str:
    years = rows["_x"].dt.year
    return i18n.format_span(str(years.min()), str(years.max()), lang)


def _timeline_summary(rows: pd.DataFrame, ctx: ChartContext, labels: Mapping[str, str] | None) -> str:
    head = f"{i18n.t('figure.timeline', ctx.lang)}: {ctx.title}".rstrip(": ")
    largest = rows.loc[rows["value"].abs().idxmax()]
    amount = i18n.format_value(
        float(largest["value"]), "EUR", ctx.lang, theme.text_of(largest.get("qualifier"))
    )
    name = theme.label_for(str(largest["breakdown"]), labels, ctx.lang).replace("<br>", " ")
    count = i18n.tn("figure.points_count", len(rows), ctx.lang)
    top = i18n.t("figure.largest", ctx.lang, name=name, amount=amount, year=largest["_x"].year)
    return f"{head}, {_span(rows, ctx.lang)}, {count}, {top}"


def jobs_bars(frame: pd.DataFrame, ctx: ChartContext, labels: Mapping[str, str] | None = None) -> go.Figure:
    """Jobs announced: one bar per entity (its latest figure), the amount and year at the bar's end;
    names above the bars. Jobs are counted, not money: never added to the amounts."""
    rows = theme.finite_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    ctx = theme.with_defaults(ctx, rows, "jobs")
    lang = ctx.lang
    rows = rows.reset_index(drop=True)
    rows = rows.assign(_x=_dates(rows), _row=-pd.Series(range(len(rows)), dtype=float))
    text = [
        f"{i18n.format_value(value, 'jobs', lang, theme.text_of(qualifier))} ({x.year})"
        for value, qualifier, x in zip(
            rows["value"], rows.get("qualifier", [""] * len(rows)), rows["_x"], strict=True
        )
    ]
    hover = [
        theme.point_hover(theme.label_for(str(row["breakdown"]), labels, lang), row, "jobs", lang)
        for row in rows.to_dict("records")
    ]
    bars = {
        "type": "bar",
        "x": rows["value"].tolist(),
        "y": rows["_row"].tolist(),
        "orientation": "h",
        "width": 0.42,
        "marker": {"color": JOBS_COLOR},
        "text": text,
        "textposition": "outside",
        "cliponaxis": False,
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "showlegend": False,
    }
    layout = theme.base_layout(lang)
    layout["xaxis"].update(range=[0, float(rows["value"].max()) * 1.45], rangemode="tozero", fixedrange=True)
    layout["yaxis"].update(range=[-(len(rows) - 1) - 0.6, 0.9], visible=False, fixedrange=True)
    summary = "; ".join(
        f"{theme.label_for(str(key), labels, lang)}: {label}"
        for key, label in zip(rows["breakdown"], text, strict=True)
    )
    names_above = _names_above(rows["breakdown"], labels, lang, 9)
    fig = _framed([bars], layout, ctx, f"{ctx.title}: {summary}", names_above)
    fig.layout.height = int(
        (fig.layout.margin.t or 0) + (fig.layout.margin.b or 0) + BAR_ROW_PX * len(rows) + 30
    )
    return fig


def totals_by_year(
    frame: pd.DataFrame,
    ctx: ChartContext,
    color_by: str = "indicator",
    indicator_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Stacked bars: sum of amounts per year, one colour per indicator (or status). A ctx.subtitle
    (what the bars add) follows the axis title.

    Rows may be single figures or sums of several (an `entries` column counts them); sums of 'up to'
    and 'about' amounts are flagged in the hover rather than hidden.
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {COLOR_BY}, not '{color_by}'")
    rows = _money_rows(frame)
    if rows.empty:
        return theme.empty_figure(i18n.t("common.no_data", ctx.lang), ctx)
    ctx = theme.with_defaults(ctx, rows, "EUR")
    lang = ctx.lang
    rows = rows.assign(_year=_dates(rows).dt.year.astype(int), _key=rows[color_by].astype(str))
    bound = (
        rows["bounded"].astype(bool)
        if "bounded" in rows
        else rows.get("qualifier", pd.Series("", index=rows.index)).fillna("").astype(str).ne("")
    )
    entries = rows["entries"].astype(int) if "entries" in rows else 1
    rows = rows.assign(_bound=bound, _entries=entries)
    totals = rows.groupby(["_year", "_key"], as_index=False).agg(
        value=("value", "sum"), entries=("_entries", "sum"), bound=("_bound", "any")
    )
    divisor, axis_title = theme.money_scale(totals.groupby("_year")["value"].sum(), lang)
    traces = []
    for index, key in enumerate(sorted(totals["_key"].unique())):
        part = totals[totals["_key"] == key]
        name = _group_name(key, color_by, indicator_labels, lang)
        traces.append(
            {
                "type": "bar",
                "x": part["_year"].astype(str).tolist(),  # years as categories: whole years at any width
                "y": (part["value"] / divisor).tolist(),
                "name": name,
                "marker": {"color": theme.series_color(index)},
                "hovertext": [_total_hover(name, row, lang) for row in part.to_dict("records")],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    first, last = int(totals["_year"].min()), int(totals["_year"].max())
    years = [str(year) for year in range(first, last + 1)]  # a year without figures stays visible
    layout = theme.base_layout(lang)
    layout["barmode"] = "stack"
    layout["xaxis"].update(
        type="category",
        categoryorder="array",
        categoryarray=years,
        range=[-0.5, len(years) - 0.5],
        showgrid=False,
    )
    layout["yaxis"].update(title={"text": axis_title}, rangemode="tozero")
    span = i18n.format_span(str(first), str(last), lang)
    ctx = replace(ctx, subtitle=f"{axis_title}: {ctx.subtitle}" if ctx.subtitle else f"{axis_title}, {span}")
    total = i18n.format_value(float(totals["value"].sum()), "EUR", lang)
    head = f"{i18n.t('figure.stacked_bar_chart', lang)}: {ctx.title}".rstrip(": ")
    return _framed(traces, layout, ctx, f"{head}, {span}, {total}")


def _total_hover(name: str, row: Mapping[str, object], lang: str) -> str:
    lines = [
        f"<b>{name}</b>",
        f"{row['_year']}: {i18n.format_value(float(row['value']), 'EUR', lang, compact=False)}",  # type: ignore[arg-type]
        i18n.tn("figure.points_count", int(row["entries"]), lang),  # type: ignore[call-overload]
    ]
    if row["bound"]:
        lines.append(i18n.t("figure.includes_bounds", lang))
    return "<br>".join(lines)


def _names_above(keys, labels, lang: str, shift: float, background: str | None = None) -> list[dict]:
    """Each row's name above its row, from the card's left edge: the plot keeps the card's width."""
    names = []
    for number, key in enumerate(keys):
        name = {
            "text": theme.label_for(str(key), labels, lang),
            "xref": "paper",
            "yref": "y",
            "x": 0,
            "y": -number,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": shift,
            "showarrow": False,
            "font": {"size": 12, "color": theme.TEXT},
            "name": f"row-{number}",
        }
        names.append({**name, "bgcolor": background} if background else name)
    return names
