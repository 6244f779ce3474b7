"""Reads of the staff area: import runs with their undo state, what a run changed, the audit log.

Pure, typed functions over etl.db (the editor pages never import etl.db; their writes go through
etl.pipeline). Nothing here is cached: staff need the state of this moment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import SupportsInt

import pandas as pd

from dashboard import data
from etl import db

LIMIT = 100
UNDOABLE = ("staff", "edit", "undo")  # official loads and the seed are undone from the CLI, deliberately


@dataclass(frozen=True)
class Run:
    """One import run as the changelog shows it."""

    id: int
    started_at: datetime | None
    kind: str  # seed, source, staff, edit, undo, catalog
    user: str
    what: str  # the file's base name, the source's name, or '' for an undo (see undoes)
    new: int
    changed: int  # for an undo: values restored
    unchanged: int  # for an undo: values left alone
    withdrawn: int  # for an undo: values taken out of the current view
    status: str  # succeeded, failed, running
    error: str
    accepted_warnings: int
    undoes: int | None  # the run an undo run undid
    undone_by: int | None  # the undo run that undoes this run, if it is undone now
    pending: int  # values a later run still holds although this run is undone

    @property
    def undoable(self) -> bool:
        return self.status == "succeeded" and self.kind in UNDOABLE and self.undone_by is None


def _what(row: dict) -> str:
    """Never a server path: the base name of a staff file, else the source's name."""
    if row["kind"] in ("staff", "edit", "catalog"):
        return PurePath(str(row["file_name"] or "").replace("\\", "/")).name or str(row["source_name"] or "")
    return "" if row["kind"] == "undo" else str(row["source_name"] or row["kind"])


def _int(value: SupportsInt | None) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def runs(limit: int = LIMIT) -> list[Run]:
    """The newest runs first, with their undo state."""
    frame = db.import_runs(data.engine(), limit=limit)
    records = frame.to_dict("records")
    states = db.undo_states(data.engine(), [int(r["id"]) for r in records])
    out = []
    for r in records:
        state = states.get(int(r["id"]))
        out.append(
            Run(
                id=int(r["id"]),
                started_at=r["started_at"],
                kind=str(r["kind"]),
                user=str(r["user"] or ""),
                what=_what(r),
                new=_int(r["rows_new"]),
                changed=_int(r["rows_changed"]),
                unchanged=_int(r["rows_unchanged"]),
                withdrawn=_int(r.get("rows_withdrawn")),
                status=str(r["status"]),
                error=str(r["error"] or ""),
                accepted_warnings=_int(r.get("accepted_warnings")),
                undoes=None if pd.isna(r["undoes_run_id"]) else int(r["undoes_run_id"]),
                undone_by=state.undone_by if state else None,
                pending=state.pending if state else 0,
            )
        )
    return out


def run(run_id: int) -> Run | None:
    return next((r for r in runs(limit=1_000_000) if r.id == run_id), None)


def revisions(run_id: int) -> pd.DataFrame:
    """What one run did: the revisions it added ('added') and closed ('replaced')."""
    return db.run_revisions(data.engine(), int(run_id))


@dataclass(frozen=True)
class AuditEntry:
    at: datetime | None
    user: str
    action: str
    detail: dict  # the structured detail; {"text": ...} for rows written before details were JSON
    address: str


def _detail(text: str) -> dict:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        value = None
    return value if isinstance(value, dict) else {"text": text}


def audit_log(limit: int = 500) -> list[AuditEntry]:
    """The newest audit rows first."""
    return [
        AuditEntry(
            r["at"],
            str(r["user"] or ""),
            str(r["action"]),
            _detail(str(r["detail"] or "")),
            str(r["address"] or ""),
        )
        for r in db.read_audit(data.engine(), limit=limit)
    ]


def users() -> list[dict]:
    """Staff accounts without password hashes."""
    return db.list_users(data.engine())
