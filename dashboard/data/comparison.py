"""Regions compared: which comparisons exist, which one a URL asks for, and the rows it shows.

A comparison is a slice (indicator, breakdown, period) with figures for two or more regions; slices
are aggregated in SQL (etl.db.comparison) and cached per data version. Periods stay as published:
'2024' and '2024-12-31' are different reference dates and never mixed. Each region shows one figure:
the one from the most direct kind of source (official statistics first, secondary sources last), then
the headline rule (the indicator's preferred source, else the most recently published). Secondary
sources stay visible but marked; options and defaults prefer comparisons without them. Per 1,000
inhabitants follows dashboard.data.percapita; regions without a population figure are named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.data import population as people
from dashboard.data.cache import cached
from dashboard.data.warehouse import catalog, data_key, engine, enrich, pack
from dashboard.i18n import current, format_period, t, tn
from etl import db

TOTAL = "_total"  # a control's value for breakdown '' (an empty value would read as 'nothing chosen')
NO_HIGHLIGHT = "none"
SECONDARY = "secondary"


@dataclass(frozen=True)
class View:
    """A valid view (controls and URL): breakdown '' is the total, highlight a region code or 'none'."""

    indicator: str
    period: str
    breakdown: str
    per_capita: bool
    highlight: str = ""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@cached(data_key, budget=1024 * 1024)
def indicators() -> pd.DataFrame:
    """Indicators with a comparable slice and how many (one aggregate per data version)."""
    return db.comparable_indicators(engine())


@cached(data_key, budget=8 * 1024 * 1024)
def slices(indicator: str) -> pd.DataFrame:
    return db.comparable_slices(engine(), indicator)


def _name(kind: str, slug: str) -> str:
    from dashboard.data import label

    return label(kind, slug)


def indicator_choices() -> list[Choice]:
    """Every comparable indicator by name (its periods say which rest on secondary sources)."""
    return list(_indicator_choices(current()))


@cached(data_key, budget=1024 * 1024)
def _indicator_choices(lang: str) -> tuple[Choice, ...]:
    choices = [Choice(slug, _name("indicators", slug)) for slug in indicators()["indicator"]]
    return tuple(sorted(choices, key=lambda choice: choice.label.casefold()))


def _periods(indicator: str) -> pd.DataFrame:
    """One row per period: the slice with most regions, newest reference date first."""
    found = slices(indicator).sort_values(["regions", "secondary_regions"], ascending=[True, False])
    found = found.drop_duplicates("period", keep="last")
    return found.sort_values(["period_start", "period"], ascending=False)


def period_choices(indicator: str) -> list[Choice]:
    """'31 Dec 2024 · 13 regions', newest first; a comparison with secondary sources says so."""
    return list(_period_choices(indicator, current()))


@cached(data_key, budget=4 * 1024 * 1024)
def _period_choices(indicator: str, lang: str) -> tuple[Choice, ...]:
    found = _periods(indicator)
    return tuple(
        Choice(
            period,
            " · ".join(
                [format_period(period), tn("regions.regions_count", int(regions))]
                + ([t("regions.secondary_mark")] if secondary else [])
            ),
        )
        for period, regions, secondary in zip(
            found["period"], found["regions"], found["secondary_regions"], strict=True
        )
    )


def breakdown_choices(indicator: str, period: str) -> list[Choice]:
    found = slices(indicator)
    codes = sorted(found.loc[found["period"] == period, "breakdown"], key=lambda code: (code != "", code))
    return [Choice(code or TOTAL, _name("entities", code) if code else t("common.total")) for code in codes]


def _pick(value: str | None, choices: list[Choice], *defaults: str) -> str:
    values = [choice.value for choice in choices]
    for candidate in (value, *defaults):
        if candidate in values:
            return str(candidate)
    return values[0] if values else ""


@cached(data_key, budget=256 * 1024)
def _default_period(indicator: str) -> str:
    """The newest period compared without secondary sources (else the newest)."""
    found = _periods(indicator)
    primary = found[found["secondary_regions"] == 0]
    chosen = primary if len(primary) else found
    return str(chosen["period"].iloc[0]) if len(chosen) else ""


def per_capita_allowed(indicator: str) -> bool:
    row = catalog().indicators.get(indicator)
    return bool(row) and people.allowed(indicator, row.unit)


def choose(
    indicator: str | None, period: str | None, breakdown: str | None, per_capita: bool
) -> tuple[View, list[Choice], list[Choice]]:
    """A valid View for a possibly stale or hand-edited state, with the period and breakdown choices."""
    indicator = _pick(indicator, indicator_choices(), pack().default_comparison)
    periods = period_choices(indicator) if indicator else []
    period = _pick(period, periods, _default_period(indicator) if indicator else "")
    breakdowns = breakdown_choices(indicator, period) if period else []
    chosen = _pick(breakdown or TOTAL, breakdowns, TOTAL)
    allowed = bool(indicator) and per_capita_allowed(indicator)
    view = View(indicator, period, "" if chosen == TOTAL else chosen, per_capita and allowed)
    return view, periods, breakdowns


def one_per_region(frame: pd.DataFrame) -> pd.DataFrame:
    """Per region the figure of the most direct kind of source, then of the indicator's preferred
    source, then the most recently published one."""
    if frame.empty:
        return frame
    known = catalog()
    favourite = (
        frame["indicator"]
        .astype(str)
        .map({slug: row.preferred_source for slug, row in known.indicators.items()})
    )
    published = frame["source"].astype(str).map({slug: row.published for slug, row in known.sources.items()})
    ranked = frame.assign(
        _favourite=(frame["source"].astype(str) != favourite.fillna("")).astype(int),
        _published=published.fillna(""),
    )
    ranked = ranked.sort_values(
        ["region", "source_rank", "_favourite", "_published"],
        ascending=[True, True, True, False],
        kind="stable",
    )
    return ranked.drop_duplicates("region").drop(columns=["_favourite", "_published"]).reset_index(drop=True)


@dataclass(frozen=True)
class Comparison:
    """What the page shows for a view: one row per region as published (per 1,000 inhabitants also
    value_per_1000 and the population used), and the regions left out for want of a population."""

    view: View
    rows: pd.DataFrame
    missing: tuple[str, ...]

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(self.rows["region"].astype(str))

    def plotted(self) -> pd.DataFrame:
        """The rows as the chart draws them: per 1,000 inhabitants the ratio (a plain number, or euros);
        the population without its 'persons' unit word (it counts inhabitants)."""
        rows = self.rows
        if self.view.per_capita:
            units = rows["unit"].astype(str)
            return rows.assign(value=rows["value_per_1000"], unit=units.where(units.eq("EUR"), ""))
        if self.view.indicator == people.POPULATION:
            return rows.assign(unit="")
        return rows

    def population_sources(self) -> pd.DataFrame:
        return people.used_sources(self.rows) if self.view.per_capita else self.rows.iloc[0:0]

    def secondary(self) -> pd.Series:
        return self.rows["source_kind"].astype(str).eq(SECONDARY)


@cached(data_key, budget=16 * 1024 * 1024)
def _compared(indicator: str, breakdown: str, period: str, per_capita: bool) -> Comparison:
    rows = one_per_region(enrich(db.slice_rows(engine(), indicator, breakdown, period)))
    view = View(indicator, period, breakdown, per_capita)
    if not per_capita or rows.empty:
        return Comparison(view, rows, ())
    result = people.per_1000(rows)
    shown = result.rows["population"].notna()
    missing = tuple(sorted(set(result.rows.loc[~shown, "region"].astype(str))))
    return Comparison(view, result.rows[shown].reset_index(drop=True), missing)


def comparison(
    indicator: str | None,
    period: str | None,
    breakdown: str | None,
    highlight: str | None,
    per_capita: bool,
) -> Comparison | None:
    """The valid view and its rows for the controls' (or the URL's) values; None without any
    comparable figures."""
    view, _, _ = choose(indicator, period, breakdown, per_capita)
    if not view.period:
        return None
    found = _compared(view.indicator, view.breakdown, view.period, view.per_capita)
    regions = found.regions
    if highlight in (*regions, NO_HIGHLIGHT):
        chosen = str(highlight)
    else:  # none asked for, or one not in this comparison: the pack's, if it is compared
        chosen = pack().highlight if pack().highlight in regions else NO_HIGHLIGHT
    return Comparison(replace(found.view, highlight=chosen), found.rows, found.missing)


def from_query(query: Mapping[str, str]) -> Comparison | None:
    """The comparison a URL asks for (the page's query parameters, as the layout reads them)."""
    return comparison(
        query.get("indicator"),
        query.get("period"),
        query.get("breakdown"),
        query.get("highlight"),
        query.get("percapita") == "1",
    )


def highlight_choices(found: Comparison) -> list[Choice]:
    return [
        Choice(NO_HIGHLIGHT, t("regions.none")),
        *(Choice(code, _name("regions", code)) for code in found.regions),
    ]


def scope(found: Comparison) -> str:
    """What the bars compare, for file names: the pack's districts, or regions of several levels."""
    districts = set(pack().districts())
    every = bool(found.regions) and all(code in districts for code in found.regions)
    return f"{pack().file_prefix}-{'districts' if every else 'compared'}"
