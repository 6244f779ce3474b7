"""Undo an import run by adding revisions: nothing is deleted, history shows the undo too.

Rows the run added are closed (a new key is thereby withdrawn from the current view); rows the run
closed get their old content back as a new revision. A key changed again by a later run is left
alone and counted as skipped: undo never overwrites a newer decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, insert, select, update

from etl.db.load import INSERT_COLUMNS, finish_run, start_run, utc_now
from etl.errors import RegiometerError
from etl.models import ImportRun, Observation
from etl.schema import KEY_COLUMNS

CONTENT = [c for c in INSERT_COLUMNS if c not in ("valid_from", "import_run_id")]


@dataclass(frozen=True)
class UndoResult:
    run_id: int
    restored: int  # changed values put back
    withdrawn: int  # values the run added for new keys, now closed
    skipped: int  # keys changed again later, left as they are


def _check_undoable(conn: Connection, run_id: int) -> None:
    runs = ImportRun.__table__
    run = conn.execute(select(runs).where(runs.c.id == run_id)).first()
    if run is None:
        raise RegiometerError(f"import run {run_id} does not exist; see 'python -m etl status'")
    if run.status != "succeeded":
        raise RegiometerError(f"import run {run_id} did not succeed ({run.status}); there is nothing to undo")
    earlier = conn.execute(
        select(runs.c.id).where(runs.c.undoes_run_id == run_id, runs.c.status == "succeeded")
    ).first()
    if earlier is not None:
        raise RegiometerError(f"import run {run_id} was already undone by run {earlier.id}")


def _current_id(conn: Connection, row) -> int | None:
    table = Observation.__table__
    match = and_(table.c.valid_to.is_(None), *(table.c[c] == getattr(row, c) for c in KEY_COLUMNS))
    return conn.execute(select(table.c.id).where(match)).scalar()


def _close(conn: Connection, ids: list[int], undo_id: int, moment) -> None:
    if ids:
        table = Observation.__table__
        conn.execute(
            update(table).where(table.c.id.in_(ids)).values(valid_to=moment, closed_by_run_id=undo_id)
        )


def undo_run(engine: Engine, run_id: int, user: str = "") -> UndoResult:
    """Reverse one import run in one transaction, recorded as an import run of kind 'undo'."""
    table = Observation.__table__
    with engine.begin() as conn:
        _check_undoable(conn, run_id)
        moment = utc_now()
        undo_id = start_run(conn, kind="undo", source_name="undo", user=user, undoes_run_id=run_id)
        added = conn.execute(select(table).where(table.c.import_run_id == run_id)).all()
        closed = conn.execute(select(table).where(table.c.closed_by_run_id == run_id)).all()
        still_current = [row for row in added if row.valid_to is None]
        superseded_later = {
            tuple(getattr(r, c) for c in KEY_COLUMNS) for r in added if r.valid_to is not None
        }
        _close(conn, [row.id for row in still_current], undo_id, moment)
        restored = []
        for row in closed:
            key = tuple(getattr(row, c) for c in KEY_COLUMNS)
            if key in superseded_later or _current_id(conn, row) is not None:
                continue
            restored.append({c: getattr(row, c) for c in CONTENT})
        if restored:
            conn.execute(
                insert(table), [{**r, "valid_from": moment, "import_run_id": undo_id} for r in restored]
            )
        restored_keys = {tuple(r[c] for c in KEY_COLUMNS) for r in restored}
        withdrawn = sum(
            1 for row in still_current if tuple(getattr(row, c) for c in KEY_COLUMNS) not in restored_keys
        )
        skipped = len(superseded_later)
        counts = {"new": 0, "changed": len(restored), "unchanged": skipped}
        finish_run(conn, undo_id, "succeeded", counts)
        conn.execute(
            update(ImportRun.__table__)
            .where(ImportRun.__table__.c.id == undo_id)
            .values(rows_withdrawn=withdrawn)
        )
    return UndoResult(undo_id, len(restored), withdrawn, skipped)
