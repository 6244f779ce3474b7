"""/data: every current observation, filtered, sorted and paged on the server; CSV/XLSX downloads.

Filtering works on positions in the cached frame (no copy of a million rows per callback); only the
25 rows of the visible page are formatted. `as_of` swaps the frame for the values as published then.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

import dash
import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html
from dash.exceptions import MissingCallbackContextException

from dashboard import data
from dashboard.components.urlstate import split_list, url_sync
from dashboard.i18n import (
    format_date,
    format_number,
    format_period,
    format_value,
    normalise_lang,
    status_label,
    t,
    unit_label,
)
from etl.catalog import Catalog
from etl.exporting import to_csv, to_xlsx
from etl.schema import KEY_COLUMNS

dash.register_page(__name__, path="/data", title="Data – Regiometer", order=5)


FACETS = {c: f"data-{c}" for c in ("indicator", "region", "breakdown", "status", "source")}
PERIOD_FROM, PERIOD_TO, SORT, AS_OF, PAGER = "data-from", "data-to", "data-sort", "data-as-of", "data-pager"
TABLE, COUNT, BANNER, PAGER_WRAP, LANG = (
    "data-table",
    "data-count",
    "data-banner",
    "data-pager-nav",
    "data-lang",
)
CSV_BUTTON, XLSX_BUTTON, CSV_FILE, XLSX_FILE = "data-csv", "data-xlsx", "data-csv-file", "data-xlsx-file"
LABEL_SORTS = ("indicator", "region", "source")  # their order depends on the reader's language
SORTS = ("period_desc", "period_asc", "indicator", "region", "value_desc", "value_asc", "source", "revisions")
PAGE_SIZE = 25
TOTAL = "_total"  # the breakdown "" (total) as a dropdown value; empty strings vanish from URL lists
BERLIN = ZoneInfo("Europe/Berlin")
COLUMNS = {
    "indicator": "common.indicator",
    "region": "common.region",
    "breakdown": "common.breakdown",
    "period": "common.period",
    "value": "common.value",
    "unit": "common.unit",
    "status": "common.status",
    "source": "common.source_label",
    "note": "common.note",
    "revisions": "data.col.revisions",
}
URL_STORE = url_sync(
    "data-url",
    {name: (control, "value") for name, control in FACETS.items()}
    | {"from": (PERIOD_FROM, "value"), "to": (PERIOD_TO, "value"), "sort": (SORT, "value")}
    | {"page": (PAGER, "active_page"), "as_of": (AS_OF, "date")},
)


class View(NamedTuple):
    """What the reader asked for; built from the query string or from the controls. (A NamedTuple, not a
    dataclass: Dash imports page modules outside sys.modules, which dataclasses cannot handle.)"""

    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    start: int | None = None
    end: int | None = None
    sort: str = SORTS[0]
    page: int = 1
    as_of: date | None = None

    def values(self, column: str) -> tuple[str, ...]:
        return dict(self.facets).get(column, ())


def _int(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None  # a mistyped date in a shared URL shows current figures rather than an error


def view_of(facets: dict[str, object], start=None, end=None, sort=None, page=None, as_of=None) -> View:
    lists = {c: tuple(v if isinstance(v, list) else split_list(v)) for c, v in facets.items()}
    chosen = tuple((c, v) for c, v in lists.items() if v)
    sort = sort if sort in SORTS else SORTS[0]
    return View(chosen, _int(start), _int(end), sort, max(_int(page) or 1, 1), _day(as_of))


def _revisions(frame: pd.DataFrame) -> np.ndarray:
    """Versions per row; only rows whose indicator and period were ever revised are looked up (few)."""
    counts = data.revision_counts()
    revised = counts[counts["revisions"] > 1]
    result = np.ones(len(frame), dtype=int)
    if revised.empty:
        return result
    maybe = frame["indicator"].isin(revised["indicator"].unique()) & frame["period"].isin(
        revised["period"].unique()
    )
    rows = np.flatnonzero(maybe.to_numpy())
    keys = pd.MultiIndex.from_frame(frame.iloc[rows][KEY_COLUMNS].astype(str))
    result[rows] = revised.set_index(KEY_COLUMNS)["revisions"].reindex(keys).fillna(1).astype(int).to_numpy()
    return result


@lru_cache(maxsize=3)  # the current frame and two as-published days: each is as large as the warehouse
def _table_frame(url: str, version: int, day: date | None) -> pd.DataFrame:
    """Observations (current or as of a day) with revision counts and year, cached per data version."""
    if day is None:
        frame = data.snapshot().observations
    else:
        frame = data.categorised(data.observations_as_of(datetime.combine(day, time.max, tzinfo=BERLIN)))
    return frame.assign(revisions=_revisions(frame), year=frame["period_start"].dt.year.to_numpy())


@lru_cache(maxsize=16)
def _order(url: str, version: int, day: date | None, sort: str, lang: str) -> np.ndarray:
    """Every row's position in display order, cached: a filter then keeps order[mask[order]], no re-sort."""
    frame = _table_frame(url, version, day)
    label = _namer(data.catalog(), lang or "en")
    return np.argsort(_sort_key(frame, sort, label), kind="stable").astype(np.int32)


