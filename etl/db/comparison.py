"""Regional comparisons in SQL: which slices (indicator, breakdown, period) have current measured
figures (etl.vocabulary.MEASURED: no targets or forecasts) for two or more regions, and the figures of
one slice with the kind of their source.

A region's figure in a slice is ranked by its best source kind (etl.vocabulary.SOURCE_KINDS, from
official statistics to secondary sources); a slice counts the regions whose best figure comes only
from a secondary source, so pages can mark such comparisons and prefer the others.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, String, case, func, select, type_coerce

from etl.db.queries import OBSERVATION_COLUMNS, _frame, _selectable, _tuples
from etl.db.tables import table_of
from etl.models import Observation, Source
from etl.vocabulary import MEASURED, SOURCE_KINDS

SLICE_COLUMNS = ("indicator", "breakdown", "period", "regions", "secondary_regions", "period_start")
INDICATOR_COLUMNS = ("indicator", "slices")
# Preference among sources of one region's figure: official statistics first, then public bodies,
# associations, companies, the press, sources of unknown kind, and secondary sources last.
_DIRECT = tuple(kind for kind in SOURCE_KINDS if kind != "secondary")
UNKNOWN_RANK = len(_DIRECT)
SECONDARY_RANK = UNKNOWN_RANK + 1


def kind_rank(source_table=None):
    """SQL: a source's rank by kind (0 = official statistics ... SECONDARY_RANK = secondary source)."""
    source_table = source_table if source_table is not None else table_of(Source)
    ranks = {kind: rank for rank, kind in enumerate(_DIRECT)} | {"secondary": SECONDARY_RANK}
    return case(ranks, value=source_table.c.kind, else_=UNKNOWN_RANK)


def _best_per_region(indicator: str | None):
    """One row per indicator, breakdown, period and region: the best source rank and the period start."""
    obs, src = table_of(Observation), table_of(Source)
    clauses: list = [obs.c.valid_to.is_(None), obs.c.status.in_(MEASURED)]
    if indicator is not None:
        clauses.append(obs.c.indicator == indicator)
    keys = (obs.c.indicator, obs.c.breakdown, obs.c.period, obs.c.region)
    return (
        select(
            *keys,
            func.min(obs.c.period_start).label("period_start"),
            func.min(kind_rank(src)).label("rank"),
        )
        .select_from(obs.join(src, src.c.slug == obs.c.source))
        .where(*clauses)
        .group_by(*keys)
        .subquery()
    )


def _slices(indicator: str | None):
    inner = _best_per_region(indicator)
    keys = (inner.c.indicator, inner.c.breakdown, inner.c.period)
    return (
        select(
            *keys,
            func.count().label("regions"),
            func.sum(case((inner.c.rank >= SECONDARY_RANK, 1), else_=0)).label("secondary_regions"),
            type_coerce(func.min(inner.c.period_start), String).label("period_start"),
        )
        .group_by(*keys)
        .having(func.count() >= 2)
    )


def comparable_slices(engine: Engine, indicator: str) -> pd.DataFrame:
    """The slices of one indicator with figures for 2+ regions: regions, how many of them rest on a
    secondary source only, and the period's start (read through the indicator's index)."""
    with engine.connect() as conn:
        rows = _tuples(conn, _slices(indicator))
    frame = pd.DataFrame.from_records(rows, columns=list(SLICE_COLUMNS))
    frame["period_start"] = pd.to_datetime(frame["period_start"].astype(str).str[:10])
    return frame.astype({"regions": int, "secondary_regions": int})


def comparable_indicators(engine: Engine) -> pd.DataFrame:
    """Every indicator with a comparable slice and how many it has. One pass over the current rows,
    without the source join (the slices of one indicator, read when it is chosen, carry the kinds)."""
    table = table_of(Observation)
    keys = (table.c.indicator, table.c.breakdown, table.c.period)
    found = (
        select(*keys)
        .where(table.c.valid_to.is_(None), table.c.status.in_(MEASURED))
        .group_by(*keys)
        .having(func.min(table.c.region) < func.max(table.c.region))  # two regions or more
        .subquery()
    )
    query = select(found.c.indicator, func.count().label("slices")).group_by(found.c.indicator)
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return pd.DataFrame.from_records(rows, columns=list(INDICATOR_COLUMNS)).astype({"slices": int})


def slice_rows(engine: Engine, indicator: str, breakdown: str, period: str) -> pd.DataFrame:
    """The current observations of one slice (every region and source), with the source's kind and
    its rank (lower is preferred)."""
    obs, src = table_of(Observation), table_of(Source)
    query = (
        select(
            *(_selectable(obs, c) for c in OBSERVATION_COLUMNS),
            src.c.kind.label("source_kind"),
            kind_rank(src).label("source_rank"),
        )
        .select_from(obs.join(src, src.c.slug == obs.c.source))
        .where(
            obs.c.valid_to.is_(None),
            obs.c.status.in_(MEASURED),
            obs.c.indicator == indicator,
            obs.c.breakdown == breakdown,
            obs.c.period == period,
        )
        .order_by(obs.c.region, obs.c.source)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    frame = _frame(rows, [*OBSERVATION_COLUMNS, "source_kind", "source_rank"], ("period_start",))
    return frame.astype({"source_rank": int}) if len(frame) else frame
