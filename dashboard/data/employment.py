"""Employment: the association's series by field, per 1,000 inhabitants, next to the official
statistics, with the periods where sources disagree.

The pack names the series ([employment] indicator, growth, breakdowns) and the official statistics to
show next to them ([employment] official); everything else is read from the warehouse with filters
and cached per data version:

- one figure per period and series: the headline rule (the indicator's preferred source, else the
  most recently published); targets only with absolute numbers (a goal per today's population misleads);
- per 1,000 inhabitants: dashboard.data.percapita (same region, nearest reference date);
- an official series with one figure becomes a number card, one with more a chart;
- disagreeing sources are counted in SQL and the newest few periods shown (the rest are counted);
- growth rates: the newest few, the rest counted;
- breaks in a series come from the pack ([[breaks]]).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data import headline_rows, label, preferred
from dashboard.data import population as people
from dashboard.data.cache import cached
from dashboard.data.percapita import end_of_period
from dashboard.data.sourcekinds import with_kinds
from dashboard.data.warehouse import catalog, data_key, empty, engine, pack, series, shown_sources
from dashboard.i18n import current, format_period, t
from etl import db
from etl.vocabulary import GOAL, MEASURED

TOTAL = "total"  # the URL token of the total (the empty breakdown cannot travel in a list)
MEASURES = ("abs", "per1000")
CONFLICT_PERIODS = 12  # disagreeing (breakdown, period) pairs shown; the others are counted
GROWTH_ROWS = 20


def jobs_indicator() -> str:
    return pack().employment_indicator


def slug(token: str) -> str:
    """URL token -> breakdown ('total' stands for the empty breakdown)."""
    return "" if token == TOTAL else token


def tokens() -> tuple[str, ...]:
    """The series offered, in order: the total, then the pack's breakdowns."""
    return (TOTAL, *pack().employment_breakdowns)


def series_label(token: str) -> str:
    return t("employment.total") if slug(token) == "" else label("entities", token)


def official_indicators() -> tuple[str, ...]:
    return tuple(dict.fromkeys(entry.indicator for entry in pack().official))


@cached(data_key, budget=256 * 1024)
def regions() -> tuple[str, ...]:
    """Regions with measured figures of the association's series or an official one (a forecast
    alone draws no chart): the home region first."""
    found = db.regions_with(engine(), [jobs_indicator(), *official_indicators()], MEASURED)
    home = pack().home
    return (home, *(code for code in found if code != home)) if home in found else tuple(found)


@dataclass(frozen=True)
class JobsView:
    """The view in the URL: series tokens (in the offered order), region, measure."""

    tokens: tuple[str, ...]
    region: str
    measure: str

    @property
    def per1000(self) -> bool:
        return self.measure == "per1000"


def split(value: str | None) -> list[str]:
    return [part for part in (value or "").split(",") if part]


def view(breakdowns: str | list | None, region: str | None, measure: str | None) -> JobsView:
    """The view a URL or the controls ask for, with defaults for missing or unknown values: the page
    and its exports read the query string the same way."""
    asked = breakdowns if isinstance(breakdowns, list) else split(breakdowns)
    chosen = tuple(token for token in tokens() if token in asked)
    if breakdowns is None or (not chosen and not isinstance(breakdowns, list)):
        chosen = tuple(token for token in tokens() if token in (TOTAL, *pack().default_breakdowns))
    known = regions()
    region = region if region in known else (pack().home if pack().home in known or not known else known[0])
    return JobsView(chosen, str(region), measure if measure in MEASURES else "abs")


def job_rows(view: JobsView) -> pd.DataFrame:
    """Headline figures of the chosen series; targets only with absolute numbers, one per period by
    the same rule (a goal as the press reported it does not stand next to the association's own)."""
    frames = [series(jobs_indicator(), view.region, slug(token)) for token in view.tokens]
    frame = pd.concat(frames, ignore_index=True) if frames else empty()
    actual = headline_rows(frame[frame["status"].isin(MEASURED)])
    goals = headline_rows(frame[frame["status"] == GOAL])
    rows = actual if view.per1000 else pd.concat([actual, goals], ignore_index=True)
    return with_kinds(rows)


# --- per 1,000 inhabitants ----------------------------------------------------------------------


