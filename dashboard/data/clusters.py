"""Clusters, hubs and initiatives: member series, event participants and one profile per entity the pack
names ([clusters] profiles). Reads name every catalog region and the entities, so the warehouse seeks
by its index instead of scanning; each result is cached per data version.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data import preferred
from dashboard.data.cache import cached
from dashboard.data.warehouse import catalog, data_key, empty, engine, enrich, pack
from etl import db
from etl.catalog import EntityRow
from etl.vocabulary import MEASURED

MEMBERS, FOUNDING, PARTNERS = "cluster.members", "cluster.founding_members", "cluster.partners"
LOCATIONS, PARTICIPANTS, FOUNDED = "cluster.hub_locations", "cluster.event_participants", "cluster.founded"
FIGURE_ORDER = (MEMBERS, PARTNERS, LOCATIONS, FOUNDING)
REPORTED = (*MEASURED, "announcement")  # profiles also list announced funding, marked as such


@cached(data_key, budget=8 * 1024 * 1024)
def about_entities(slugs: tuple[str, ...], indicators: tuple[str, ...] = ()) -> pd.DataFrame:
    """Current observations about these entities (as breakdown), in any region, of the given indicators
    (all of the catalog's if none), newest first."""
    known = catalog()
    frame = db.read_observations(
        engine(),
        dates=("period_start",),
        indicator=list(indicators or sorted(known.indicators)),
        region=sorted(known.regions),
        breakdown=list(slugs),
    )
    return enrich(frame).sort_values("period_start", ascending=False, kind="stable").reset_index(drop=True)


def headline(frame: pd.DataFrame, statuses: tuple[str, ...] = MEASURED) -> pd.DataFrame:
    """One figure per series and period (the headline rule), oldest first."""
    rows = frame[frame["status"].isin(statuses)]
    return preferred(rows).sort_values("period_start", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Members:
    cluster: str  # the entity whose members the chart shows
    rows: pd.DataFrame  # members by period
    founding: pd.Series | None  # the founding members (shown as a note, not as a point of the line)


@cached(data_key, budget=1024 * 1024)
def members() -> Members:
    cluster = pack().cluster_members
    rows = about_entities((cluster,), (MEMBERS, FOUNDING))
    founding = headline(rows[rows["indicator"] == FOUNDING])
    return Members(
        cluster, headline(rows[rows["indicator"] == MEMBERS]), founding.iloc[0] if len(founding) else None
    )


def events() -> tuple[str, ...]:
    """The events of the profiled clusters (catalog entities of kind 'event' whose parent is profiled)."""
    profiled = set(pack().cluster_profiles)
    return tuple(
        slug
        for slug, row in sorted(catalog().entities.items())
        if row.kind == "event" and row.parent in profiled
    )


@cached(data_key, budget=1024 * 1024)
def participants() -> pd.DataFrame:
    """Participants per event and year."""
    slugs = events()
    return headline(about_entities(slugs, (PARTICIPANTS,))) if slugs else empty()


@dataclass(frozen=True)
class Profile:
    entity: EntityRow
    founded: str  # the founding year ('' if unknown)
    founded_source: pd.Series | None  # the observation it comes from (None: the catalog entry)
    parent: EntityRow | None
    figures: pd.DataFrame  # the latest figure of each indicator about the entity, then its events
    sources: pd.DataFrame  # one row per source cited by the profile's observations


def _founded(slug: str, rows: pd.DataFrame, entity: EntityRow) -> tuple[str, pd.Series | None]:
    """The founding year: a sourced observation (year founded, else the founding members' year) if there
    is one, else the catalog entry."""
    mine = rows[rows["breakdown"] == slug]
    for indicator in (FOUNDED, FOUNDING):
        observed = mine[mine["indicator"] == indicator]
        if not observed.empty:
            row = observed.iloc[0]
            year = str(row["value"] if indicator == FOUNDED else row["period"])
            return year[:4].split(".")[0], row
    return str(entity.founded or ""), None


def _figures(slug: str, rows: pd.DataFrame) -> pd.DataFrame:
    latest = headline(rows[rows["indicator"] != FOUNDED], REPORTED)
    latest = latest.drop_duplicates(["indicator", "breakdown"], keep="last")
    order = (
        latest["indicator"].map({name: i for i, name in enumerate(FIGURE_ORDER)}).fillna(len(FIGURE_ORDER))
    )
    return (
        latest.assign(_own=latest["breakdown"] != slug, _rank=order)
        .sort_values(["_own", "_rank", "indicator"], kind="stable")
        .drop(columns=["_own", "_rank"])
        .reset_index(drop=True)
    )


def profile(slug: str) -> Profile | None:
    known = catalog()
    entity = known.entities.get(slug)
    if entity is None:
        return None
    children = tuple(
        s for s, row in sorted(known.entities.items()) if row.parent == slug and row.kind == "event"
    )
    rows = about_entities((slug, *children))
    founded, founded_source = _founded(slug, rows, entity)
    parent = known.entities.get(entity.parent) if entity.parent else None
    sources = rows.drop_duplicates("source").reset_index(drop=True)
    return Profile(entity, founded, founded_source, parent, _figures(slug, rows), sources)


@cached(data_key, budget=2 * 1024 * 1024)
def profiles() -> tuple[Profile, ...]:
    """A profile of every entity the pack names, in the pack's order."""
    found = (profile(slug) for slug in pack().cluster_profiles)
    return tuple(item for item in found if item is not None)
