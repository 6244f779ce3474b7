"""Plausibility warnings: values that are valid but probably wrong, said before anything is saved.

- a change by more than a factor of FACTOR against the current value of the same key, or (for a new
  key) against the latest period of the same series (indicator, region, breakdown);
- a fractional count (etl.vocabulary.COUNT_UNITS), a negative value of a non-negative unit;
- an observed value (actual, provisional) for a period that has not begun;
- a period before EARLIEST_YEAR.

Warnings never block a dry run; a load with warnings needs them accepted ("save anyway",
--accept-warnings). Only new and changed rows are checked: an unchanged row was accepted before.
Pure: the caller passes the plan and the series' latest values.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from etl import vocabulary
from etl.errors import Problem
from etl.messages import warning, word

FACTOR = 3.0
EARLIEST_YEAR = 1900
SERIES = ["indicator", "region", "breakdown"]


def group_of(status: pd.Series) -> pd.Series:
    """Measurements are compared with measurements, targets and announcements with their kind."""
    return status.astype(str).isin(vocabulary.MEASURED).map({True: "measured", False: "forward"})


def latest_in_series(current: pd.DataFrame) -> pd.DataFrame:
    """The latest period of each series and status group among current rows (indicator, region,
    breakdown, period, period_start, value, status)."""
    if current.empty:
        return current.assign(group=[])
    ordered = current.assign(
        group=group_of(current["status"]), _start=pd.to_datetime(current["period_start"]).astype("int64")
    ).sort_values("_start", kind="stable")
    return ordered.drop_duplicates([*SERIES, "group"], keep="last").drop(columns="_start")


def _reference(new: pd.DataFrame, changed: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """Rows to check with the value each is compared with: its own current value when it has one,
    else the latest period of its series (ref_value NaN when there is nothing to compare with)."""
    old = changed.get("old_value", np.nan)
    changed = changed.assign(old_value=old, ref_value=old, ref_period="", same_key=True)
    if latest.empty or new.empty:
        new = new.assign(ref_value=np.nan, ref_period="", same_key=False)
    else:
        picked = latest.rename(columns={"value": "ref_value", "period": "ref_period"})[
            [*SERIES, "group", "ref_value", "ref_period"]
        ]
        keyed = new.assign(group=group_of(new["status"]))
        new = keyed.merge(picked, on=[*SERIES, "group"], how="left").drop(columns="group")
        new = new.assign(same_key=False, ref_period=new["ref_period"].fillna(""))
    return pd.concat([new, changed], ignore_index=True)


def _number(value: float) -> float:
    return float(round(float(value), 6))


def warnings(new: pd.DataFrame, changed: pd.DataFrame, latest: pd.DataFrame, today: date) -> list[Problem]:
    """Every warning for a plan's new and changed rows (validated frames with `_row` and `unit`).
    Vectorised: only flagged rows are visited one by one."""
    rows = _reference(new, changed, latest)
    if rows.empty:
        return []
    value = rows["value"].astype(float)
    unit = rows["unit"].astype(str)
    reference = pd.to_numeric(rows["ref_value"], errors="coerce")
    comparable = ~unit.isin(vocabulary.RATE_UNITS) & (reference > 0) & (value >= 0)
    ratio = (value / reference).where(comparable)
    starts = pd.to_datetime(rows["period_start"])
    masks = {
        "warn_change": ratio > FACTOR,
        "warn_drop": ratio < 1 / FACTOR,
        "warn_not_whole": unit.isin(vocabulary.COUNT_UNITS) & ((value - value.round()).abs() > 1e-9),
        "warn_negative": unit.isin(vocabulary.NON_NEGATIVE_UNITS) & (value < 0),
        "warn_future": rows["status"].astype(str).isin(vocabulary.OBSERVED) & (starts > pd.Timestamp(today)),
        "warn_early": starts.dt.year < EARLIEST_YEAR,
    }
    found: list[Problem] = []
    for code, mask in masks.items():
        for index in rows.index[mask.fillna(False).to_numpy(dtype=bool)]:
            found.append(_warning(code, rows.loc[index], ratio[index], today))
    return sorted(found, key=lambda p: (p.row or 0, p.column or "", p.code))


def _warning(code: str, r: pd.Series, ratio: float, today: date) -> Problem:
    row = int(r["_row"]) if "_row" in r and pd.notna(r["_row"]) else None
    params: dict[str, object] = {}
    if r["same_key"] and pd.notna(r.get("old_value")):
        params["current"] = _number(r["old_value"])
    value = _number(r["value"])
    if code in ("warn_change", "warn_drop"):
        compared = (
            word("compared.same_key") if r["same_key"] else word("compared.series", period=r["ref_period"])
        )
        params.update(current=_number(r["ref_value"]), compared=compared, value=value)
        if code == "warn_change":
            params["factor"] = round(float(ratio), 1)
        else:
            params["percent"] = round((1 - float(ratio)) * 100, 1)
        return warning(code, row, "value", **params)
    if code in ("warn_not_whole", "warn_negative"):
        return warning(code, row, "value", value=value, unit=str(r["unit"]), **params)
    if code == "warn_future":
        today_text = {"en": today.isoformat(), "de": f"{today:%d.%m.%Y}"}
        return warning(
            code, row, "period", status=str(r["status"]), period=str(r["period"]), today=today_text, **params
        )
    return warning(code, row, "period", period=str(r["period"]), **params)
