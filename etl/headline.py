"""Which value is the headline: one per period from the indicator's preferred source, and the latest
actual one. Used by the dashboard's cards and by the editor's preview ("which headline numbers move")."""

from __future__ import annotations

import pandas as pd

from etl.catalog import Catalog
from etl.schema import KEY_COLUMNS
from etl.vocabulary import MEASURED, PRIMARY_SOURCE_KINDS

ACTUAL_STATUSES = MEASURED
SERIES = ["indicator", "region", "breakdown"]


def rules(catalog: Catalog) -> tuple[dict[str, str], dict[str, str], dict[str, bool]]:
    """The headline rule's inputs from the catalogs: each indicator's preferred source, each source's
    publication date, and whether it is a primary source (official, government, association or
    company: the producer of the figure, not a report about it)."""
    preferred_sources = {slug: row.get("preferred_source", "") for slug, row in catalog.indicators.items()}
    published = {slug: row.get("published", "") for slug, row in catalog.sources.items()}
    primary = {slug: row.get("kind", "") in PRIMARY_SOURCE_KINDS for slug, row in catalog.sources.items()}
    return preferred_sources, published, primary


def preferred(
    frame: pd.DataFrame,
    preferred_sources: dict[str, str],
    published: dict[str, str],
    primary: dict[str, bool] | None = None,
) -> pd.DataFrame:
    """One row per series and period: the indicator's preferred source if it has the period, else a
    primary source (the producer's own publication) before press and secondary reports, the most
    recently published first, else the most recent load (README of the pack's reference catalogs)."""
    if frame.empty:
        return frame
    favourite = frame["indicator"].astype(str).map(preferred_sources).fillna("")
    sources = frame["source"].astype(str)
    is_primary = sources.map(primary or {}).fillna(False).astype(bool) if primary else True
    ranked = frame.assign(
        _rank=(sources != favourite).astype(int) * 2
        + (~pd.Series(is_primary, index=frame.index)).astype(int),
        _published=sources.map(published).fillna(""),
    )
    order, ascending = ["period", "_rank", "_published"], [True, True, False]
    if "valid_from" in frame:
        order, ascending = [*order, "valid_from"], [*ascending, False]
    ranked = ranked.sort_values(order, ascending=ascending, kind="stable", na_position="last")
    return ranked.drop_duplicates([*SERIES, "period"]).drop(columns=["_rank", "_published"])


def latest_actuals(
    frame: pd.DataFrame,
    preferred_sources: dict[str, str],
    published: dict[str, str],
    primary: dict[str, bool] | None = None,
) -> pd.DataFrame:
    """The headline row of every series in the frame."""
    actual = frame[frame["status"].astype(str).isin(ACTUAL_STATUSES)]
    picked = preferred(actual, preferred_sources, published, primary)
    if picked.empty:
        return picked
    return picked.sort_values("period_start", kind="stable").drop_duplicates(SERIES, keep="last")


def apply_plan(current: pd.DataFrame, new: pd.DataFrame, changed: pd.DataFrame) -> pd.DataFrame:
    """The current view as it would be after a load (pure: nothing is written)."""
    keys = pd.MultiIndex.from_frame(current[KEY_COLUMNS].astype(str))
    replaced = pd.MultiIndex.from_frame(changed[KEY_COLUMNS].astype(str)) if not changed.empty else None
    kept = current[~keys.isin(replaced)] if replaced is not None else current
    columns = [c for c in current.columns if c in new.columns or c in changed.columns or c == "valid_from"]
    incoming = pd.concat([new, changed], ignore_index=True)
    # Incoming rows would be the newest load, and their dates arrive as date objects.
    incoming = incoming.assign(
        period_start=pd.to_datetime(incoming["period_start"]), valid_from=pd.Timestamp.now("UTC")
    )
    return pd.concat([kept[columns], incoming[columns]], ignore_index=True)


def headline_moves(
    current: pd.DataFrame,
    new: pd.DataFrame,
    changed: pd.DataFrame,
    preferred_sources: dict[str, str],
    published: dict[str, str],
    primary: dict[str, bool] | None = None,
) -> pd.DataFrame:
    """Series whose headline value or period would change: before and after, side by side."""
    touched = pd.concat([new[SERIES], changed[SERIES]]).astype(str).drop_duplicates()
    if touched.empty:
        return pd.DataFrame(columns=[*SERIES, "period_before", "value_before", "period_after", "value_after"])
    before = latest_actuals(current, preferred_sources, published, primary)
    after = latest_actuals(apply_plan(current, new, changed), preferred_sources, published, primary)
    columns = [*SERIES, "period", "value"]
    merged = touched.merge(before[columns].astype({c: str for c in SERIES}), on=SERIES, how="left")
    merged = merged.merge(
        after[columns].astype({c: str for c in SERIES}), on=SERIES, how="left", suffixes=("_before", "_after")
    )
    moved = (merged["period_before"] != merged["period_after"]) | (
        merged["value_before"] != merged["value_after"]
    )
    return merged[moved].reset_index(drop=True)
