"""The population figures that values per 1,000 inhabitants divide by: one figure per region and
period (the headline rule), read for the regions a view shows and cached per data version. The rule
that pairs a value with a population figure is dashboard.data.percapita."""

from __future__ import annotations

import pandas as pd

from dashboard.data import preferred
from dashboard.data.cache import cached
from dashboard.data.percapita import PerCapita, per_thousand
from dashboard.data.warehouse import data_key, engine, enrich
from etl import db
from etl.vocabulary import MEASURED, PER_CAPITA_UNITS

POPULATION = "context.population"


@cached(data_key, budget=8 * 1024 * 1024)
def population(regions: tuple[str, ...]) -> pd.DataFrame:
    """Measured population totals of the regions, one per region and period, with source details."""
    frame = db.read_observations(
        engine(),
        dates=("period_start",),
        indicator=POPULATION,
        region=list(regions),
        breakdown=[""],
        status=list(MEASURED),
    )
    return preferred(enrich(frame)).reset_index(drop=True)


def per_1000(values: pd.DataFrame) -> PerCapita:
    """The rows with value_per_1000 and the population each was divided by (percapita's rule)."""
    regions = tuple(sorted(set(values["region"].astype(str)))) if len(values) else ()
    return per_thousand(values, population(regions))


def allowed(indicator: str, unit: str) -> bool:
    """Per 1,000 inhabitants makes sense for counts of persons and companies and for money, never for
    the population itself (which per head is 1)."""
    return unit in PER_CAPITA_UNITS and indicator != POPULATION


def used_sources(rows: pd.DataFrame) -> pd.DataFrame:
    """The population observations a per-1,000 frame divided by (for citations and source lines)."""
    if rows.empty or "population_source" not in rows:
        return rows.iloc[0:0]
    regions = tuple(sorted(set(rows["region"].astype(str))))
    people = population(regions)
    used = rows[["region", "population_period", "population_source"]].drop_duplicates()
    keys = people.merge(
        used,
        left_on=["region", "period", "source"],
        right_on=["region", "population_period", "population_source"],
    )
    return keys.drop(columns=["population_period", "population_source"])
