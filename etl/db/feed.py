"""Reads for the feed of published changes: which import runs changed public values, and what.

A run changes public values when it adds revisions (new or changed values) or closes them (an undo
withdraws values). Counts are aggregated in SQL, per run and series: the rows a run added through
the run index, the earlier revisions they replaced through the series index, and the rows a run
closed without replacing them only for undo runs (the rare case; that column has no index).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, case, func, literal, or_, select, union_all

from etl.db.queries import OBSERVATION_COLUMNS, _frame, _selectable, _tuples
from etl.db.tables import table_of
from etl.models import ImportRun, Observation

RUN_COLUMNS = ("id", "kind", "source_name", "user", "file_name", "finished_at", "undoes_run_id")
SERIES = ("indicator", "region", "breakdown")
COUNTS = ("added", "revised", "closed")


def changing_runs(engine: Engine, limit: int = 30, indicator: str | None = None) -> pd.DataFrame:
    """The newest succeeded runs that added, changed or withdrew values (optionally of one
    indicator), newest first: RUN_COLUMNS and rows_new, rows_changed, rows_withdrawn."""
    runs = table_of(ImportRun)
    observations = table_of(Observation)
    changed = (runs.c.rows_new + runs.c.rows_changed + runs.c.rows_withdrawn) > 0
    query = select(
        *(runs.c[c] for c in RUN_COLUMNS), runs.c.rows_new, runs.c.rows_changed, runs.c.rows_withdrawn
    ).where(runs.c.status == "succeeded", changed)
    if indicator:
        touched = select(literal(1)).where(
            observations.c.indicator == indicator,
            or_(observations.c.import_run_id == runs.c.id, observations.c.closed_by_run_id == runs.c.id),
        )
        query = query.where(touched.exists())
    query = query.order_by(runs.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    columns = [*RUN_COLUMNS, "rows_new", "rows_changed", "rows_withdrawn"]
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    if not frame.empty:
        frame["finished_at"] = pd.to_datetime(frame["finished_at"], utc=True)
    return frame


def run_series(engine: Engine, run_ids: Sequence[int], undo_ids: Sequence[int] = ()) -> pd.DataFrame:
    """Per run and series: revisions the run added (`added`), how many of them replaced an earlier
    revision of the same key (`revised`: found through the series index), and, for the undo runs in
    `undo_ids`, how many revisions the run closed (`closed`: what it withdrew or replaced)."""
    table = table_of(Observation)
    earlier = table_of(Observation).alias("earlier")
    replaced = (
        select(literal(1))
        .where(
            *(earlier.c[c] == table.c[c] for c in (*SERIES, "period", "source")),
            earlier.c.closed_by_run_id == table.c.import_run_id,
        )
        .exists()
    )
    columns = [table.c[c] for c in SERIES]
    parts = [
        select(
            table.c.import_run_id.label("run_id"),
            *columns,
            literal(1).label("added"),
            case((replaced, 1), else_=0).label("revised"),
            literal(0).label("closed"),
        ).where(table.c.import_run_id.in_(list(run_ids)))
    ]
    if undo_ids:
        parts.append(
            select(
                table.c.closed_by_run_id.label("run_id"),
                *columns,
                literal(0).label("added"),
                literal(0).label("revised"),
                literal(1).label("closed"),
            ).where(table.c.closed_by_run_id.in_(list(undo_ids)))
        )
    both = union_all(*parts).subquery()
    query = select(
        both.c.run_id,
        *(both.c[c] for c in SERIES),
        *(func.sum(both.c[c]).label(c) for c in COUNTS),
    ).group_by(both.c.run_id, *(both.c[c] for c in SERIES))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["run_id", *SERIES, *COUNTS])
    return frame.astype(dict.fromkeys(COUNTS, int)) if not frame.empty else frame


def around_run(
    engine: Engine, run_id: int, indicators: Sequence[str], regions: Sequence[str]
) -> pd.DataFrame:
    """The revisions of these indicators and regions current just before or just after a run, with
    `before` and `after` flags (read through the series index; the caller picks its series)."""
    table = table_of(Observation)
    alive_before = or_(table.c.closed_by_run_id.is_(None), table.c.closed_by_run_id >= run_id)
    query = select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS), table.c.closed_by_run_id).where(
        table.c.indicator.in_(list(indicators)),
        table.c.region.in_(list(regions)),
        table.c.import_run_id <= run_id,
        alive_before,
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = _frame(rows, [*OBSERVATION_COLUMNS, "closed_by_run_id"], dates=("period_start",))
    if frame.empty:
        return frame.assign(before=pd.Series(dtype=bool), after=pd.Series(dtype=bool))
    closed = pd.to_numeric(frame["closed_by_run_id"], errors="coerce")
    made = frame["import_run_id"].astype(int)
    frame["before"] = made < run_id
    frame["after"] = closed.isna() | (closed > run_id)
    return frame
