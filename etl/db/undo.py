"""Undo import runs by adding revisions: nothing is deleted, history shows the undo too.

The rule, whatever the order of undos: a key's current value is the latest value an ordinary run
(not an undo) wrote for it whose run is not undone; if there is none, the key has no current value
(a key the undone run created is withdrawn). A run is undone when an undo of it exists that is not
itself undone (so undoing an undo redoes the run).

Undoing run X therefore recomputes the keys X wrote: where that changes the current value, the
current revision is closed and the value to go back to is written as a new revision that names the
revision it restores (observation.restores_id). A revision written by an undo counts as coming
from the run of the revision it restores, so that, after undo B, the value B had replaced is known to
be A's, and undoing A then restores what A replaced. Where a later run (not undone) holds a key, the
key keeps that newer value and is counted as left alone; it goes back when that run is undone too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, insert, select, update

from etl.db.load import INSERT_COLUMNS, finish_run, start_run, utc_now
from etl.db.tables import table_of
from etl.errors import RegiometerError
from etl.models import ImportRun, Observation
from etl.schema import KEY_COLUMNS

CONTENT = [c for c in INSERT_COLUMNS if c not in ("valid_from", "import_run_id")]
RUNS = table_of(ImportRun)
OBSERVATIONS = table_of(Observation)


@dataclass(frozen=True)
class UndoResult:
    run_id: int
    restored: int  # keys given back an earlier value
    withdrawn: int  # keys without any earlier value, now without a current one
    skipped: int  # keys a later run holds, left as they are


@dataclass(frozen=True)
class UndoState:
    """How far an undone run is undone: all of it, or `pending` of its values keep a later change."""

    undone_by: int
    pending: int = 0


def _runs(conn: Connection) -> dict[int, dict]:
    rows = conn.execute(select(RUNS.c.id, RUNS.c.kind, RUNS.c.status, RUNS.c.undoes_run_id)).all()
    return {int(r.id): dict(r._mapping) for r in rows}


def undone_runs(runs: dict[int, dict]) -> dict[int, int]:
    """run id -> the undo run that undoes it, for every run that is undone now."""
    undos: dict[int, list[int]] = defaultdict(list)
    for run_id, run in runs.items():
        if run["kind"] == "undo" and run["status"] == "succeeded" and run["undoes_run_id"] is not None:
            undos[int(run["undoes_run_id"])].append(run_id)
    memo: dict[int, int | None] = {}

    def active_undo(run_id: int) -> int | None:
        if run_id not in memo:
            memo[run_id] = None  # undos point at earlier runs; this only guards against a cycle
            memo[run_id] = next((u for u in sorted(undos[run_id]) if active_undo(u) is None), None)
        return memo[run_id]

    return {run_id: undo for run_id in list(undos) if (undo := active_undo(run_id)) is not None}


def _base(runs: dict[int, dict], run_id: int) -> int:
    """The ordinary run whose keys an undo (of an undo ...) of run_id concerns."""
    seen = set()
    while runs[run_id]["kind"] == "undo" and runs[run_id]["undoes_run_id"] is not None and run_id not in seen:
        seen.add(run_id)
        run_id = int(runs[run_id]["undoes_run_id"])
    return run_id


def _check_undoable(runs: dict[int, dict], run_id: int) -> None:
    run = runs.get(run_id)
    if run is None:
        raise RegiometerError(
            f"import run {run_id} does not exist; see 'python -m etl status'",
            code="undo_unknown_run",
            params={"run": str(run_id)},
        )
    if run["status"] != "succeeded":
        raise RegiometerError(
            f"import run {run_id} did not succeed ({run['status']}); there is nothing to undo",
            code="undo_failed_run",
            params={"run": str(run_id), "status": run["status"]},
        )
    undone = undone_runs(runs)
    if run_id in undone:
        raise RegiometerError(
            f"import run {run_id} was already undone by run {undone[run_id]}",
            code="undo_already",
            params={"run": str(run_id), "undo": str(undone[run_id])},
        )


def _history(conn: Connection, base: int) -> dict[tuple, list]:
    """Every revision of every key run `base` wrote, grouped by key, oldest first."""
    keys = (
        select(*(OBSERVATIONS.c[c] for c in KEY_COLUMNS))
        .where(OBSERVATIONS.c.import_run_id == base)
        .distinct()
        .subquery()
    )
    query = (
        select(OBSERVATIONS)
        .join(keys, and_(*(OBSERVATIONS.c[c] == keys.c[c] for c in KEY_COLUMNS)))
        .order_by(OBSERVATIONS.c.id)
    )
    grouped: dict[tuple, list] = defaultdict(list)
    for row in conn.execute(query).all():
        grouped[tuple(getattr(row, c) for c in KEY_COLUMNS)].append(row)
    return grouped


class _Key:
    """One key's revisions, and which run each current value really comes from."""

    def __init__(self, revisions: list, runs: dict[int, dict]) -> None:
        self.by_id = {r.id: r for r in revisions}
        self.runs = runs
        self.current = next((r for r in revisions if r.valid_to is None), None)
        self.writes = [r for r in revisions if not self.restores(r)]

    def restores(self, row) -> bool:
        kind = self.runs.get(row.import_run_id, {}).get("kind")
        return kind == "undo" and row.restores_id is not None and row.restores_id in self.by_id

    def origin(self, row):
        seen = set()
        while self.restores(row) and row.id not in seen:
            seen.add(row.id)
            row = self.by_id[row.restores_id]
        return row

    def target(self, undone: dict[int, int]):
        """The revision whose value the key should hold: the latest write of a run not undone."""
        return next((r for r in reversed(self.writes) if r.import_run_id not in undone), None)


