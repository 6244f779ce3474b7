"""SYNTHETIC benchmark data: invented values on real catalog keys, labelled as such everywhere.

Never loaded into the real warehouse: benchmarks build their own in a temporary folder (or in the
folder given to `--warehouses`).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from etl.catalog import Catalog, SourceRow

SYNTHETIC_SOURCE = SourceRow(
    slug="synthetic-benchmark",
    publisher="Regiometer benchmark (SYNTHETIC DATA)",
    title="Synthetic benchmark observations - not real figures",
    kind="secondary",  # not a real kind of source; publisher and title say what it is
    language="en",
)


def synthetic_frame(catalog: Catalog, rows: int = 1_000_000, seed: int = 7) -> pd.DataFrame:
    """`rows` canonical rows with unique keys: indicators x regions x breakdowns x months."""
    indicators = sorted(catalog.indicators)
    regions = sorted(catalog.regions)
    breakdowns = ["", *sorted(catalog.entities)[:3]]
    per_month = len(indicators) * len(regions) * len(breakdowns)
    months = pd.period_range("1900-01", periods=-(-rows // per_month), freq="M").astype(str)
    keys = itertools.islice(itertools.product(indicators, regions, breakdowns, months), rows)
    frame = pd.DataFrame(list(keys), columns=["indicator", "region", "breakdown", "period"])
    generator = np.random.default_rng(seed)
    frame["value"] = generator.uniform(0, 100_000, len(frame)).round(1)
    frame["unit"] = ""
    frame["status"] = "estimate"
    frame["source"] = SYNTHETIC_SOURCE.slug
    frame["note"] = "SYNTHETIC benchmark value"
    frame["note_de"] = ""  # as from a connector: no German note
    frame["qualifier"] = ""
    return frame