@dataclass(frozen=True)
class Scaled:
    """Observations in the chosen measure: what the chart plots, what its export holds, what it cites."""

    rows: pd.DataFrame  # plotted (per 1,000: unit '' so the axis shows plain ratios)
    data: pd.DataFrame  # as published; per 1,000 also value_per_1000 and the population used
    sources: pd.DataFrame  # every observation behind the plotted values (the population too)
    subtitle: str = ""


def _stock_year(frame: pd.DataFrame) -> pd.Series:
    """The year a population figure's moment belongs to ('2025-01-01' is the end of 2024)."""
    return end_of_period(frame.assign(period_start=pd.to_datetime(frame["period_start"]))).dt.year


def per1000_subtitle(rows: pd.DataFrame, used: pd.DataFrame) -> str:
    """'Per 1,000 inhabitants; population of 2019, 2023 (nearest available for 2012, 2014)'."""
    periods = sorted(set(used["period"].astype(str)), key=lambda p: (p[:4], p))
    text = t("employment.per1000_subtitle", years=", ".join(format_period(p) for p in periods))
    year_of = dict(zip(used["period"].astype(str), _stock_year(used), strict=True))
    values = pd.to_datetime(rows["period_start"]).dt.year
    paired = rows["population_period"].astype(str).map(year_of)
    nearest = sorted(set(values[paired.notna() & (paired != values)].astype(int)))
    if nearest:
        text += t("employment.nearest", years=", ".join(map(str, nearest)))
    return text


def scaled(frame: pd.DataFrame, region: str, per1000: bool) -> Scaled | None:
    """The chosen measure; None when per 1,000 is asked but the region has no population figure."""
    if not per1000:
        return Scaled(frame, frame, frame)
    if frame.empty:
        return Scaled(frame, frame, frame) if len(people.population((region,))) else None
    result = people.per_1000(frame)
    if result.rows["population"].isna().all():
        return None
    data = result.rows[result.rows["population"].notna()]
    data = data.assign(population=data["population"].round().astype("int64"))
    rows = data.assign(value=data["value_per_1000"].round(2), unit="")
    used = people.used_sources(data)
    sources = pd.concat([frame, used], ignore_index=True)
    return Scaled(rows, data.reset_index(drop=True), sources, per1000_subtitle(data, used))


# --- official statistics ------------------------------------------------------------------------


@dataclass(frozen=True)
class Official:
    """The official statistics of a region: per indicator the headline rows of its configured
    breakdowns; charted are indicators with a series of two or more periods, the others are cards."""

    region: str
    rows: dict[str, pd.DataFrame]
    charted: tuple[str, ...]
    cards: pd.DataFrame  # the one figure of each single-period series
    missing: tuple[str, ...]  # configured, but without figures for this region
    unloaded: tuple[str, ...]  # of those: no figure of their breakdowns in any region (not loaded)


def _official_rows(indicator: str, region: str, breakdowns: tuple[str, ...]) -> pd.DataFrame:
    frames = [series(indicator, region, breakdown) for breakdown in breakdowns]
    frame = pd.concat(frames, ignore_index=True)
    return with_kinds(headline_rows(frame[frame["status"].isin(MEASURED)]))


@cached(data_key, budget=4 * 1024 * 1024)
def official(region: str) -> Official:
    configured = pack().official
    known = catalog().indicators
    listed = tuple(entry for entry in configured if entry.indicator in known)
    rows: dict[str, list[pd.DataFrame]] = {}
    for entry in listed:
        found = _official_rows(entry.indicator, region, entry.breakdowns)
        if len(found):
            rows.setdefault(entry.indicator, []).append(found)
    frames = {slug_: pd.concat(parts, ignore_index=True) for slug_, parts in rows.items()}
    counts = {
        slug_: frame.groupby("breakdown", observed=True)["period"].nunique()
        for slug_, frame in frames.items()
    }
    charted = tuple(slug_ for slug_ in frames if (counts[slug_] >= 2).any())
    singles = [
        frame[frame["breakdown"].astype(str).map(counts[slug_]).eq(1)]
        for slug_, frame in frames.items()
        if slug_ not in charted
    ]
    cards = pd.concat(singles, ignore_index=True) if singles else empty()
    indicators = tuple(dict.fromkeys(entry.indicator for entry in listed))
    missing = tuple(slug_ for slug_ in indicators if slug_ not in frames)
    loaded = db.loaded_series(engine(), missing) if missing else set()
    unloaded = tuple(
        entry.indicator
        for entry in listed
        if entry.indicator in missing and not any((entry.indicator, b) in loaded for b in entry.breakdowns)
    )
    return Official(region, frames, charted, cards, missing, tuple(dict.fromkeys(unloaded)))


