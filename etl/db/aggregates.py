"""Aggregates of the current observations, computed in SQL: what a page shows as counts, sums or lists
of series, never the rows themselves."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, func, select

from etl.db.tables import table_of
from etl.models import Observation

SUMMARY_COLUMNS = ["indicator", "source", "status", "frequency", "observations", "latest_period"]
SUM_COLUMNS = ["year", "source", "qualifier", "value", "observations"]


def observation_summary(engine: Engine) -> pd.DataFrame:
    """Current observations counted by indicator, source, status and frequency, with the latest period
    of each group (within one frequency the period text sorts in time order). One pass over the table;
    the answer has a row per combination, a few hundred at most."""
    table = table_of(Observation)
    keys = [table.c.indicator, table.c.source, table.c.status, table.c.frequency]
    query = (
        select(*keys, func.count().label("observations"), func.max(table.c.period).label("latest_period"))
        .where(table.c.valid_to.is_(None))
        .group_by(*keys)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=SUMMARY_COLUMNS)


def series_with_status(engine: Engine, statuses: Sequence[str]) -> pd.DataFrame:
    """The series (indicator, region, breakdown) that have a current observation with one of the
    statuses, e.g. every series with a goal or projection."""
    table = table_of(Observation)
    keys = [table.c.indicator, table.c.region, table.c.breakdown]
    query = (
        select(*keys)
        .where(table.c.valid_to.is_(None), table.c.status.in_(list(statuses)))
        .distinct()
        .order_by(*keys)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=["indicator", "region", "breakdown"])


def yearly_sums(
    engine: Engine, indicator: str, regions: Sequence[str], statuses: Sequence[str]
) -> pd.DataFrame:
    """Sum of one indicator's current values by year, over the given regions and statuses, split by
    source and qualifier (so a caller can cite every source and say when a sum adds bounds)."""
    table = table_of(Observation)
    year = func.substr(table.c.period, 1, 4).label("year")
    query = (
        select(
            year,
            table.c.source,
            table.c.qualifier,
            func.sum(table.c.value).label("value"),
            func.count().label("observations"),
        )
        .where(
            table.c.valid_to.is_(None),
            table.c.indicator == indicator,
            table.c.region.in_(list(regions)),
            table.c.status.in_(list(statuses)),
        )
        .group_by(year, table.c.source, table.c.qualifier)
        .order_by(year)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=SUM_COLUMNS)
    return frame.astype({"value": float})
