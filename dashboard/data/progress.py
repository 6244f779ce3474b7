"""Progress toward a goal: is a series on track?

Pure functions of an annual series: the growth rate the goal needs from the latest actual figure
(compound annual growth rate), the growth rate of the recent past, the straight and compound paths
to the goal, and a verdict.

The growth window is one fixed rule, the same on every page and in the API: the actual growth rate is
the average yearly growth over the last GROWTH_WINDOW_YEARS years of actual figures, from the earliest
actual figure at most that many years before the latest one to the latest (all of them if the series
is shorter); if no figure lies in that window, from the nearest earlier one.

Figures published as bounds ("more than 35,000", "up to 100,000") make every rate computed from them
a bound too (`change_bound`): the texts say "at least" or "at most".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TypedDict

import pandas as pd

from dashboard.i18n import format_percent, format_value, t
from etl.vocabulary import FORWARD, LOWER_BOUNDS, UPPER_BOUNDS

# Statuses that are not measurements and so never count as "actual" progress.
NOT_ACTUAL = FORWARD
GROWTH_WINDOW_YEARS = 6
DEFAULT_WINDOW = GROWTH_WINDOW_YEARS
# Rates this close count as equal, so rounding noise never flips a verdict.
_TOLERANCE = 1e-9

Path = tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Progress:
    """Result of track(). Rates are fractions (0.0306 = 3.06 % a year)."""

    verdict: str  # 'on_track' | 'off_track' | 'achieved' | 'insufficient_data'
    target_year: int
    target_value: float
    target_qualifier: str = ""
    latest_year: int | None = None
    latest_value: float | None = None
    latest_qualifier: str = ""
    gap: float | None = None  # target minus latest
    required_cagr: float | None = None
    required_bound: str = ""  # '' exact, 'lower' (at least), 'upper' (at most), 'about'
    actual_cagr: float | None = None
    actual_bound: str = ""
    cagr_start_year: int | None = None  # span over which actual_cagr was measured
    cagr_end_year: int | None = None
    window_years: int = GROWTH_WINDOW_YEARS
    projected_value: float | None = None  # at the target year, if the recent pace held
    linear_path: Path = ()
    compound_path: Path = ()
    pace_path: Path = ()
    reason: str = ""  # '' or a code: no_actuals, too_few_actuals, non_positive_values, target_year_passed
    higher_is_better: bool = True

    @property
    def cagr_span(self) -> int | None:
        if self.cagr_start_year is None or self.cagr_end_year is None:
            return None
        return self.cagr_end_year - self.cagr_start_year


def _direction(qualifier: str) -> int:
    """+1: the true value is at least the stated one; -1: at most; 0: as stated (or about)."""
    return 1 if qualifier in LOWER_BOUNDS else -1 if qualifier in UPPER_BOUNDS else 0


def change_bound(start_qualifier: str, end_qualifier: str) -> str | None:
    """What a change (or growth rate) from a start to an end figure is, given their wording: ''
    exact, 'lower' (the change is at least this), 'upper' (at most), 'about'; None when it cannot be
    told (both ends bounded on the same side, or a bound next to an approximate figure)."""
    start, end = str(start_qualifier or ""), str(end_qualifier or "")
    directions = {d for d in (_direction(end), -_direction(start)) if d}
    approximate = "about" in (start, end)
    if len(directions) > 1 or (directions and approximate):
        return None
    if directions:
        return "lower" if directions == {1} else "upper"
    return "about" if approximate else ""


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth rate, or None where it is undefined (non-positive values, no time)."""
    if years <= 0 or start <= 0 or end <= 0 or not (math.isfinite(start) and math.isfinite(end)):
        return None
    return (end / start) ** (1 / years) - 1


