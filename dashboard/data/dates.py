"""How old the data is: the latest publication or retrieval date of what a chart, card or page shows.

Each observation is dated by its source's publication date (`published`: a day, a month or a year) or,
where the source gives none, by the day it was fetched or entered: the end of the import run that
loaded it, for runs of a connector or of staff (RETRIEVAL_RUNS). The seed's load date says nothing
about the data, so seed rows of undated sources carry no date. Dates are ISO text of their own
precision ("2024-06-11", "2024-06", "2024"); the latest is the one whose first day is latest (the
more precise one on a tie).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from dashboard.data.cache import cached
from dashboard.data.warehouse import catalog, data_key, engine
from etl import db

RETRIEVAL_RUNS = ("source", "staff", "edit")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalise(text: object) -> str:
    """A publication date as ISO text of its precision ('' if it is not one)."""
    value = str(text or "").strip()[:10]
    return value if _ISO.match(value) else ""


def sort_key(text: str) -> tuple[str, int]:
    """Orders partial dates by their first day, the more precise one last on a tie."""
    padded = text + "-01-01"[len(text) - 4 :] if len(text) < 10 else text
    return padded, len(text)


def latest_of(dates: Iterable[object]) -> str | None:
    found = [value for value in (normalise(d) for d in dates) if value]
    return max(found, key=sort_key) if found else None


@cached(data_key, budget=256 * 1024)
def retrieval_days() -> dict[int, str]:
    """Import run id -> the day it finished, for runs that fetched or entered figures."""
    runs = db.run_times(engine())
    runs = runs[runs["kind"].isin(RETRIEVAL_RUNS) & runs["finished_at"].notna()]
    return dict(zip(runs["id"].astype(int), runs["finished_at"].dt.strftime("%Y-%m-%d"), strict=True))


def row_dates(rows: pd.DataFrame) -> pd.Series:
    """The date of each observation (ISO text, '' where none is known)."""
    if rows.empty:
        return pd.Series(dtype=object)
    published = rows["published"] if "published" in rows else _published(rows)
    dated = published.fillna("").astype(str).map(normalise)
    if "import_run_id" in rows:
        fetched = pd.to_numeric(rows["import_run_id"], errors="coerce").map(retrieval_days()).fillna("")
        dated = dated.where(dated != "", fetched)
    return dated


def _published(rows: pd.DataFrame) -> pd.Series:
    if "source" not in rows:
        return pd.Series("", index=rows.index)
    days = {slug: row.published for slug, row in catalog().sources.items()}
    return rows["source"].astype(str).map(days)


def latest(rows: pd.DataFrame | None) -> str | None:
    """The latest publication or retrieval date of these observations (None if none is known)."""
    if rows is None or rows.empty:
        return None
    return latest_of(row_dates(rows).unique())


@cached(data_key, budget=64 * 1024)
def site_latest() -> str | None:
    """The latest publication or retrieval date of all current data (the shell's 'Data as of')."""
    sources = catalog().sources.values()
    published = sorted(
        (row for row in sources if normalise(row.published)),
        key=lambda row: sort_key(normalise(row.published)),
        reverse=True,
    )
    in_use = db.first_source_in_use(engine(), [row.slug for row in published])
    newest = normalise(catalog().sources[in_use].published) if in_use else ""
    undated = [row.slug for row in sources if not normalise(row.published)]
    days = retrieval_days()
    later = [run for run in days if not newest or sort_key(days[run]) > sort_key(newest)]
    runs = sorted(later, key=lambda run: (days[run], run), reverse=True)
    fetched = db.first_run_in_use(engine(), runs, undated) if undated and runs else None
    return latest_of([newest, days.get(fetched, "") if fetched is not None else ""])
