"""Browsing observations (the data page and the API): counts by category, pages of rows, totals.

Every query takes an ObservationFilter and reads current revisions (or those valid at `as_of`)
through the observation indexes; the dashboard never holds the whole table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, String, and_, cast, func, or_, select, tuple_

from etl.db.queries import DATE_COLUMNS, OBSERVATION_COLUMNS, _as_of_clause, _frame, _selectable, _tuples
from etl.db.tables import table_of
from etl.models import Observation
from etl.schema import KEY_COLUMNS

FACET_COLUMNS = ("indicator", "region", "breakdown", "status", "source")
# The stable order of the API and of ties everywhere: the unique index's order.
STABLE_ORDER = ("indicator", "region", "breakdown", "period", "source")


@dataclass(frozen=True)
class ObservationFilter:
    """Which observations: values per column (empty = any; breakdown '' is the total), a half-open range
    of period starts, and the moment the revisions are read at (None = now)."""

    indicator: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    breakdown: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    starts_from: date | None = None
    starts_before: date | None = None
    as_of: datetime | None = None

    def values(self, column: str) -> tuple[str, ...]:
        return getattr(self, column)


def _clauses(flt: ObservationFilter) -> list:
    table = table_of(Observation)
    clauses = [_as_of_clause(table, flt.as_of)]
    for column in FACET_COLUMNS:
        if flt.values(column):
            clauses.append(table.c[column].in_(list(flt.values(column))))
    if flt.starts_from is not None:
        clauses.append(table.c.period_start >= flt.starts_from)
    if flt.starts_before is not None:
        clauses.append(table.c.period_start < flt.starts_before)
    return clauses


def _year():
    return func.substr(cast(table_of(Observation).c.period_start, String), 1, 4)


def observation_cube(engine: Engine, flt: ObservationFilter) -> pd.DataFrame:
    """Rows per indicator, region, breakdown, status, source and year: what facet counts, totals and
    page plans are computed from (thousands of rows where the table holds millions)."""
    table = table_of(Observation)
    keys = [table.c[c] for c in FACET_COLUMNS]
    year = _year().label("year")
    query = select(*keys, year, func.count().label("rows")).where(*_clauses(flt)).group_by(*keys, year)
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = pd.DataFrame.from_records(rows, columns=[*FACET_COLUMNS, "year", "rows"])
    return frame.astype({"year": int, "rows": int}) if len(frame) else frame.astype({"rows": int})


def _order_by(order: Sequence[tuple[str, bool]]) -> list:
    table = table_of(Observation)
    terms = [table.c[name].desc() if descending else table.c[name] for name, descending in order]
    named = {name for name, _ in order}
    return terms + [table.c[name] for name in STABLE_ORDER if name not in named]


def _key_tuples(keys: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in keys[list(KEY_COLUMNS)].itertuples(index=False, name=None)]


def observation_rows(
    engine: Engine,
    flt: ObservationFilter,
    order: Sequence[tuple[str, bool]] = (),
    limit: int | None = None,
    offset: int = 0,
    exclude: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Matching observations in the given order (then the stable order), one slice of them; `exclude`
    leaves out a few keys (KEY_COLUMNS)."""
    table = table_of(Observation)
    clauses = _clauses(flt)
    if exclude is not None and len(exclude):
        clauses.append(tuple_(*(table.c[c] for c in KEY_COLUMNS)).not_in(_key_tuples(exclude)))
    query = select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS)).where(*clauses)
    query = query.order_by(*_order_by(order)).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return _frame(rows, OBSERVATION_COLUMNS, ("period_start",))


def observation_rows_for_keys(engine: Engine, flt: ObservationFilter, keys: pd.DataFrame) -> pd.DataFrame:
    """Matching observations among a few keys (KEY_COLUMNS), in the stable order."""
    table = table_of(Observation)
    wanted = tuple_(*(table.c[c] for c in KEY_COLUMNS)).in_(_key_tuples(keys))
    query = (
        select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS))
        .where(*_clauses(flt), wanted)
        .order_by(*(table.c[c] for c in STABLE_ORDER))
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return _frame(rows, OBSERVATION_COLUMNS, ("period_start",))


def count_matching(engine: Engine, flt: ObservationFilter) -> int:
    query = select(func.count()).select_from(table_of(Observation)).where(*_clauses(flt))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def rows_of_groups(
    engine: Engine, flt: ObservationFilter, groups: Sequence[dict[str, object]]
) -> pd.DataFrame:
    """Matching observations of a few groups (each a mapping of column -> value, with 'year' for the
    period's year), ordered by the stable order: the rows of one page of a sorted table."""
    if not groups:
        return _frame([], OBSERVATION_COLUMNS, ("period_start",))
    table = table_of(Observation)

    def condition(group: dict[str, object]):
        parts = []
        for name, value in group.items():
            if name == "year":
                year = int(value)  # type: ignore[call-overload]
                parts += [
                    table.c.period_start >= date(year, 1, 1),
                    table.c.period_start < date(year + 1, 1, 1),
                ]
            else:
                parts.append(table.c[name] == value)
        return and_(*parts)

    query = (
        select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS))
        .where(*_clauses(flt), or_(*(condition(group) for group in groups)))
        .order_by(*(table.c[c] for c in STABLE_ORDER))
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return _frame(rows, OBSERVATION_COLUMNS, ("period_start",))


def revised_keys(engine: Engine) -> pd.DataFrame:
    """Keys with more than one revision and how many they have (revised figures are few)."""
    table = table_of(Observation)
    keys = [table.c[c] for c in KEY_COLUMNS]
    closed = select(*keys).where(table.c.valid_to.is_not(None)).distinct()
    query = select(*keys, func.count().label("revisions")).where(tuple_(*keys).in_(closed)).group_by(*keys)
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return pd.DataFrame.from_records(rows, columns=[*KEY_COLUMNS, "revisions"])


__all__ = [
    "DATE_COLUMNS",
    "FACET_COLUMNS",
    "STABLE_ORDER",
    "ObservationFilter",
    "count_matching",
    "indicator_coverage",
    "observation_cube",
    "observation_rows",
    "observation_rows_for_keys",
    "revised_keys",
    "rows_of_groups",
]


def indicator_coverage(engine: Engine) -> pd.DataFrame:
    """Per indicator: how many current observations, and the first and last period (by start)."""
    table = table_of(Observation)
    current = table.c.valid_to.is_(None)
    spans = (
        select(
            table.c.indicator,
            func.count().label("observations"),
            func.min(table.c.period_start).label("first_start"),
            func.max(table.c.period_start).label("last_start"),
        )
        .where(current)
        .group_by(table.c.indicator)
        .subquery()
    )

    def period_at(column):
        return (
            select(func.min(table.c.period))
            .where(current, table.c.indicator == spans.c.indicator, table.c.period_start == column)
            .scalar_subquery()
        )

    query = select(
        spans.c.indicator,
        spans.c.observations,
        period_at(spans.c.first_start).label("first_period"),
        period_at(spans.c.last_start).label("last_period"),
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return pd.DataFrame.from_records(
        rows, columns=["indicator", "observations", "first_period", "last_period"]
    )
