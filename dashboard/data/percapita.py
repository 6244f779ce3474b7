"""Values per 1,000 inhabitants: one rule for every page, chart, export and the API.

Each value is divided by the population of the same region whose reference date is nearest to the
value's. A value refers to the middle of its period (1 July for a year); a population figure is a
stock at the end of its period (31 December for a year, the day itself for a day period, so
Eurostat's "1 January 2025" and a census "2024" count as the same moment). On a tie the earlier
population wins: it was known when the value was measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PER = 1000
_FREQUENCY_MONTHS = {"A": 12, "Q": 3, "M": 1}


def _starts(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["period_start"]).astype("datetime64[ns]")


def _months(frame: pd.DataFrame) -> pd.Series:
    frequency = frame["frequency"] if "frequency" in frame else pd.Series("A", index=frame.index)
    return frequency.astype(str).map(_FREQUENCY_MONTHS).fillna(0).astype(int)


def middle_of_period(frame: pd.DataFrame) -> pd.Series:
    """The moment a flow or average refers to: the middle of its period (a day: the day)."""
    starts, months = _starts(frame), _months(frame)
    ends = starts + pd.to_timedelta(months * 30.44, unit="D")
    return (starts + (ends - starts) / 2).astype("datetime64[ns]")


def end_of_period(frame: pd.DataFrame) -> pd.Series:
    """The moment a stock refers to: the last day of its period (a day: the day)."""
    starts, months = _starts(frame), _months(frame)
    ends = [
        start + pd.DateOffset(months=int(n)) - pd.Timedelta(days=1) if n else start
        for start, n in zip(starts, months, strict=True)
    ]
    return pd.Series(pd.to_datetime(ends), index=frame.index).astype("datetime64[ns]")


@dataclass(frozen=True)
class PerCapita:
    """Rows with the value per 1,000 inhabitants and the population each was divided by."""

    rows: pd.DataFrame  # value_per_1000, population, population_period, population_source
    missing: tuple[str, ...]  # regions that have no population figure at all


POPULATION_COLUMNS = ("population", "population_period", "population_source")


def per_thousand(values: pd.DataFrame, population: pd.DataFrame) -> PerCapita:
    """Adds value_per_1000 and the population used to each row of `values` (same region, nearest
    reference date, the earlier on a tie). Rows of regions without any population keep NaN."""
    if values.empty:
        return PerCapita(values.assign(value_per_1000=pd.Series(dtype=float)), ())
    people = population.assign(
        _when=end_of_period(population), region=population["region"].astype(str)
    ).sort_values("_when")
    wanted = values.assign(_when=middle_of_period(values), region=values["region"].astype(str))
    wanted = wanted.assign(_order=np.arange(len(wanted))).sort_values("_when")
    columns = ["_when", "region", "value", "period", "source"]
    picked = people[columns].rename(
        columns={"value": "population", "period": "population_period", "source": "population_source"}
    )
    chosen = _nearest(wanted, picked)
    chosen = chosen.sort_values("_order").set_axis(values.index)
    result = values.assign(
        population=chosen["population"].astype(float),
        population_period=chosen["population_period"],
        population_source=chosen["population_source"],
    )
    result = result.assign(value_per_1000=result["value"].astype(float) / result["population"] * PER)
    missing = sorted(set(values["region"].astype(str)) - set(people["region"]))
    return PerCapita(result, tuple(missing))


def _nearest(wanted: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """For each wanted row the population row with the nearest _when; the earlier one on a tie."""
    before = pd.merge_asof(wanted, people.rename(columns={"_when": "_at"}), left_on="_when",
                           right_on="_at", by="region", direction="backward")  # fmt: skip
    after = pd.merge_asof(wanted, people.rename(columns={"_when": "_at"}), left_on="_when",
                          right_on="_at", by="region", direction="forward")  # fmt: skip
    gap_before = (before["_when"] - before["_at"]).abs()
    gap_after = (after["_at"] - after["_when"]).abs()
    use_after = before["_at"].isna() | (after["_at"].notna() & (gap_after < gap_before))
    chosen = before.copy()
    for column in ("_at", *(c for c in people.columns if c not in ("_when", "region"))):
        chosen[column] = before[column].where(~use_after, after[column])
    return chosen