def annual_actuals(frame: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Columns year (int), value (float) and qualifier, one row per year, sorted.

    Accepts an observations frame (period_start or period or year, value, optional status, qualifier
    and frequency) or a Series indexed by year. Targets, projections and announcements, non-annual
    rows and non-finite values are dropped; if a year appears twice the last row wins.
    """
    if isinstance(frame, pd.Series):
        frame = pd.DataFrame({"year": frame.index, "value": frame.to_numpy()})
    if frame is None or frame.empty:
        return pd.DataFrame(
            {"year": pd.Series(dtype=int), "value": pd.Series(dtype=float), "qualifier": pd.Series(dtype=str)}
        )
    rows = frame
    if "status" in rows:
        rows = rows[~rows["status"].isin(NOT_ACTUAL)]
    if "frequency" in rows:
        rows = rows[rows["frequency"] == "A"]
    qualifiers = rows["qualifier"].fillna("").astype(str) if "qualifier" in rows else ""
    values = pd.to_numeric(rows["value"], errors="coerce").astype(float)
    result = pd.DataFrame({"year": years_of(rows), "value": values, "qualifier": qualifiers})
    result = result[result["year"].notna() & result["value"].map(math.isfinite)]
    result = result.drop_duplicates("year", keep="last").astype({"year": int})
    return result.sort_values("year").reset_index(drop=True)


def years_of(rows: pd.DataFrame) -> pd.Series:
    """Year of each row from `year`, `period_start` or the period text."""
    if "year" in rows:
        return pd.to_numeric(rows["year"], errors="coerce")
    if "period_start" in rows:
        return pd.to_datetime(rows["period_start"]).dt.year
    return pd.to_numeric(rows["period"].astype(str).str[:4], errors="coerce")


def target_from(frame: pd.DataFrame) -> tuple[int, float] | None:
    """The final goal in an observations frame: the latest-year row with status 'target'."""
    if frame is None or frame.empty or "status" not in frame:
        return None
    targets = frame[frame["status"] == "target"]
    if targets.empty:
        return None
    rows = targets.assign(_year=years_of(targets), _value=pd.to_numeric(targets["value"], errors="coerce"))
    rows = rows[rows["_year"].notna() & rows["_value"].notna()].sort_values("_year", kind="stable")
    if rows.empty:
        return None
    return int(rows["_year"].iloc[-1]), float(rows["_value"].iloc[-1])


def _window_start(series: pd.DataFrame, window: int) -> pd.Series | None:
    """Earliest usable actual within `window` years before the latest; else the nearest earlier one.

    'Usable' means above zero, since growth rates from zero or below are undefined.
    """
    latest_year = int(series["year"].iloc[-1])
    earlier = series[(series["year"] < latest_year) & (series["value"] > 0)]
    if earlier.empty:
        return None
    inside = earlier[earlier["year"] >= latest_year - window]
    return inside.iloc[0] if not inside.empty else earlier.iloc[-1]


def _paths(start_year: int, start: float, end_year: int, end: float, rate: float | None) -> tuple[Path, Path]:
    years = range(start_year, end_year + 1)
    span = end_year - start_year
    linear = tuple((y, start + (end - start) * (y - start_year) / span) for y in years) if span > 0 else ()
    compound = tuple((y, start * (1 + rate) ** (y - start_year)) for y in years) if rate is not None else ()
    return linear, compound


def _achieved(latest: float, target: float, higher_is_better: bool) -> bool:
    return latest >= target if higher_is_better else latest <= target


def track(
    actuals: pd.DataFrame | pd.Series,
    target_year: int,
    target_value: float,
    *,
    window: int = GROWTH_WINDOW_YEARS,
    higher_is_better: bool = True,
    target_qualifier: str = "",
) -> Progress:
    """Compare the recent actual growth with the growth the target needs."""
    series = annual_actuals(actuals)
    base = Progress(
        "insufficient_data",
        int(target_year),
        float(target_value),
        target_qualifier=str(target_qualifier or ""),
        window_years=window,
        higher_is_better=higher_is_better,
    )
    if series.empty:
        return replace(base, reason="no_actuals")
    last = series.iloc[-1]
    latest_year, latest, latest_qualifier = int(last["year"]), float(last["value"]), str(last["qualifier"])
    base = replace(
        base, latest_year=latest_year, latest_value=latest, latest_qualifier=latest_qualifier,
        gap=target_value - latest,
    )  # fmt: skip
    if _achieved(latest, target_value, higher_is_better):
        return replace(base, verdict="achieved")
    if target_year <= latest_year:
        return replace(base, verdict="off_track", reason="target_year_passed")
    required = cagr(latest, target_value, target_year - latest_year)
    linear, compound = _paths(latest_year, latest, int(target_year), target_value, required)
    needs = change_bound(latest_qualifier, base.target_qualifier)
    base = replace(
        base, required_cagr=required, required_bound="about" if needs is None else needs,
        linear_path=linear, compound_path=compound,
    )  # fmt: skip
    if len(series) < 2:
        return replace(base, reason="too_few_actuals")
    start = _window_start(series, window)
    if required is None or start is None:
        return replace(base, reason="non_positive_values")
    actual = cagr(float(start["value"]), latest, latest_year - int(start["year"]))
    if actual is None:
        return replace(base, reason="non_positive_values")
    _, pace = _paths(latest_year, latest, int(target_year), target_value, actual)
    on_track = actual >= required - _TOLERANCE if higher_is_better else actual <= required + _TOLERANCE
    grew = change_bound(str(start["qualifier"]), latest_qualifier)
    return replace(
        base,
        verdict="on_track" if on_track else "off_track",
        actual_cagr=actual,
        actual_bound="about" if grew is None else grew,
        cagr_start_year=int(start["year"]),
        cagr_end_year=latest_year,
        pace_path=pace,
        projected_value=pace[-1][1],
    )


def rate_text(rate: float | None, bound: str = "") -> str:
    """'3.1%', 'at least 3.1%', 'at most 14.3%', 'about 3.1%' (a rate given as a fraction)."""
    text = format_percent(100 * abs(rate or 0.0), decimals=1)
    return t(f"bound.{bound}", rate=text) if bound else text


def age_text(progress: Progress, unit: str = "") -> str:
    """'Latest actual figure: 81,000 (2023).' ('' without actual figures)."""
    if progress.latest_year is None:
        return ""
    latest = format_value(progress.latest_value, unit, qualifier=progress.latest_qualifier)
    return t("progress.age", latest=latest, year=progress.latest_year)


def verdict_text(progress: Progress, unit: str = "") -> str:
    """The verdict for readers, with the data's age first, e.g. 'Latest actual figure: 81,000 (2023).
    Needs 3.1% a year to 2030; grew 4.0% a year 2017–2023: on track.'"""
    return " ".join(part for part in (age_text(progress, unit), _assessment(progress, unit)) if part)


class _AssessmentValues(TypedDict):
    year: int
    target: str
    latest: str
    latest_year: int | None


def _assessment(progress: Progress, unit: str) -> str:
    values: _AssessmentValues = {
        "year": progress.target_year,
        "target": format_value(progress.target_value, unit, qualifier=progress.target_qualifier),
        "latest": format_value(progress.latest_value, unit, qualifier=progress.latest_qualifier),
        "latest_year": progress.latest_year,
    }
    if progress.verdict == "achieved":
        return t("progress.achieved_text", **values)
    if progress.reason == "target_year_passed":
        return t("progress.passed_text", **values)
    if progress.verdict == "insufficient_data":
        reason = t(f"progress.reason.{progress.reason or 'too_few_actuals'}")
        needs = needs_text(progress)
        return t("progress.insufficient_text", reason=reason) + (f" {needs}." if needs else "")
    return t(
        "progress.sentence",
        needs=needs_text(progress),
        actual=grew_text(progress),
        verdict=verdict_word(progress),
    )


def verdict_word(progress: Progress) -> str:
    return t(f"progress.{progress.verdict}")


def needs_text(progress: Progress) -> str:
    """'Needs 3.1% a year to 2030' ('' when no rate can be computed)."""
    if progress.required_cagr is None:
        return ""
    return t(
        "progress.needs",
        rate=rate_text(progress.required_cagr, progress.required_bound),
        year=progress.target_year,
    )


def grew_text(progress: Progress) -> str:
    """'grew 4.0% a year 2017–2023' / 'shrank ...' ('' without a measured rate)."""
    if progress.actual_cagr is None:
        return ""
    key = "progress.grew" if progress.actual_cagr >= 0 else "progress.shrank"
    rate = rate_text(progress.actual_cagr, progress.actual_bound)
    return t(key, rate=rate, start=progress.cagr_start_year, end=progress.cagr_end_year)


def window_rule() -> str:
    """The growth window in words (shown under the verdict, in the API and the README)."""
    return t("progress.window_rule", years=GROWTH_WINDOW_YEARS)
