"""Loading canonical frames into the warehouse without ever losing a value.

plan() compares a validated frame with the current revisions: a new key is new, the same content is
unchanged, different content closes the current revision and adds the next one. apply() writes a
plan in the caller's transaction. Rows absent from a load are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection, bindparam, insert, select, update

from etl.db.engine import bulk_pragmas
from etl.db.tables import table_of
from etl.errors import Problem, WarningsNotAccepted
from etl.models import ImportRun, Observation
from etl.schema import GERMAN_NOTE, KEY_COLUMNS

CONTENT_COLUMNS = ["value", "status", "qualifier", "note", "note_de"]
INSERT_COLUMNS = [
    "indicator",
    "region",
    "breakdown",
    "period",
    "period_start",
    "frequency",
    "value",
    "qualifier",
    "status",
    "source",
    "note",
    "note_de",
    "valid_from",
    "import_run_id",
]


@dataclass
class LoadPlan:
    new: pd.DataFrame
    changed: pd.DataFrame  # with old_value, old_status, ... and old_id
    unchanged: int
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.counts = {"new": len(self.new), "changed": len(self.changed), "unchanged": self.unchanged}


def utc_now() -> datetime:
    return datetime.now(UTC)


def current_revisions(conn: Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """Current revisions for the indicators and sources in the frame (one indexed query)."""
    table = table_of(Observation)
    columns = [table.c.id, *(table.c[c] for c in KEY_COLUMNS), *(table.c[c] for c in CONTENT_COLUMNS)]
    query = select(*columns).where(
        table.c.valid_to.is_(None),
        table.c.indicator.in_(sorted(frame["indicator"].unique())),
        table.c.source.in_(sorted(frame["source"].unique())),
    )
    names = ["id", *KEY_COLUMNS, *CONTENT_COLUMNS]
    rows = conn.execute(query).all()
    # Column-wise construction: pandas probes each Row object otherwise, 10x slower for a million.
    by_column = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    existing = pd.DataFrame(
        {name: pd.Series(list(values), dtype=object) for name, values in zip(names, by_column, strict=True)}
    )
    return existing.astype({"value": float, "id": "int64"}) if rows else existing


def series_current(conn: Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """Current rows of the series (indicator, region) in the frame, any source: what plausibility
    checks compare a new key with."""
    table = table_of(Observation)
    names = ["indicator", "region", "breakdown", "period", "period_start", "value", "status"]
    query = select(*(table.c[c] for c in names)).where(
        table.c.valid_to.is_(None),
        table.c.indicator.in_(sorted(frame["indicator"].unique())),
        table.c.region.in_(sorted(frame["region"].unique())),
    )
    rows = conn.execute(query).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=names)


def _same_content(merged: pd.DataFrame) -> np.ndarray:
    same_value = np.isclose(merged["value"], merged["old_value"], rtol=1e-12, atol=0.0)
    same_text = np.ones(len(merged), dtype=bool)
    for column in CONTENT_COLUMNS[1:]:
        same_text &= (merged[column] == merged[f"old_{column}"]).to_numpy()
    return same_value & same_text


def keep_german_notes(merged: pd.DataFrame) -> pd.DataFrame:
    """Rows whose German note was not given (a file without the note_de column) keep the stored one
    while their English note stays as stored; a changed English note (or a new row) has none, so
    German pages show the new English note rather than an outdated translation."""
    if GERMAN_NOTE not in merged or merged[GERMAN_NOTE].notna().all():
        return merged
    if f"old_{GERMAN_NOTE}" in merged:
        same_note = (merged["note"] == merged["old_note"]) & merged[GERMAN_NOTE].isna()
        kept = merged[GERMAN_NOTE].where(~same_note, merged[f"old_{GERMAN_NOTE}"])
    else:
        kept = merged[GERMAN_NOTE]
    return merged.assign(**{GERMAN_NOTE: kept.fillna("")})


def plan(conn: Connection, frame: pd.DataFrame) -> LoadPlan:
    existing = current_revisions(conn, frame)
    if existing.empty:
        frame = keep_german_notes(frame)
        return LoadPlan(new=frame, changed=frame.iloc[0:0].assign(old_id=[]), unchanged=0)
    renamed = existing.rename(columns={c: f"old_{c}" for c in ["id", *CONTENT_COLUMNS]})
    merged = keep_german_notes(frame.merge(renamed, on=KEY_COLUMNS, how="left", sort=False))
    is_new = merged["old_id"].isna().to_numpy()
    same = np.zeros(len(merged), dtype=bool)
    same[~is_new] = _same_content(merged[~is_new])
    changed = merged[~is_new & ~same]
    return LoadPlan(
        new=merged[is_new][frame.columns],
        changed=changed.astype({"old_id": "int64"}),
        unchanged=int(same.sum()),
    )


def _timestamp_param(conn: Connection, moment: datetime) -> object:
    # SQLite keeps naive UTC text in SQLAlchemy's format; other databases take the aware datetime.
    if conn.dialect.name == "sqlite":
        return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return moment


def _insert_rows(conn: Connection, rows: pd.DataFrame, run_id: int, moment: datetime) -> None:
    if rows.empty:
        return
    stamp = _timestamp_param(conn, moment)
    starts = (
        rows["period_start"].map(lambda d: d.isoformat())
        if conn.dialect.name == "sqlite"
        else rows["period_start"]
    )
    data = rows.assign(period_start=starts, valid_from=stamp, import_run_id=run_id)[INSERT_COLUMNS]
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO observation ({', '.join(INSERT_COLUMNS)}) "
        f"VALUES ({', '.join([marker] * len(INSERT_COLUMNS))})"
    )
    # The driver's executemany: the bulk path, 10x faster than ORM objects for a million rows.
    records = list(zip(*(data[c].tolist() for c in INSERT_COLUMNS), strict=True))
    conn.exec_driver_sql(sql, records)


def apply(conn: Connection, load_plan: LoadPlan, run_id: int, moment: datetime | None = None) -> None:
    moment = moment or utc_now()
    if not load_plan.changed.empty:
        table = table_of(Observation)
        statement = (
            update(table)
            .where(table.c.id == bindparam("old_id"))
            .values(valid_to=bindparam("closed_at"), closed_by_run_id=run_id)
        )
        conn.execute(
            statement,
            [{"old_id": int(i), "closed_at": moment} for i in load_plan.changed["old_id"]],
        )
        _insert_rows(conn, load_plan.changed, run_id, moment)
    _insert_rows(conn, load_plan.new, run_id, moment)


def start_run(conn: Connection, **fields: object) -> int:
    values = {"started_at": utc_now(), "status": "running", **fields}
    key = conn.execute(insert(table_of(ImportRun)).values(**values)).inserted_primary_key
    if key is None:  # only for executemany or an insert without a primary key: never for this one
        raise RuntimeError("inserting an import run returned no id")
    return int(key[0])


def finish_run(conn: Connection, run_id: int, status: str, counts: dict[str, int], error: str = "") -> None:
    table = table_of(ImportRun)
    conn.execute(
        update(table)
        .where(table.c.id == run_id)
        .values(
            status=status,
            finished_at=utc_now(),
            rows_new=counts.get("new", 0),
            rows_changed=counts.get("changed", 0),
            rows_unchanged=counts.get("unchanged", 0),
            error=error,
        )
    )


@dataclass
class LoadResult:
    run_id: int | None
    counts: dict[str, int]
    plan: LoadPlan
    dry_run: bool = False
    warnings: list[Problem] = field(default_factory=list)


Check = Callable[[Connection, LoadPlan], list[Problem]]


def unaccepted(warnings: list[Problem], accept: bool | Collection[str]) -> list[Problem]:
    """The warnings not accepted: all of them unless accept is True or holds their keys."""
    if accept is True:
        return []
    keys = set(accept) if accept else set()
    return [w for w in warnings if w.key not in keys]


def load_frame(
    engine,
    frame: pd.DataFrame,
    dry_run: bool = False,
    check: Check | None = None,
    accept: bool | Collection[str] = False,
    **run_fields: object,
) -> LoadResult:
    """Load a validated frame in one transaction and record it as an import run.

    check(conn, plan) returns plausibility warnings for the plan, computed inside the load's own
    transaction; a load whose warnings are not all accepted (accept=True, or their keys) raises
    WarningsNotAccepted and writes nothing. A dry run plans (and checks) inside a transaction that is
    rolled back. On failure the transaction is rolled back (nothing of the load remains) and the
    failed run is recorded on its own.
    """
    if dry_run:
        with engine.connect() as conn:
            load_plan = plan(conn, frame)
            found = check(conn, load_plan) if check else []
            conn.rollback()
        return LoadResult(None, load_plan.counts, load_plan, dry_run=True, warnings=found)
    try:
        with engine.begin() as conn, bulk_pragmas(conn):
            load_plan = plan(conn, frame)
            found = check(conn, load_plan) if check else []
            refused = unaccepted(found, accept)
            if refused:
                raise WarningsNotAccepted(refused, str(run_fields.get("file_name") or "input"))
            run_id = start_run(conn, accepted_warnings=len(found), **run_fields)
            apply(conn, load_plan, run_id)
            finish_run(conn, run_id, "succeeded", load_plan.counts)
    except WarningsNotAccepted:
        raise
    except Exception as exc:
        record_failed_run(engine, f"{type(exc).__name__}: {exc}", **run_fields)
        raise
    return LoadResult(run_id, load_plan.counts, load_plan, warnings=found)


def record_failed_run(engine, error: str, **run_fields: object) -> int:
    with engine.begin() as conn:
        run_id = start_run(conn, **run_fields)
        finish_run(conn, run_id, "failed", {}, error=error[:4000])
    return run_id
