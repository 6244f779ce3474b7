"""Reads for the funding page: current funding figures of named entities in the home region (and in
the wider regions of programmes), filtered through the observation index and aggregated in SQL where
the page shows aggregates.

Every query takes the indicators, the regions and `home` (the regions inside the home region). A row's
`scope` is '' inside the home region and the region's code beyond it, so an entity's figures inside
the home region share one key whatever district they are coded at, and a programme's wider figure
never shares a key with its regional share.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, String, case, cast, func, literal, select, tuple_

from etl.db.queries import OBSERVATION_COLUMNS, _frame, _selectable, _tuples
from etl.models import Observation

CUBE_COLUMNS = [
    "indicator",
    "breakdown",
    "scope",
    "status",
    "source",
    "period",
    "period_start",
    "value",
    "entries",
    "bounded",
    "qualifier",
    "region",
    "last_region",
    "note",
    "note_de",
]
YEARLY_COLUMNS = ["indicator", "status", "source", "year", "value", "entries", "bounded"]
LARGEST_COLUMNS = ["breakdown", "indicator", "value", "first_year", "last_year", "source", "entries"]


def _table():
    return Observation.__table__


def _scope(home: Sequence[str]):
    table = _table()
    return case((table.c.region.in_(list(home)), literal("")), else_=table.c.region)


def _year():
    return func.substr(cast(_table().c.period_start, String), 1, 4)


def _bounded():
    return func.max(case((_table().c.qualifier != "", 1), else_=0))


def _as_text(column):
    """A date column selected as text (converted once, vectorised, by _frame)."""
    return cast(column, String).label("period_start")


def _where(indicators: Sequence[str], regions: Sequence[str], breakdowns: Sequence[str] = ()) -> list:
    """Current rows of the indicators in the regions that name an entity (or the given entities)."""
    table = _table()
    clauses = [
        table.c.valid_to.is_(None),
        table.c.indicator.in_(list(indicators)),
        table.c.region.in_(list(regions)),
    ]
    clauses.append(table.c.breakdown.in_(list(breakdowns)) if breakdowns else table.c.breakdown != "")
    return clauses


def _observations(rows: Sequence[tuple], extra: list[str]) -> pd.DataFrame:
    return _frame(rows, [*OBSERVATION_COLUMNS, *extra], ("period_start",))


def funding_cube(
    engine: Engine, indicators: Sequence[str], regions: Sequence[str], home: Sequence[str]
) -> pd.DataFrame:
    """The figures per indicator, entity, scope, status, source and period (the districts of the home
    region folded into one scope): their sum and count, whether any is a bound ('up to'), the
    qualifier if they share one, the first and last region and the first note. What the entity
    choices, the timeline, the events, the totals and the totals chart are computed from: one row per
    curated figure; for monthly figures in every district a fraction of the rows read."""
    if not indicators or not regions:
        return pd.DataFrame(columns=CUBE_COLUMNS)
    table = _table()
    scope = _scope(home)
    keys = [table.c.indicator, table.c.breakdown, scope, table.c.status, table.c.source, table.c.period]
    qualifier = case(
        (func.min(table.c.qualifier) == func.max(table.c.qualifier), func.min(table.c.qualifier)), else_=""
    )
    query = (
        select(
            *keys[:2],
            scope.label("scope"),
            *keys[3:],
            _as_text(func.max(table.c.period_start)),
            func.sum(table.c.value).label("value"),
            func.count().label("entries"),
            _bounded().label("bounded"),
            qualifier.label("qualifier"),
            func.min(table.c.region).label("region"),
            func.max(table.c.region).label("last_region"),
            func.min(table.c.note).label("note"),
            func.min(table.c.note_de).label("note_de"),
        )
        .where(*_where(indicators, regions))
        .group_by(*keys)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = _frame(rows, CUBE_COLUMNS, ("period_start",))
    return frame.astype({"entries": int, "bounded": bool}) if len(frame) else frame


def event_rows(
    engine: Engine,
    indicators: Sequence[str],
    regions: Sequence[str],
    home: Sequence[str],
    keys: pd.DataFrame,
) -> pd.DataFrame:
    """The figures of a few events (`keys`: breakdown, scope, period, source), as observations with
    their scope."""
    if keys.empty:
        return _observations([], ["scope"])
    table = _table()
    wanted = [tuple(key) for key in keys[["breakdown", "period", "source"]].drop_duplicates().to_numpy()]
    query = (
        select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS), _scope(home).label("scope"))
        .where(
            *_where(indicators, regions),
            tuple_(table.c.breakdown, table.c.period, table.c.source).in_(wanted),
        )
        .order_by(table.c.indicator, table.c.region, table.c.breakdown, table.c.period, table.c.source)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = _observations(rows, ["scope"])
    chosen = keys[["breakdown", "scope", "period", "source"]].drop_duplicates()
    return frame.merge(chosen, on=["breakdown", "scope", "period", "source"], how="inner")


def funding_rows(
    engine: Engine,
    indicators: Sequence[str],
    regions: Sequence[str],
    home: Sequence[str],
    breakdowns: Sequence[str] = (),
) -> pd.DataFrame:
    """Every figure of the indicators (for downloads of what a total adds), with its scope."""
    if not indicators or not regions:
        return _observations([], ["scope"])
    table = _table()
    query = (
        select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS), _scope(home).label("scope"))
        .where(*_where(indicators, regions, breakdowns))
        .order_by(table.c.indicator, table.c.region, table.c.breakdown, table.c.period, table.c.source)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return _observations(rows, ["scope"])


def yearly_totals(engine: Engine, indicators: Sequence[str], region: str) -> pd.DataFrame:
    """Sum and count per indicator, status, source and year of a region's totals (empty breakdown):
    the EU programme money by start year."""
    if not indicators:
        return pd.DataFrame(columns=YEARLY_COLUMNS)
    table = _table()
    year = _year()
    keys = [table.c.indicator, table.c.status, table.c.source, year]
    query = (
        select(
            *keys[:3],
            year.label("year"),
            func.sum(table.c.value).label("value"),
            func.count().label("entries"),
            _bounded().label("bounded"),
        )
        .where(
            table.c.valid_to.is_(None),
            table.c.indicator.in_(list(indicators)),
            table.c.region == region,
            table.c.breakdown == "",
        )
        .group_by(*keys)
        .order_by(year, table.c.indicator)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = pd.DataFrame.from_records(rows, columns=YEARLY_COLUMNS, coerce_float=False)
    if frame.empty:
        return frame
    return frame.astype({"year": int, "value": float, "entries": int, "bounded": bool})


def largest_breakdowns(
    engine: Engine, indicators: Sequence[str], region: str, limit: int = 10
) -> pd.DataFrame:
    """The entities with the largest sums of the indicators in one region (each indicator apart):
    the largest recipients of EU programme money, with their first and last year."""
    if not indicators:
        return pd.DataFrame(columns=LARGEST_COLUMNS)
    table = _table()
    total = func.sum(table.c.value)
    query = (
        select(
            table.c.breakdown,
            table.c.indicator,
            total.label("value"),
            func.min(_year()).label("first_year"),
            func.max(_year()).label("last_year"),
            func.min(table.c.source).label("source"),
            func.count().label("entries"),
        )
        .where(*_where(indicators, [region]))
        .group_by(table.c.breakdown, table.c.indicator)
        .order_by(total.desc(), table.c.breakdown, table.c.indicator)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = pd.DataFrame.from_records(rows, columns=LARGEST_COLUMNS, coerce_float=False)
    if frame.empty:
        return frame
    return frame.astype({"value": float, "first_year": int, "last_year": int, "entries": int})


__all__ = [
    "event_rows",
    "funding_cube",
    "funding_rows",
    "largest_breakdowns",
    "yearly_totals",
]
