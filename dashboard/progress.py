"""Target tracking: is an indicator on track to its goal?

Pure functions of an annual series: the required compound annual growth rate (CAGR) from the latest
actual value to the target, the recent actual CAGR, the straight-line and compound paths, and a
verdict. `verdict_text` words the result in English or German.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from dashboard import i18n

# Statuses that are not measurements and so never count as "actual" progress.
NOT_ACTUAL = ("target", "projection", "announcement")
DEFAULT_WINDOW = 6
# Rates this close count as equal, so rounding noise never flips a verdict.
_TOLERANCE = 1e-9

Path = tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Progress:
    """Result of track(). Rates are fractions (0.0306 = 3.06 % a year)."""

    verdict: str  # 'on_track' | 'off_track' | 'achieved' | 'insufficient_data'
    target_year: int
    target_value: float
    latest_year: int | None = None
    latest_value: float | None = None
    gap: float | None = None  # target minus latest
    required_cagr: float | None = None
    actual_cagr: float | None = None
    cagr_start_year: int | None = None  # span over which actual_cagr was measured
    cagr_end_year: int | None = None
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


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth rate, or None where it is undefined (non-positive values, no time)."""
    if years <= 0 or start <= 0 or end <= 0 or not (math.isfinite(start) and math.isfinite(end)):
        return None
    return (end / start) ** (1 / years) - 1


def annual_actuals(frame: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Columns year (int) and value (float), one row per year, sorted.

    Accepts an observations frame (period_start or period or year, value, optional status and
    frequency) or a Series indexed by year. Targets, projections and announcements, non-annual rows
    and non-finite values are dropped; if a year appears twice the last row wins.
    """
    if isinstance(frame, pd.Series):
        frame = pd.DataFrame({"year": frame.index, "value": frame.to_numpy()})
    if frame is None or frame.empty:
        return pd.DataFrame({"year": pd.Series(dtype=int), "value": pd.Series(dtype=float)})
    rows = frame
    if "status" in rows:
        rows = rows[~rows["status"].isin(NOT_ACTUAL)]
    if "frequency" in rows:
        rows = rows[rows["frequency"] == "A"]
    years = years_of(rows)
    values = pd.to_numeric(rows["value"], errors="coerce")
    result = pd.DataFrame({"year": years, "value": values.astype(float)})
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


def _window_start(series: pd.DataFrame, window: int) -> tuple[int, float] | None:
    """Earliest usable actual within `window` years before the latest; else the nearest earlier one.

    'Usable' means above zero, since growth rates from zero or below are undefined.
    """
    latest_year = int(series["year"].iloc[-1])
    earlier = series[(series["year"] < latest_year) & (series["value"] > 0)]
    if earlier.empty:
        return None
    inside = earlier[earlier["year"] >= latest_year - window]
    row = inside.iloc[0] if not inside.empty else earlier.iloc[-1]
    return int(row["year"]), float(row["value"])


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
    window: int = DEFAULT_WINDOW,
    higher_is_better: bool = True,
) -> Progress:
    """Compare the recent actual growth with the growth the target needs."""
    series = annual_actuals(actuals)
    base = Progress(
        "insufficient_data", int(target_year), float(target_value), higher_is_better=higher_is_better
    )
    if series.empty:
        return replace(base, reason="no_actuals")
    latest_year, latest = int(series["year"].iloc[-1]), float(series["value"].iloc[-1])
    base = replace(base, latest_year=latest_year, latest_value=latest, gap=target_value - latest)
    if _achieved(latest, target_value, higher_is_better):
        return replace(base, verdict="achieved")
    if target_year <= latest_year:
        return replace(base, verdict="off_track", reason="target_year_passed")
    required = cagr(latest, target_value, target_year - latest_year)
    linear, compound = _paths(latest_year, latest, int(target_year), target_value, required)
    base = replace(base, required_cagr=required, linear_path=linear, compound_path=compound)
    if len(series) < 2:
        return replace(base, reason="too_few_actuals")
    start = _window_start(series, window)
    if required is None or start is None:
        return replace(base, reason="non_positive_values")
    actual = cagr(start[1], latest, latest_year - start[0])
    if actual is None:
        return replace(base, reason="non_positive_values")
    _, pace = _paths(latest_year, latest, int(target_year), target_value, actual)
    on_track = actual >= required - _TOLERANCE if higher_is_better else actual <= required + _TOLERANCE
    return replace(
        base,
        verdict="on_track" if on_track else "off_track",
        actual_cagr=actual,
        cagr_start_year=start[0],
        cagr_end_year=latest_year,
        pace_path=pace,
        projected_value=pace[-1][1],
    )


def verdict_text(progress: Progress, lang: str = "en", unit: str = "") -> str:
    """One sentence for readers, e.g. 'Needs 3.1% a year to 2030; grew 4.0% a year 2017–2023: on track.'"""
    lang = i18n.normalise_lang(lang)
    values = {
        "year": progress.target_year,
        "target": i18n.format_value(progress.target_value, unit, lang),
        "latest": i18n.format_value(progress.latest_value, unit, lang),
        "latest_year": progress.latest_year,
    }
    if progress.verdict == "achieved":
        return i18n.t("progress.achieved_text", lang, **values)
    if progress.reason == "target_year_passed":
        return i18n.t("progress.passed_text", lang, **values)
    if progress.verdict == "insufficient_data":
        reason = i18n.t(f"progress.reason.{progress.reason or 'too_few_actuals'}", lang)
        return i18n.t("progress.insufficient_text", lang, reason=reason)
    return _rate_sentence(progress, lang)


def _rate_sentence(progress: Progress, lang: str) -> str:
    required = i18n.format_percent(100 * (progress.required_cagr or 0.0), lang, 1)
    needs = i18n.t("progress.needs", lang, rate=required, year=progress.target_year)
    rate = progress.actual_cagr or 0.0
    actual = i18n.t(
        "progress.grew" if rate >= 0 else "progress.shrank",
        lang,
        rate=i18n.format_percent(100 * abs(rate), lang, 1),
        start=progress.cagr_start_year,
        end=progress.cagr_end_year,
    )
    verdict = i18n.t(f"progress.{progress.verdict}", lang)
    return i18n.t("progress.sentence", lang, needs=needs, actual=actual, verdict=verdict)