def _namer(catalog: Catalog, lang: str):
    """label(column, value): names in the reader's language, read from the catalog once per render."""
    tables = {"indicator": catalog.indicators, "region": catalog.regions, "breakdown": catalog.entities}

    def label(column: str, value: str) -> str:
        if column == "breakdown" and value in ("", TOTAL):
            return t("common.total", lang)
        if column == "status":
            return status_label(value, lang)
        if column == "source":
            row = catalog.sources.get(value, {})
            text = f"{row.get('publisher', value)}: {row.get('title', '')}"
            return text if len(text) <= 90 else text[:89] + "…"
        row = tables[column].get(value) or {}
        return row.get(f"name_{lang}") or row.get("name_en") or value

    return label


def _alphabetical(text: str) -> str:
    """Sort key that files 'Sächsische' under S, as a German reader expects."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _masks(frame: pd.DataFrame, view: View) -> dict[str, np.ndarray]:
    masks = {}
    for column, values in view.facets:
        wanted = ["" if v == TOTAL else v for v in values]
        masks[column] = frame[column].isin(wanted).to_numpy()
    if view.start or view.end:
        year = frame["year"].to_numpy()
        masks["period"] = (year >= (view.start or 0)) & (year <= (view.end or 9999))
    return masks


def _combine(masks: dict[str, np.ndarray], without: str = "") -> np.ndarray | None:
    """Rows passing every filter but `without`; None when nothing filters (the common first view)."""
    selected = [mask for name, mask in masks.items() if name != without]
    return np.logical_and.reduce(selected) if selected else None


def _counts(frame: pd.DataFrame, mask: np.ndarray | None, columns=(*FACETS, "year")) -> dict:
    """Rows per category of each facet (and per year, offset by the first year) among the masked rows."""
    counts = {}
    for column in columns:
        codes = frame[column].cat.codes.to_numpy() if column in FACETS else frame["year"].to_numpy()
        codes = codes if mask is None else codes[mask]
        if column == "year":
            counts["first_year"] = int(frame["year"].min()) if len(frame) else 0
            codes = codes - counts["first_year"]
        counts[column] = np.bincount(
            codes[codes >= 0], minlength=len(frame[column].cat.categories) if column in FACETS else 0
        )
    return counts


@lru_cache(maxsize=3)
def _unfiltered_counts(url: str, version: int, day: date | None) -> dict[str, np.ndarray]:
    return _counts(_table_frame(url, version, day), None)


def _facet_options(frame, masks, view: View, label, lang: str, unfiltered: dict) -> dict[str, list[dict]]:
    """Options limited to what exists under the other filters, with counts; selections always stay."""
    options = {}
    for column in FACETS:
        mask = _combine(masks, column)
        counts = (unfiltered if mask is None else _counts(frame, mask, [column]))[column]
        chosen = set(view.values(column))
        found = []
        for value, count in zip(frame[column].cat.categories.astype(str), counts, strict=True):
            key = TOTAL if column == "breakdown" and value == "" else value
            if count or key in chosen:
                name = label(column, key)
                found.append(
                    {"label": f"{name} ({format_number(count, lang)})", "value": key, "search": name}
                )
        options[column] = sorted(found, key=lambda o: _alphabetical(o["label"]))
    mask = _combine(masks, "period")
    counts = unfiltered if mask is None else _counts(frame, mask, ["year"])
    years = {counts["first_year"] + int(i) for i in np.flatnonzero(counts["year"])}
    options["years"] = [
        {"label": str(y), "value": y} for y in sorted(years | {view.start, view.end} - {None})
    ]
    return options


def _sort_key(frame: pd.DataFrame, sort: str, label) -> np.ndarray:
    if sort.startswith("period"):
        key = frame["period_start"].to_numpy().astype("datetime64[D]").astype("int64")
        return -key if sort == "period_desc" else key
    if sort.startswith("value"):
        key = frame["value"].to_numpy(dtype=float)
        return -key if sort == "value_desc" else key
    if sort == "revisions":
        return -frame["revisions"].to_numpy()
    names = [_alphabetical(label(sort, str(c))) for c in frame[sort].cat.categories]
    rank = np.argsort(np.argsort(names, kind="stable"))  # rank of each category's name
    return rank[frame[sort].cat.codes.to_numpy()]


class Match(NamedTuple):
    frame: pd.DataFrame
    order: np.ndarray  # positions of the matching rows, in display order
    masks: dict[str, np.ndarray]
    unfiltered: dict[str, np.ndarray]  # facet counts of all rows, for the options when nothing filters


def matching(view: View, lang: str) -> Match:
    url, version = data.settings().database_url, data.version()
    frame = _table_frame(url, version, view.as_of)
    masks = _masks(frame, view)
    order = _order(url, version, view.as_of, view.sort, lang if view.sort in LABEL_SORTS else "")
    if masks:
        order = order[_combine(masks)[order]]
    return Match(frame, order, masks, _unfiltered_counts(url, version, view.as_of))


def _value(row, lang: str) -> html.Span:
    """'more than 650': the qualifier may wrap onto its own line, the number never breaks."""
    number = html.Span(
        format_value(float(row.value), str(row.unit), lang, compact=False), className="text-nowrap"
    )
    return html.Span([t(f"qualifier.{row.qualifier}", lang), " ", number] if row.qualifier else number)


def _row(row, label, lang: str) -> html.Tr:
    revised = int(row.revisions) > 1
    cells = {
        "indicator": label("indicator", str(row.indicator)),
        "region": label("region", str(row.region)),
        "breakdown": label("breakdown", str(row.breakdown)),
        "period": format_period(str(row.period), lang),
        "value": _value(row, lang),
        "unit": unit_label(str(row.unit), lang),
        "status": status_label(str(row.status), lang),
        "source": html.Div(
            [
                html.A(str(row.source_title), href=str(row.source_url), target="_blank", rel="noopener"),
                html.Small(str(row.publisher), className="d-block text-muted"),
            ]
        ),
        "note": str(row.note or ""),
        "revisions": html.Span(
            str(row.revisions),
            title=t("data.revised", lang, count=row.revisions) if revised else None,
            className="badge text-bg-warning" if revised else None,
        ),
    }
    return html.Tr(
        [
            html.Td(content, className=f"data-{column}", **{"data-label": t(COLUMNS[column], lang)})
            for column, content in cells.items()
        ]
    )


def _table(rows: pd.DataFrame, label, lang: str) -> html.Table:
    head = html.Thead(
        html.Tr([html.Th(t(key, lang), scope="col", className=f"data-{c}") for c, key in COLUMNS.items()])
    )
    body = html.Tbody([_row(row, label, lang) for row in rows.itertuples(index=False)])
    # lang lets the browser hyphenate long German words in the narrow columns
    return html.Table([head, body], className="table table-sm table-striped data-grid", lang=lang)


def _as_of_banner(view: View, lang: str):
    if not view.as_of:
        return None
    return dbc.Alert(
        t("data.as_of_banner", lang, date=format_date(view.as_of, lang)), color="info", className="py-2"
    )


def render(view: View, lang: str) -> dict:
    """Everything the page shows for a view: table, count, pager, options."""
    label = _namer(data.catalog(), lang)
    frame, order, masks, unfiltered = matching(view, lang)
    pages = max(1, -(-len(order) // PAGE_SIZE))
    page = min(view.page, pages)
    first = (page - 1) * PAGE_SIZE
    shown = frame.iloc[order[first : first + PAGE_SIZE]]
    count = t(
        "data.count.one" if len(order) == 1 else "data.count", lang, count=format_number(len(order), lang)
    )
    if len(order):
        count += " · " + t(
            "data.showing",
            lang,
            first=format_number(first + 1, lang),
            last=format_number(first + len(shown), lang),
        )
        table = _table(shown, label, lang)
    else:
        empty = "data.empty_as_of" if view.as_of and frame.empty else "data.empty"
        table = dbc.Alert(t(empty, lang, date=format_date(view.as_of, lang)), color="secondary")
    options = _facet_options(frame, masks, view, label, lang, unfiltered)
    empty = not len(order)
    return {
        **{f"{c}_options": options[c] for c in FACETS},
        **{"from_options": options["years"], "to_options": options["years"]},
        **{"table": table, "count": count, "banner": _as_of_banner(view, lang), "pages": pages, "page": page},
        **{"pager_hidden": pages <= 1, "csv_disabled": empty, "xlsx_disabled": empty},
    }


def export_name(view: View, ext: str) -> str:
    """'regiometer-data-employment.ict_micro-DED-2014-2023.csv': the file says what it holds."""
    parts = ["regiometer-data"]
    for column, values in view.facets:
        names = [("total" if v == TOTAL else v) for v in values]
        parts.append("_".join(names) if len(names) <= 2 else f"{len(names)}-{column}s")
    if view.start and view.end:
        parts.append(str(view.start) if view.start == view.end else f"{view.start}-{view.end}")
    elif view.start or view.end:
        parts.append(f"from-{view.start}" if view.start else f"to-{view.end}")
    if view.as_of:
        parts.append(f"as-published-{view.as_of.isoformat()}")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(parts))[:160] + f".{ext}"


def export(view: View, fmt: str) -> dict:
    """The whole filtered table (not just the page) in the re-importable template columns."""
    frame, order, _, _ = matching(view, "en")
    content = (to_xlsx if fmt == "xlsx" else to_csv)(frame.iloc[order])
    return dcc.send_bytes(content, export_name(view, fmt))


def _dropdown(control_id: str, label_key: str, lang: str, width: dict, **props) -> dbc.Col:
    names = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection")
    labels = {name: t(f"data.dropdown.{name}", lang) for name in (*names, "no_options_found")}
    control = dcc.Dropdown(id=control_id, labels=labels, placeholder=t("common.all", lang), **props)
    return dbc.Col([dbc.Label(t(label_key, lang), html_for=control_id), control], **width, className="mb-2")


def _controls(view: View, out: dict, lang: str) -> html.Section:
    wide, narrow = {"xs": 12, "md": 6, "lg": 4}, {"xs": 6, "md": 3, "lg": 2}
    facets = [
        _dropdown(
            FACETS[c],
            f"data.filter.{c}",
            lang,
            wide,
            multi=True,
            value=list(view.values(c)),
            options=out[f"{c}_options"],
        )
        for c in FACETS
    ]
    period = [
        _dropdown(
            PERIOD_FROM, "data.filter.from", lang, narrow, value=view.start, options=out["from_options"]
        ),
        _dropdown(PERIOD_TO, "data.filter.to", lang, narrow, value=view.end, options=out["to_options"]),
    ]
    sorts = [{"label": t(f"data.sort.{s}", lang), "value": s} for s in SORTS]
    as_of = dcc.DatePickerSingle(
        id=AS_OF,
        date=view.as_of.isoformat() if view.as_of else None,
        clearable=True,
        first_day_of_week=1,
        display_format="DD.MM.YYYY" if lang == "de" else "D MMM YYYY",
        max_date_allowed=date.today().isoformat(),
        placeholder=t("data.as_of_placeholder", lang),
    )
    reset = html.A(
        t("data.reset", lang), href="/data" + ("?lang=de" if lang == "de" else ""), className="data-reset"
    )
    return html.Section(
        [
            dbc.Row(facets + period),
            dbc.Row(
                [
                    _dropdown(
                        SORT, "data.filter.sort", lang, wide, value=view.sort, options=sorts, clearable=False
                    ),
                    dbc.Col(
                        [
                            dbc.Label(t("data.filter.as_of", lang), html_for=AS_OF),
                            html.Div(as_of),
                            dbc.FormText(t("data.as_of_help", lang)),
                        ],
                        **wide,
                        className="mb-2",
                    ),
                    dbc.Col(reset, xs=12, lg=4, className="mb-2 align-self-center"),
                ]
            ),
        ],
        className="data-controls",
    )


def _toolbar(out: dict, lang: str) -> html.Div:
    buttons = [
        dbc.Button(
            t(f"common.download_{fmt}", lang),
            id=button,
            size="sm",
            color="primary",
            outline=fmt == "xlsx",
            disabled=out[f"{fmt}_disabled"],
        )
        for fmt, button in (("csv", CSV_BUTTON), ("xlsx", XLSX_BUTTON))
    ]
    count = html.P(out["count"], id=COUNT, className="data-count mb-0", role="status")
    return html.Div([count, html.Div(buttons, className="data-downloads")], className="data-toolbar")


def layout(lang: str = "en", **query: str) -> html.Div:
    lang = normalise_lang(lang)
    facets = {c: query.get(c) for c in FACETS}
    view = view_of(
        facets, query.get("from"), query.get("to"), query.get("sort"), query.get("page"), query.get("as_of")
    )
    out = render(view, lang)
    pager = dbc.Pagination(
        id=PAGER,
        active_page=out["page"],
        max_value=out["pages"],
        fully_expanded=False,
        previous_next=True,
        first_last=True,
    )
    return html.Div(
        [
            dcc.Store(id=LANG, data=lang),
            URL_STORE,
            html.H1(t("data.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("data.lead", lang), className="text-muted"),
            _controls(view, out, lang),
            html.Div(out["banner"], id=BANNER),
            _toolbar(out, lang),
            html.Div(out["table"], id=TABLE, className="table-responsive data-table-wrap"),
            html.Nav(
                pager, id=PAGER_WRAP, hidden=out["pager_hidden"], **{"aria-label": t("data.pages", lang)}
            ),
            html.P(t("data.download_note", lang), className="small text-muted data-download-note"),
            dcc.Download(id=CSV_FILE),
            dcc.Download(id=XLSX_FILE),
        ]
    )


def _triggered() -> object:
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:  # called as a plain function (tests): nothing triggered
        return None


VIEW_INPUTS = {c: Input(control, "value") for c, control in FACETS.items()} | {
    "start": Input(PERIOD_FROM, "value"),
    "end": Input(PERIOD_TO, "value"),
    "sort": Input(SORT, "value"),
    "page": Input(PAGER, "active_page"),
    "as_of": Input(AS_OF, "date"),
}


@callback(
    output={
        "table": Output(TABLE, "children"),
        "count": Output(COUNT, "children"),
        "banner": Output(BANNER, "children"),
        "pages": Output(PAGER, "max_value"),
        "page": Output(PAGER, "active_page"),
        "pager_hidden": Output(PAGER_WRAP, "hidden"),
        "csv_disabled": Output(CSV_BUTTON, "disabled"),
        "xlsx_disabled": Output(XLSX_BUTTON, "disabled"),
        "from_options": Output(PERIOD_FROM, "options"),
        "to_options": Output(PERIOD_TO, "options"),
        **{f"{c}_options": Output(control, "options") for c, control in FACETS.items()},
    },
    inputs=VIEW_INPUTS,
    state={"lang": State(LANG, "data")},
    prevent_initial_call=True,  # the layout rendered the initial view already
)
def update(lang: str, start=None, end=None, sort=None, page=None, as_of=None, **facets) -> dict:
    # A new filter starts again at page 1; only the pager itself moves between pages.
    page = page if _triggered() in (None, PAGER) else 1
    return render(view_of(facets, start, end, sort, page, as_of), normalise_lang(lang))


def _download(fmt: str, facets: dict, start, end, sort, as_of) -> dict:
    return export(view_of(facets, start, end, sort, None, as_of), fmt)


FILTER_STATE = {c: State(control, "value") for c, control in FACETS.items()} | {
    "start": State(PERIOD_FROM, "value"),
    "end": State(PERIOD_TO, "value"),
    "sort": State(SORT, "value"),
    "as_of": State(AS_OF, "date"),
}


@callback(
    Output(CSV_FILE, "data"),
    inputs={"clicks": Input(CSV_BUTTON, "n_clicks")},
    state=FILTER_STATE,
    prevent_initial_call=True,
)
def download_csv(clicks: int | None, start=None, end=None, sort=None, as_of=None, **facets) -> dict:
    return _download("csv", facets, start, end, sort, as_of)


@callback(
    Output(XLSX_FILE, "data"),
    inputs={"clicks": Input(XLSX_BUTTON, "n_clicks")},
    state=FILTER_STATE,
    prevent_initial_call=True,
)
def download_xlsx(clicks: int | None, start=None, end=None, sort=None, as_of=None, **facets) -> dict:
    return _download("xlsx", facets, start, end, sort, as_of)


def _bench_indicator(rng) -> list[str]:
    return [rng.choice(sorted(data.catalog().indicators))]


# Picked up by `make bench` (tests/bench/dashboard_bench.py): server time of the table callback.
BENCH_CASES = {
    "all rows, newest first, random page": lambda rng: update("en", page=rng.randint(1, 400)),
    "one indicator, sorted by value": lambda rng: update(
        "de", sort="value_desc", indicator=_bench_indicator(rng)
    ),
    "all rows sorted by indicator name": lambda rng: update("de", sort="indicator", page=rng.randint(1, 400)),
}
