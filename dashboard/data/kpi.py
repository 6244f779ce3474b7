"""Headline cards: the figures a card shows, and its change since the previous figure.

A card shows one figure per period of its series (the headline rule: the preferred source, else the
most recently published), or for a cumulative card the running sum by year of every measured value of
the indicator in the home region and below (summed in SQL). The change is from the previous figure to
the latest; where either is a bound ("more than 35,000") the change is a bound too, and where it cannot
be told (both bounds on the same side) it is not shown (dashboard.data.progress.change_bound).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data import dates, preferred
from dashboard.data.cache import cached
from dashboard.data.progress import change_bound
from dashboard.data.warehouse import catalog, data_key, engine, enrich, pack, series
from etl import db
from etl.pack import Card
from etl.vocabulary import LOWER_BOUNDS, MEASURED, UPPER_BOUNDS


@dataclass(frozen=True)
class Change:
    percent: float  # signed, in percent of the previous figure
    bound: str  # '' exact, 'lower' (at least), 'upper' (at most), 'about'
    since: str  # the previous figure's period


@dataclass(frozen=True)
class Headline:
    card: Card
    rows: pd.DataFrame  # one figure per period, oldest first; empty if there is none yet
    change: Change | None

    @property
    def latest(self) -> pd.Series | None:
        return self.rows.iloc[-1] if not self.rows.empty else None


def change(rows: pd.DataFrame) -> Change | None:
    """From the previous figure to the latest, with its bound; None if there is no previous figure, it
    is zero, or the wording of the two leaves the direction open."""
    if len(rows) < 2:
        return None
    previous, latest = rows.iloc[-2], rows.iloc[-1]
    if not float(previous["value"]):
        return None
    bound = change_bound(str(previous["qualifier"] or ""), str(latest["qualifier"] or ""))
    if bound is None:
        return None
    percent = (float(latest["value"]) - float(previous["value"])) / abs(float(previous["value"])) * 100
    return Change(percent, bound, str(previous["period"]))


def sum_qualifier(qualifiers: pd.Series) -> str:
    """How a sum of figures is worded: exact, a lower bound if it adds lower bounds, an upper bound if it
    adds upper bounds, else about."""
    found = {str(q) for q in qualifiers if q and str(q) != "nan"}
    if not found:
        return ""
    if found <= set(LOWER_BOUNDS):
        return LOWER_BOUNDS[0]
    if found <= set(UPPER_BOUNDS):
        return "up_to"
    return "about"


def any_region(indicator: str, breakdown: str) -> pd.DataFrame:
    """An entity's series in whichever region it is reported (read by the index: every region of the
    catalog is named, so the warehouse seeks instead of scanning)."""
    return _any_region(indicator, breakdown)


@cached(data_key, budget=4 * 1024 * 1024)
def _any_region(indicator: str, breakdown: str) -> pd.DataFrame:
    regions = sorted(catalog().regions)
    frame = db.read_observations(
        engine(), dates=("period_start",), indicator=indicator, region=regions, breakdown=[breakdown]
    )
    return enrich(frame)


def card_rows(card: Card) -> pd.DataFrame:
    """The figures of one card, one per period, oldest first."""
    if card.cumulative:
        return cumulative_rows(card.indicator)
    frame = (
        series(card.indicator, card.region, card.breakdown)
        if card.region
        else any_region(card.indicator, card.breakdown)
    )
    measured = frame[frame["status"].isin(MEASURED)]
    return preferred(measured).sort_values("period_start", kind="stable").reset_index(drop=True)


def cumulative_rows(indicator: str) -> pd.DataFrame:
    """Running sum by year of every measured value of the indicator in the home region and below."""
    sums = db.yearly_sums(engine(), indicator, pack().within_home(), MEASURED)
    if sums.empty:
        return sums
    known = catalog()
    unit = known.indicators[indicator].unit if indicator in known.indicators else ""
    years = sorted(sums["year"].unique())
    rows = []
    for number, year in enumerate(years):
        upto = sums[sums["year"].isin(years[: number + 1])]
        sources = sorted(set(upto["source"].astype(str)))
        rows.append(
            {
                "indicator": indicator,
                "period": str(year),
                "period_start": pd.Timestamp(f"{year}-01-01"),
                "frequency": "A",
                "value": float(upto["value"].sum()),
                "unit": unit,
                "qualifier": sum_qualifier(upto["qualifier"]),
                "status": "actual",
                "sources": tuple(sources),
                "source_title": "; ".join(known.sources[s].title for s in sources if s in known.sources),
                "published": dates.latest_of(
                    known.sources[s].published for s in sources if s in known.sources
                )
                or "",
            }
        )
    return pd.DataFrame(rows)


def headline(card: Card) -> Headline:
    rows = card_rows(card)
    return Headline(card, rows, change(rows))


@cached(data_key, budget=4 * 1024 * 1024)
def overview_cards() -> tuple[Headline, ...]:
    """The pack's headline cards, in order."""
    return tuple(headline(card) for card in pack().headline)


@cached(data_key, budget=4 * 1024 * 1024)
def cluster_cards() -> tuple[Headline, ...]:
    """The pack's cluster cards, in order."""
    return tuple(headline(card) for card in pack().cluster_cards)
