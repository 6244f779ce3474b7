"""The observations query of the API: parameters -> ObservationQuery -> selected rows.

Parameters are checked against the catalogs; every problem raises ApiError naming the parameter and
what is allowed. Periods are compared on their start: `from=2015&to=2016` keeps every period (year,
quarter, month, day) that starts in 2015 or 2016. Rows are read from the warehouse's index for each
request (filtered, one page); `as_of` reads the revisions as they stood at the end of that UTC day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from werkzeug.datastructures import MultiDict

from dashboard import data
from dashboard.i18n import DEFAULT_LANG, current, use_locale
from etl.catalog import Catalog
from etl.db import browse
from etl.db.browse import ObservationFilter
from etl.schema import STATUSES, parse_period

DEFAULT_LIMIT, MAX_LIMIT = 1000, 10_000
TOTAL = "total"  # breakdown=total selects the totals (stored with an empty breakdown)
LIST_FILTERS = ("indicator", "region", "breakdown", "source", "status")
SINGLE = ("from", "to", "as_of", "format", "limit", "offset", "lang")
RECORD_FIELDS = (
    "indicator", "region", "breakdown", "period", "value", "unit", "qualifier", "status",
    "source", "source_title", "source_url", "licence", "note", "note_de",
)  # fmt: skip  # note: in the request's language (?lang=de: German where there is a German note)


class ApiError(Exception):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter, self.message = parameter, message


@dataclass(frozen=True)
class ObservationQuery:
    filters: dict[str, list[str]] = field(default_factory=dict)  # sorted, de-duplicated values
    period_from: str = ""
    period_to: str = ""
    as_of: str = ""
    format: str = "json"
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    lang: str = DEFAULT_LANG  # the language of `note`

    def params(self) -> dict[str, object]:
        """The query in normalised form: for the ETag and the `next` link."""
        single = {"from": self.period_from, "to": self.period_to, "as_of": self.as_of}
        if self.lang != DEFAULT_LANG:
            single["lang"] = self.lang
        out: dict[str, object] = {**self.filters, **{k: v for k, v in single.items() if v}}
        return {**out, "format": self.format, "limit": self.limit, "offset": self.offset}


def check_known(args: MultiDict, allowed: tuple[str, ...]) -> None:
    """Unknown parameters (a typo would silently widen the query) and repeated single values."""
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        names = ", ".join(unknown)
        accepted = ", ".join(allowed) or "none"
        raise ApiError(names, f"unknown parameter(s) {names}; this endpoint accepts: {accepted}")
    for name in SINGLE:
        if len(args.getlist(name)) > 1:
            raise ApiError(name, f"{name} is given more than once; give it once")


def _values(args: MultiDict, name: str) -> list[str]:
    """Repeated (?region=AB1&region=AB) or comma-separated (?region=AB1,AB) values; blanks ignored."""
    parts = (part.strip() for value in args.getlist(name) for part in value.split(","))
    return sorted({part for part in parts if part})


def _known(catalog: Catalog, name: str) -> set[str]:
    return {
        "indicator": set(catalog.indicators),
        "region": set(catalog.regions),
        "source": set(catalog.sources),
        "breakdown": {*catalog.entities, TOTAL},
        "status": set(STATUSES),
    }[name]


def _filters(args: MultiDict, catalog: Catalog) -> dict[str, list[str]]:
    filters = {}
    for name in LIST_FILTERS:
        values = _values(args, name)
        known = _known(catalog, name)
        unknown = [v for v in values if v not in known]
        if unknown:
            listing = ", ".join(sorted(known)) if len(known) <= 12 else f"see /api/v1/{name}s"
            if name == "breakdown":
                listing = f"'{TOTAL}' for the totals, or an entity or sector slug"
            raise ApiError(name, f"unknown {name} {', '.join(map(repr, unknown))}; allowed: {listing}")
        if values:
            filters[name] = values
    return filters


def _integer(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    text = args.get(name, "").strip()
    if not text:
        return default
    if not re.fullmatch(r"[0-9]{1,12}", text) or not low <= int(text) <= high:
        raise ApiError(name, f"{name} must be a whole number from {low} to {high}, not {text!r}")
    return int(text)


def _period(args: MultiDict, name: str) -> str:
    text = args.get(name, "").strip()
    if text:
        try:
            if not text.isascii():
                raise ValueError(text)
            parse_period(text)
        except ValueError:
            raise ApiError(
                name, f"{name}={text!r} is not a period: write 2023, 2023-Q2, 2023-06 or 2023-06-30"
            ) from None
    return text


def _as_of(args: MultiDict) -> str:
    text = args.get("as_of", "").strip()
    if text:
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                raise ValueError
            date.fromisoformat(text)
        except ValueError:
            raise ApiError(
                "as_of", f"as_of={text!r} is not a date: write YYYY-MM-DD, e.g. 2024-06-30"
            ) from None
    return text


def parse_query(args: MultiDict, catalog: Catalog) -> ObservationQuery:
    check_known(args, (*LIST_FILTERS, *SINGLE))
    fmt = args.get("format", "json").strip() or "json"
    if fmt not in ("json", "csv"):
        raise ApiError("format", f"format={fmt!r} is not offered; use json or csv")
    query = ObservationQuery(
        filters=_filters(args, catalog),
        period_from=_period(args, "from"),
        period_to=_period(args, "to"),
        as_of=_as_of(args),
        format=fmt,
        limit=_integer(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=_integer(args, "offset", 0, 0, 10**9),
        lang=current(),  # ?lang= (else the page's language, as every route decides it)
    )
    end = _end(query.period_to) if query.period_to else None
    if query.period_from and end and _start(query.period_from) >= end:
        raise ApiError("from", f"from={query.period_from} is after to={query.period_to}")
    return query


def _start(period: str) -> date:
    return parse_period(period)[0]


def _end(period: str) -> date | None:
    """The start of the next period: '2015' -> 2016-01-01, '2015-Q2' -> 2015-07-01; None after 9999."""
    start, frequency = parse_period(period)
    months = {"A": 12, "Q": 3, "M": 1}.get(frequency)
    try:
        if months is None:
            return start + timedelta(days=1)
        total = start.year * 12 + start.month - 1 + months
        return date(total // 12, total % 12 + 1, 1)
    except (ValueError, OverflowError):
        return None  # the last representable period: nothing starts after it


def _stored(filters: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Filter values as stored: the 'total' breakdown is the empty string."""
    out = {name: tuple(values) for name, values in filters.items()}
    if "breakdown" in out:
        out["breakdown"] = tuple("" if b == TOTAL else b for b in out["breakdown"])
    return out


