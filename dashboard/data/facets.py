"""Filtering, counting, sorting and paging observations for the data page (and its downloads).

Counts and totals come from a cube (rows per indicator, region, breakdown, status, source and year,
asked once per data version), so a million observations cost a few thousand grouped rows. A page of
the table is planned on the cube and only its rows are read:

- sorted by a name (indicator, region, source): the cube's groups in name order, then the rows of the
  one or two groups the page falls into;
- sorted by period: the years the page falls into, then those rows by period;
- sorted by value: the database's order, one slice;
- "most revised first": the revised figures (few, listed once per version), then the others by period.

Ties are always broken by the stable order (indicator, region, breakdown, period, source).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from dashboard.data.cache import cached
from dashboard.data.warehouse import as_stored, catalog, data_key, engine, enrich, shown_sources, store_key
from etl import exporting
from etl.db import browse as queries
from etl.db.browse import FACET_COLUMNS, ObservationFilter
from etl.schema import KEY_COLUMNS

PAGE_SIZE = 25
SORTS = ("period_desc", "period_asc", "indicator", "region", "value_desc", "value_asc", "source", "revisions")
LABEL_SORTS = ("indicator", "region", "source")
BERLIN = ZoneInfo("Europe/Berlin")  # "as published on" a day: the end of that day where the data is kept
Namer = Callable[[str, str], str]  # (column, code) -> the name a reader sees


@dataclass(frozen=True)
class BrowseView:
    """What the reader asked for: values per facet ('' is the total breakdown), years, sort, page."""

    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    start: int | None = None
    end: int | None = None
    sort: str = SORTS[0]
    page: int = 1
    as_of: date | None = None

    def values(self, column: str) -> tuple[str, ...]:
        return dict(self.facets).get(column, ())

    def observation_filter(self) -> ObservationFilter:
        moment = datetime.combine(self.as_of, time.max, tzinfo=BERLIN) if self.as_of else None
        return ObservationFilter(
            **{column: self.values(column) for column in FACET_COLUMNS},
            starts_from=date(self.start, 1, 1) if self.start else None,
            starts_before=date(self.end + 1, 1, 1) if self.end else None,
            as_of=moment,
        )


def alphabetical(text: str) -> str:
    """Sort key that files 'Überlingen' under U and 'Ärzte' under A, as a German reader expects."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


@cached(store_key, budget=32 * 1024 * 1024)  # counts, no text: one for both languages
def cube(as_of: date | None = None) -> pd.DataFrame:
    """Rows per indicator, region, breakdown, status, source and year (current, or as of a day)."""
    return queries.observation_cube(engine(), BrowseView(as_of=as_of).observation_filter())


def _mask(frame: pd.DataFrame, view: BrowseView, without: str = "") -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    for column, values in view.facets:
        if column != without:
            mask &= frame[column].isin(values).to_numpy()
    if without != "year":
        if view.start:
            mask &= (frame["year"] >= view.start).to_numpy()
        if view.end:
            mask &= (frame["year"] <= view.end).to_numpy()
    return mask


def facet_counts(frame: pd.DataFrame, view: BrowseView) -> dict[str, dict[object, int]]:
    """For each facet (and the year) the rows per value under the other filters: what each dropdown
    offers, with its count; a value the reader chose stays even when nothing matches."""
    counts: dict[str, dict[object, int]] = {}
    for column in (*FACET_COLUMNS, "year"):
        rows = frame[_mask(frame, view, without=column)]
        found = rows.groupby(column, sort=False)["rows"].sum()
        chosen = view.values(column) if column != "year" else tuple(y for y in (view.start, view.end) if y)
        counts[column] = {**dict.fromkeys(chosen, 0), **found[found > 0].to_dict()}
    return counts


def total(frame: pd.DataFrame, view: BrowseView) -> int:
    return int(frame.loc[_mask(frame, view), "rows"].sum())