def official_choice(found: Official, asked: str | None) -> str:
    """The official indicator charted: the URL's if it has a chart, else the first with one, else the
    first with any figure ('' without any)."""
    if asked in found.charted:
        return str(asked)
    return next(iter(found.charted), next(iter(found.rows), ""))


# --- disagreeing sources and growth -------------------------------------------------------------


@dataclass(frozen=True)
class Conflicts:
    rows: pd.DataFrame  # every source's figure of the periods shown; headline marks the chosen one
    shown: int  # (breakdown, period) pairs shown
    total: int  # pairs with two or more sources
    preferred: str  # publisher of the indicator's preferred source


def _order(frame: pd.DataFrame) -> pd.Series:
    order = {slug(token): index for index, token in enumerate(tokens())}
    return frame["breakdown"].astype(str).map(order).fillna(len(order))


@cached(data_key, budget=4 * 1024 * 1024)
def conflicts(region: str) -> Conflicts:
    indicator = jobs_indicator()
    keys = db.disagreements(engine(), indicator, region, MEASURED)
    shown = keys.head(CONFLICT_PERIODS)
    preferred_source = (
        catalog().indicators[indicator].preferred_source if indicator in catalog().indicators else ""
    )
    source = shown_sources().get(preferred_source)
    publisher = source.publisher if source else ""
    if shown.empty:
        return Conflicts(empty(), 0, 0, publisher)
    frames = [series(indicator, region, breakdown) for breakdown in shown["breakdown"].unique()]
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[frame["status"].isin(MEASURED)]
    frame = frame.merge(shown[["breakdown", "period"]], on=["breakdown", "period"])
    chosen = preferred(frame).assign(headline=True)[["breakdown", "period", "source", "headline"]]
    frame = frame.merge(chosen, on=["breakdown", "period", "source"], how="left")
    frame = with_kinds(frame.assign(headline=frame["headline"].eq(True)))
    frame = frame.assign(_order=_order(frame)).sort_values(
        ["_order", "period", "headline"], ascending=[True, True, False], kind="stable"
    )
    return Conflicts(frame.drop(columns="_order").reset_index(drop=True), len(shown), len(keys), publisher)


@cached(data_key, budget=2 * 1024 * 1024)
def growth(region: str) -> tuple[pd.DataFrame, int]:
    """The newest growth rates (headline rule) in series order, and how many there are in all."""
    indicator = pack().employment_growth
    if not indicator:
        return empty(), 0
    frame = headline_rows(series(indicator, region))
    newest = frame.sort_values("period_start", ascending=False, kind="stable").head(GROWTH_ROWS)
    ordered = newest.assign(_order=_order(newest)).sort_values(["_order", "period"], kind="stable")
    return with_kinds(ordered.drop(columns="_order").reset_index(drop=True)), len(frame)


# --- breaks and definitions ---------------------------------------------------------------------


def breaks(indicator: str, region: str, breakdowns: tuple[str, ...]) -> list[tuple[pd.Timestamp, str]]:
    """(start, explanation) of the pack's breaks that apply to any drawn series, in the reader's
    language, once each."""
    found: dict[tuple, tuple[pd.Timestamp, str]] = {}
    for entry in pack().breaks:
        if any(entry.applies(indicator, region, breakdown) for breakdown in breakdowns):
            start = pd.Timestamp(f"{entry.period[:4]}-01-01" if len(entry.period) == 4 else entry.period[:10])
            text = f"{format_period(entry.period)}: {entry.text.get(current())}"
            found.setdefault((start, text), (start, text))
    return list(found.values())


def definitions() -> list[tuple[str, str]]:
    """(name, definition) of the series, the growth rates and every breakdown offered."""
    known = catalog()
    items = [
        (row.name(current()), row.description(current()))
        for slug_ in (jobs_indicator(), pack().employment_growth)
        if (row := known.indicators.get(slug_))
    ]
    for token in tokens()[1:]:
        entity = known.entities.get(token)
        items.append((series_label(token), entity.description(current()) if entity else ""))
    return items
