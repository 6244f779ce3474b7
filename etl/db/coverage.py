"""What the warehouse holds of some series, in SQL: which regions have an indicator, how many periods
each series of a region has, which indicators are loaded at all, and where sources disagree (the same
series and period from two or more sources). Aggregates only: pages read the rows they draw afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, String, distinct, func, select, type_coerce

from etl.db.queries import _tuples
from etl.db.tables import table_of
from etl.models import Observation


def _current(*clauses):
    return (table_of(Observation).c.valid_to.is_(None), *clauses)


def regions_with(
    engine: Engine, indicators: Sequence[str], statuses: Sequence[str] | None = None
) -> list[str]:
    """Regions with a current figure of any of the indicators (of one of `statuses`, if given),
    sorted (the series index answers)."""
    table = table_of(Observation)
    where = list(_current(table.c.indicator.in_(list(indicators))))
    if statuses is not None:
        where.append(table.c.status.in_(list(statuses)))
    query = select(table.c.region).distinct().where(*where).order_by(table.c.region)
    with engine.connect() as conn:
        return [str(row[0]) for row in _tuples(conn, query)]


def loaded_series(engine: Engine, indicators: Sequence[str]) -> set[tuple[str, str]]:
    """(indicator, breakdown) of the indicators that have a current figure in any region."""
    table = table_of(Observation)
    query = (
        select(table.c.indicator, table.c.breakdown)
        .distinct()
        .where(*_current(table.c.indicator.in_(list(indicators))))
    )
    with engine.connect() as conn:
        return {(str(indicator), str(breakdown)) for indicator, breakdown in _tuples(conn, query)}


def series_periods(
    engine: Engine, region: str, indicators: Sequence[str], statuses: Sequence[str]
) -> pd.DataFrame:
    """Per indicator and breakdown of one region: how many periods have a figure of these statuses."""
    table = table_of(Observation)
    keys = (table.c.indicator, table.c.breakdown)
    query = (
        select(*keys, func.count(distinct(table.c.period)).label("periods"))
        .where(
            *_current(
                table.c.indicator.in_(list(indicators)),
                table.c.region == region,
                table.c.status.in_(list(statuses)),
            )
        )
        .group_by(*keys)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = pd.DataFrame.from_records(rows, columns=["indicator", "breakdown", "periods"])
    return frame.astype({"periods": int})


DISAGREEMENT_COLUMNS = ("breakdown", "period", "period_start", "sources")


def disagreements(engine: Engine, indicator: str, region: str, statuses: Sequence[str]) -> pd.DataFrame:
    """Breakdowns and periods of one series for which two or more sources give a figure, the newest
    period first, with how many sources each."""
    table = table_of(Observation)
    keys = (table.c.breakdown, table.c.period)
    query = (
        select(
            *keys,
            type_coerce(func.min(table.c.period_start), String).label("period_start"),
            func.count(distinct(table.c.source)).label("sources"),
        )
        .where(
            *_current(
                table.c.indicator == indicator,
                table.c.region == region,
                table.c.status.in_(list(statuses)),
            )
        )
        .group_by(*keys)
        .having(func.count(distinct(table.c.source)) >= 2)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = pd.DataFrame.from_records(rows, columns=list(DISAGREEMENT_COLUMNS))
    frame["period_start"] = pd.to_datetime(frame["period_start"].astype(str).str[:10])
    frame = frame.astype({"sources": int})
    return frame.sort_values(["period_start", "period", "breakdown"], ascending=[False, False, True])