def _end_of_day(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.max, tzinfo=UTC)


def observation_filter(query: ObservationQuery) -> ObservationFilter:
    return ObservationFilter(
        **_stored(query.filters),
        starts_from=_start(query.period_from) if query.period_from else None,
        starts_before=_end(query.period_to) if query.period_to else None,
        as_of=_end_of_day(query.as_of) if query.as_of else None,
    )


def select_observations(query: ObservationQuery) -> tuple[pd.DataFrame, int]:
    """The requested page of matching rows in the stable order, and how many rows match in all: two
    indexed queries, whatever the warehouse's size."""
    flt = observation_filter(query)
    page = browse.observation_rows(data.engine(), flt, (), query.limit, query.offset)
    with use_locale(query.lang):  # the note in the query's language; note_de as stored
        rows = data.enrich(page)
    return rows, browse.count_matching(data.engine(), flt)


def records(page: pd.DataFrame) -> list[dict]:
    """Rows as JSON objects; whole numbers as integers (81000, not 81000.0)."""
    columns = {
        name: page[name].astype(object).where(page[name].notna(), "").tolist()
        for name in RECORD_FIELDS
        if name != "value"
    }
    columns["value"] = [int(v) if float(v).is_integer() and abs(v) < 2**53 else v for v in page["value"]]
    return [
        dict(zip(RECORD_FIELDS, row, strict=True))
        for row in zip(*(columns[f] for f in RECORD_FIELDS), strict=True)
    ]