def page_count(rows: int) -> int:
    return max(1, -(-rows // PAGE_SIZE))


# -- one page of rows ------------------------------------------------------------------------------


def _group_columns(sort: str) -> list[str]:
    """The cube columns that group the rows for a name sort, sort column first, then the stable order."""
    rest = [c for c in ("indicator", "region", "breakdown") if c != sort]
    return [sort, *rest, "year"] + (["source"] if sort != "source" else [])


def _groups_in_name_order(frame: pd.DataFrame, view: BrowseView, namer: Namer) -> pd.DataFrame:
    columns = _group_columns(view.sort)
    groups = frame[_mask(frame, view)].groupby(columns, as_index=False, sort=False)["rows"].sum()
    codes = groups[view.sort].unique()
    rank = {code: alphabetical(namer(view.sort, str(code))) for code in codes}
    groups = groups.assign(_name=groups[view.sort].map(rank))
    groups = groups.sort_values(["_name", *columns], kind="stable").reset_index(drop=True)
    return groups.assign(_end=groups["rows"].cumsum())


def _name_sorted_page(frame: pd.DataFrame, view: BrowseView, namer: Namer, first: int) -> pd.DataFrame:
    groups = _groups_in_name_order(frame, view, namer)
    starts = groups["_end"] - groups["rows"]
    wanted = groups[(groups["_end"] > first) & (starts < first + PAGE_SIZE)]
    if wanted.empty:
        return queries.rows_of_groups(engine(), view.observation_filter(), [])
    columns = _group_columns(view.sort)
    specs = [dict(zip(columns, values, strict=True)) for values in wanted[columns].itertuples(index=False)]
    rows = queries.rows_of_groups(engine(), view.observation_filter(), specs)
    rows = rows.assign(year=pd.to_datetime(rows["period_start"]).dt.year)
    position = {tuple(spec[c] for c in columns): n for n, spec in enumerate(specs)}
    rows = rows.assign(_group=[position[key] for key in rows[columns].itertuples(index=False, name=None)])
    rows = rows.sort_values(["_group"], kind="stable")  # within a group the query's stable order holds
    skip = first - int(starts[wanted.index[0]])
    return rows.iloc[skip : skip + PAGE_SIZE].drop(columns=["_group", "year"])


def _period_sorted_page(frame: pd.DataFrame, view: BrowseView, first: int) -> pd.DataFrame:
    """Only the years the page falls into are sorted by the database."""
    descending = view.sort == "period_desc"
    years = frame[_mask(frame, view)].groupby("year")["rows"].sum().sort_index(ascending=not descending)
    ends = years.cumsum()
    inside = years[(ends > first) & (ends - years < first + PAGE_SIZE)]
    if inside.empty:
        return queries.rows_of_groups(engine(), view.observation_filter(), [])
    before = int(ends[inside.index[0]] - years[inside.index[0]])
    low, high = int(min(inside.index)), int(max(inside.index))
    narrowed = replace(
        view.observation_filter(), starts_from=date(low, 1, 1), starts_before=date(high + 1, 1, 1)
    )
    order = [("period_start", descending)]
    return queries.observation_rows(engine(), narrowed, order, PAGE_SIZE, first - before)


@cached(data_key, budget=8 * 1024 * 1024)
def revised() -> pd.DataFrame:
    """Keys with more than one revision (with the count): few, listed once per data version."""
    return queries.revised_keys(engine())


def revisions_of(rows: pd.DataFrame) -> np.ndarray:
    """How many versions each row's key has (1 for figures never changed)."""
    keys = revised()
    if rows.empty or keys.empty:
        return np.ones(len(rows), dtype=int)
    counts = keys.set_index(KEY_COLUMNS)["revisions"]
    index = pd.MultiIndex.from_frame(rows[KEY_COLUMNS].astype(str))
    return counts.reindex(index).fillna(1).astype(int).to_numpy()


def _revisions_page(frame: pd.DataFrame, view: BrowseView, first: int) -> pd.DataFrame:
    """The revised figures of the view (most versions first), then all others newest first."""
    flt = view.observation_filter()
    keys = revised()
    matching = queries.observation_rows_for_keys(engine(), flt, keys[KEY_COLUMNS]) if len(keys) else None
    head = pd.DataFrame() if matching is None else matching
    if len(head):
        head = head.assign(_n=revisions_of(head)).sort_values(
            ["_n", "period_start"], ascending=[False, False], kind="stable"
        )
        head = head.drop(columns="_n")
    shown = head.iloc[first : first + PAGE_SIZE]
    if len(shown) == PAGE_SIZE:
        return shown
    rest_first = max(0, first - len(head))
    rest = queries.observation_rows(
        engine(),
        flt,
        [("period_start", True)],
        PAGE_SIZE - len(shown),
        rest_first,
        exclude=keys[KEY_COLUMNS] if len(keys) else None,
    )
    return pd.concat([shown, rest], ignore_index=True) if len(shown) else rest


def page_rows(view: BrowseView, namer: Namer) -> pd.DataFrame:
    """The rows of the view's page (already clamped by the caller), with source details and revisions."""
    frame = cube(view.as_of)
    first = (view.page - 1) * PAGE_SIZE
    if view.sort in LABEL_SORTS:
        rows = _name_sorted_page(frame, view, namer, first)
    elif view.sort.startswith("period"):
        rows = _period_sorted_page(frame, view, first)
    elif view.sort == "revisions":
        rows = _revisions_page(frame, view, first)
    else:
        order = [("value", view.sort == "value_desc")]
        rows = queries.observation_rows(engine(), view.observation_filter(), order, PAGE_SIZE, first)
    rows = enrich(rows.reset_index(drop=True))
    return rows.assign(revisions=revisions_of(rows))


def all_rows(view: BrowseView, limit: int) -> pd.DataFrame:
    """Every matching row in the stable order (downloads), at most `limit`."""
    rows = queries.observation_rows(engine(), view.observation_filter(), (), limit)
    return enrich(rows)


def options(counts: Mapping[object, int], namer: Namer, column: str) -> list[tuple[object, str, int]]:
    """(value, name, count) for a dropdown, in alphabetical order of the names."""
    named = [(value, namer(column, str(value)), count) for value, count in counts.items()]
    return sorted(named, key=lambda item: alphabetical(item[1]))


# -- the page model --------------------------------------------------------------------------------


def _int(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None  # a mistyped date in a shared URL shows current figures rather than an error


def _values(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    return tuple(str(item) for item in items if str(item) != "")


TOTAL = "_total"  # the total breakdown ('') in dropdowns and URLs, where an empty value would vanish


def view_of(
    facets: Mapping[str, object], start=None, end=None, sort=None, page=None, as_of=None
) -> BrowseView:
    """A valid view from controls or a query string (unknown sorts, bad numbers and dates ignored)."""
    chosen = []
    for column in FACET_COLUMNS:
        values = _values(facets.get(column))
        if column == "breakdown":
            values = tuple("" if value == TOTAL else value for value in values)
        if values:
            chosen.append((column, values))
    return BrowseView(
        tuple(chosen),
        _int(start),
        _int(end),
        sort if sort in SORTS else SORTS[0],
        max(_int(page) or 1, 1),
        _day(as_of),
    )


def view_from_query(query: Mapping[str, str]) -> BrowseView:
    return view_of(
        query, query.get("from"), query.get("to"), query.get("sort"), query.get("page"), query.get("as_of")
    )


@dataclass(frozen=True)
class BrowseModel:
    """What the data page shows for a view."""

    view: BrowseView  # page clamped to the last page
    rows: pd.DataFrame  # the page's rows
    total: int
    pages: int
    counts: dict[str, dict[object, int]]  # per facet and year: rows under the other filters
    published_before: bool  # False when an as-of day precedes every publication


def browse(view: BrowseView, namer: Namer) -> BrowseModel:
    frame = cube(view.as_of)
    found = total(frame, view)
    pages = page_count(found)
    view = replace(view, page=min(view.page, pages))
    rows = page_rows(view, namer) if found else enrich(_no_rows())
    return BrowseModel(view, rows, found, pages, facet_counts(frame, view), not (view.as_of and frame.empty))


def _no_rows() -> pd.DataFrame:
    return queries.observation_rows(engine(), ObservationFilter(indicator=("",)), (), 0)


def namer() -> Namer:
    """Names of codes in the reader's language, read from the catalog once per render."""
    from dashboard.i18n import current, status_label, t

    known, lang, sources = catalog(), current(), shown_sources()
    tables = {"indicator": known.indicators, "region": known.regions, "breakdown": known.entities}

    def name(column: str, code: str) -> str:
        if column == "breakdown" and code in ("", TOTAL):
            return t("common.total")
        if column == "status":
            return status_label(code)
        if column == "source":
            row = sources.get(code)
            text = f"{row.publisher}: {row.title}" if row else code
            return text if len(text) <= 90 else text[:89] + "…"
        if column == "year":
            return code
        row = tables[column].get(code)
        return row.name(lang) if row else code

    return name


def export_name(view: BrowseView, ext: str) -> str:
    """'regiometer-data-employment.ict_micro-TLA-2014-2023.csv': the file says what it holds."""
    parts = ["regiometer-data"]
    for column, values in view.facets:
        names = [value or "total" for value in values]
        parts.append("_".join(names) if len(names) <= 2 else f"{len(names)}-{column}s")
    if view.start and view.end:
        parts.append(str(view.start) if view.start == view.end else f"{view.start}-{view.end}")
    elif view.start or view.end:
        parts.append(f"from-{view.start}" if view.start else f"to-{view.end}")
    if view.as_of:
        parts.append(f"as-published-{view.as_of.isoformat()}")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(parts))[:160] + f".{ext}"


def download(view: BrowseView, fmt: str, limit: int) -> tuple[bytes, str]:
    """Every matching row (not just the page) in the re-importable template columns."""
    rows = as_stored(all_rows(view, limit))  # note and note_de as stored, in either language
    content = (exporting.to_xlsx if fmt == "xlsx" else exporting.to_csv)(rows)
    return content, export_name(view, fmt)
