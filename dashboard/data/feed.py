"""The feed of published changes: one entry per import run that changed public values (pure rules
over etl.db reads, cached per data version).

An entry names the indicators the run touched, how many values it added, revised or withdrew, and
for each indicator its headline number before and after the run. The headline number is the one
the site shows first: the pack's headline card of the indicator (its region and breakdown), else
the indicator's total in the home region, picked by the headline rule (etl.headline: the latest
actual value, from the preferred source).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dashboard.data.cache import cached
from dashboard.data.warehouse import catalog, data_key, engine, pack
from etl import db, headline

LIMIT = 30  # entries in a feed


@dataclass(frozen=True)
class Headline:
    """A series' headline value: the latest actual one by the headline rule."""

    period: str
    value: float
    qualifier: str = ""


@dataclass(frozen=True)
class Change:
    """What one run did to one indicator."""

    indicator: str
    region: str  # the headline series
    breakdown: str
    added: int  # revisions added: new values and new versions of changed ones
    revised: int  # of those, how many replaced an earlier version
    closed: int  # undo runs: revisions closed (withdrawn, or replaced by the version restored)
    before: Headline | None
    after: Headline | None

    @property
    def moved(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Entry:
    run_id: int
    kind: str  # seed, source, staff, edit, undo
    source_name: str
    finished_at: datetime
    undoes_run_id: int | None
    changes: tuple[Change, ...]


def headline_series(indicator: str) -> tuple[str, str]:
    """(region, breakdown) of the indicator's headline number: its first headline card, else the
    total in the home region."""
    home = pack()
    for card in home.headline:
        if card.indicator == indicator and not card.cumulative:
            return card.region or home.home, card.breakdown
    return home.home, ""


def _headline(rows: pd.DataFrame) -> Headline | None:
    if rows.empty:
        return None
    picked = headline.latest_actuals(rows, *headline.rules(catalog()))
    if picked.empty:
        return None
    row = picked.iloc[-1]
    return Headline(str(row["period"]), float(row["value"]), str(row.get("qualifier") or ""))


def _changes(run_id: int, touched: pd.DataFrame) -> tuple[Change, ...]:
    """One Change per indicator the run touched, with its headline before and after."""
    per_indicator = touched.groupby("indicator", sort=True)[list(db.feed.COUNTS)].sum()
    series = {indicator: headline_series(str(indicator)) for indicator in per_indicator.index}
    rows = db.around_run(engine(), run_id, list(series), sorted({region for region, _ in series.values()}))
    changes = []
    for indicator, counts in zip(per_indicator.index, per_indicator.to_dict("records"), strict=True):
        region, breakdown = series[indicator]
        mine = rows[
            (rows["indicator"] == indicator) & (rows["region"] == region) & (rows["breakdown"] == breakdown)
        ] if not rows.empty else rows  # fmt: skip
        before = _headline(mine[mine["before"]]) if not mine.empty else None
        after = _headline(mine[mine["after"]]) if not mine.empty else None
        changes.append(
            Change(
                indicator=str(indicator),
                region=region,
                breakdown=breakdown,
                added=int(counts["added"]),
                revised=int(counts["revised"]),
                closed=int(counts["closed"]),
                before=before,
                after=after,
            )
        )
    return tuple(changes)


@cached(data_key)
def entries(indicator: str | None = None, limit: int = LIMIT) -> tuple[Entry, ...]:
    """The newest runs that changed public values, newest first (of one indicator, if given)."""
    runs = db.changing_runs(engine(), limit=limit, indicator=indicator)
    if runs.empty:
        return ()
    undo_ids = runs.loc[runs["kind"] == "undo", "id"].astype(int).tolist()
    touched = db.run_series(engine(), runs["id"].astype(int).tolist(), undo_ids)
    if indicator:
        touched = touched[touched["indicator"] == indicator]
    by_run = {int(run_id): group for run_id, group in touched.groupby("run_id")}
    found = []
    for run in runs.to_dict("records"):  # at most `limit` runs
        group = by_run.get(int(run["id"]))
        if group is None or group.empty:
            continue
        undoes = run.get("undoes_run_id")
        found.append(
            Entry(
                run_id=int(run["id"]),
                kind=str(run["kind"]),
                source_name=str(run.get("source_name") or ""),
                finished_at=pd.Timestamp(run["finished_at"]).to_pydatetime(),
                undoes_run_id=int(undoes) if pd.notna(undoes) else None,
                changes=_changes(int(run["id"]), group),
            )
        )
    return tuple(found)


def known_indicator(slug: str) -> bool:
    return slug in catalog().indicators
