"""When the data was published or fetched: import run times, and which sources or runs still have
current observations (asked newest first, so the answer usually comes from the first probe)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, select

from etl.db.tables import table_of
from etl.models import ImportRun, Observation


def run_times(engine: Engine) -> pd.DataFrame:
    """Every successful import run: id, kind ('seed', 'source', 'staff', ...) and when it finished."""
    table = table_of(ImportRun)
    query = (
        select(table.c.id, table.c.kind, table.c.finished_at)
        .where(table.c.status == "succeeded")
        .order_by(table.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["id", "kind", "finished_at"])
    frame["finished_at"] = pd.to_datetime(frame["finished_at"], utc=True, format="mixed")
    return frame


def first_source_in_use(engine: Engine, sources: Sequence[str]) -> str | None:
    """The first of these sources (in the given order) that a current observation cites."""
    table = table_of(Observation)
    with engine.connect() as conn:
        for source in sources:
            query = select(table.c.id).where(table.c.valid_to.is_(None), table.c.source == source).limit(1)
            if conn.execute(query).first() is not None:
                return source
    return None


def first_run_in_use(engine: Engine, runs: Sequence[int], sources: Sequence[str]) -> int | None:
    """The first of these import runs (in the given order) with a current observation citing one of
    the sources (the run index finds each run's rows)."""
    table = table_of(Observation)
    with engine.connect() as conn:
        for run in runs:
            query = (
                select(table.c.id)
                .where(
                    table.c.import_run_id == int(run),
                    table.c.valid_to.is_(None),
                    table.c.source.in_(list(sources)),
                )
                .limit(1)
            )
            if conn.execute(query).first() is not None:
                return int(run)
    return None