def undo_run(engine: Engine, run_id: int, user: str = "") -> UndoResult:
    """Undo one import run in one transaction, recorded as an import run of kind 'undo'."""
    with engine.begin() as conn:
        runs = _runs(conn)
        _check_undoable(runs, run_id)
        base = _base(runs, run_id)
        moment = utc_now()
        undo_id = start_run(conn, kind="undo", source_name="undo", user=user, undoes_run_id=run_id)
        runs[undo_id] = {"id": undo_id, "kind": "undo", "status": "succeeded", "undoes_run_id": run_id}
        undone = undone_runs(runs)
        close: list[int] = []
        restore: list[dict] = []
        withdrawn = skipped = 0
        for revisions in _history(conn, base).values():
            key = _Key(revisions, runs)
            target = key.target(undone)
            origin = key.origin(key.current) if key.current is not None else None
            if target is not None and origin is not None and origin.id == target.id:
                if origin.import_run_id > base:
                    skipped += 1  # a later run holds the key: it keeps its newer value
                continue
            if target is None and key.current is None:
                continue
            if key.current is not None:
                close.append(key.current.id)
            if target is None:
                withdrawn += 1
            else:
                restore.append({c: getattr(target, c) for c in CONTENT} | {"restores_id": target.id})
        if close:
            conn.execute(
                update(OBSERVATIONS)
                .where(OBSERVATIONS.c.id.in_(close))
                .values(valid_to=moment, closed_by_run_id=undo_id)
            )
        if restore:
            conn.execute(
                insert(OBSERVATIONS), [{**r, "valid_from": moment, "import_run_id": undo_id} for r in restore]
            )
        finish_run(conn, undo_id, "succeeded", {"new": 0, "changed": len(restore), "unchanged": skipped})
        conn.execute(update(RUNS).where(RUNS.c.id == undo_id).values(rows_withdrawn=withdrawn))
    return UndoResult(undo_id, len(restore), withdrawn, skipped)


def undo_states(engine: Engine, run_ids: list[int]) -> dict[int, UndoState]:
    """For those of run_ids that are undone: by which run, and how many of their values a run between
    them and their undo still holds (0: the run is undone completely)."""
    with engine.connect() as conn:
        runs = _runs(conn)
        undone = undone_runs(runs)
        query = select(RUNS.c.id, RUNS.c.rows_unchanged).where(RUNS.c.kind == "undo")
        skipped = dict(conn.execute(query).all())
        states: dict[int, UndoState] = {}
        for run_id in run_ids:
            if run_id not in undone:
                continue
            undo_id, pending = undone[run_id], 0
            if runs[run_id]["kind"] != "undo" and skipped.get(undo_id):
                for revisions in _history(conn, run_id).values():
                    key = _Key(revisions, runs)
                    if key.current is not None:
                        pending += int(run_id < key.origin(key.current).import_run_id < undo_id)
            states[run_id] = UndoState(undo_id, pending)
    return states
