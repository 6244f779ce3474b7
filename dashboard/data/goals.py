"""Goals and projections: which published statement a series is tracked against, and how it fares.

A series may have several statements of its goal, from different sources and worded differently
("up to 100,000", "more than 100,000"). The one tracked is the latest year's statement from the most
authoritative source (source kinds in the order of etl.vocabulary.SOURCE_KINDS: official statistics
first, the press last), a target before a projection, then the most recently published. The others of
that year are kept as "also published", with their own wording, so no reader is told less than the
sources say. Every series with a target or projection row is assessed the same way (progress.track).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.data import dates, preferred
from dashboard.data.cache import cached
from dashboard.data.progress import Progress, annual_actuals, track, verdict_text, window_rule
from dashboard.data.warehouse import catalog, data_key, engine, pack, series
from etl import db
from etl.vocabulary import GOAL, MEASURED, SOURCE_KINDS

GOAL_STATUSES = (GOAL, "projection")
Key = tuple[str, str, str]  # indicator, region, breakdown


@dataclass(frozen=True)
class Statement:
    """One published goal or projection, as worded by its source."""

    indicator: str
    region: str
    breakdown: str
    period: str
    year: int
    value: float
    unit: str
    qualifier: str
    status: str
    source: str
    publisher: str
    source_title: str
    source_url: str
    published: str
    kind: str

    @classmethod
    def from_row(cls, row: Mapping, kinds: Mapping[str, str]) -> Statement:
        text = {name: str(row.get(name) or "") for name in ("publisher", "source_title", "source_url")}
        return cls(
            indicator=str(row["indicator"]),
            region=str(row["region"]),
            breakdown=str(row["breakdown"] or ""),
            period=str(row["period"]),
            year=int(pd.Timestamp(row["period_start"]).year),
            value=float(row["value"]),
            unit=str(row.get("unit") or ""),
            qualifier=str(row.get("qualifier") or ""),
            status=str(row["status"]),
            source=str(row["source"]),
            published=dates.normalise(row.get("published")),
            kind=kinds.get(str(row["source"]), ""),
            **text,
        )


def _kind_rank(kind: str) -> int:
    return SOURCE_KINDS.index(kind) if kind in SOURCE_KINDS else len(SOURCE_KINDS)


def choose(statements: Sequence[Statement]) -> tuple[Statement, tuple[Statement, ...]] | None:
    """The statement to track and the others published for the same year (most authoritative first)."""
    if not statements:
        return None
    year = max(statement.year for statement in statements)
    same_year = [s for s in statements if s.year == year]
    same_year.sort(key=lambda s: dates.sort_key(s.published) if s.published else ("", 0), reverse=True)
    same_year.sort(key=lambda s: (_kind_rank(s.kind), s.status != GOAL))  # stable: newest first on a tie
    return same_year[0], tuple(same_year[1:])


@dataclass(frozen=True)
class Assessment:
    key: Key
    goal: Statement
    also: tuple[Statement, ...]  # other statements of the goal's year, other sources or wording
    actual: pd.DataFrame  # one actual figure per period (the headline rule), oldest first
    progress: Progress
    statement_rows: pd.DataFrame  # the observations behind goal and also

    @property
    def unit(self) -> str:
        return self.goal.unit

    @property
    def latest(self) -> pd.Series | None:
        return self.actual.iloc[-1] if not self.actual.empty else None

    def rows(self) -> pd.DataFrame:
        """What the path chart draws and exports: the annual actual figures and the goal's statements."""
        annual = self.actual[self.actual["frequency"] == "A"] if "frequency" in self.actual else self.actual
        rows = pd.concat([annual, self.statement_rows], ignore_index=True)
        return rows.sort_values("period_start", kind="stable").reset_index(drop=True)


def _source_kinds() -> dict[str, str]:
    return {slug: row.kind for slug, row in catalog().sources.items()}


@cached(data_key, budget=4 * 1024 * 1024)
def assess(indicator: str, region: str, breakdown: str = "") -> Assessment | None:
    """The series' goal and its progress (None if the series has no target or projection)."""
    frame = series(indicator, region, breakdown)
    forward = frame[frame["status"].isin(GOAL_STATUSES)].reset_index(drop=True)
    kinds = _source_kinds()
    statements = [Statement.from_row(row, kinds) for row in forward.to_dict("records")]
    chosen = choose(statements)
    if chosen is None:
        return None
    goal, also = chosen
    picked = [statements.index(s) for s in (goal, *also)]
    measured = frame[frame["status"].isin(MEASURED)]
    actual = preferred(measured).sort_values("period_start", kind="stable").reset_index(drop=True)
    progress = track(annual_actuals(actual), goal.year, goal.value, target_qualifier=goal.qualifier)
    return Assessment((indicator, region, breakdown), goal, also, actual, progress, forward.iloc[picked])


def pack_goal() -> Assessment | None:
    """The goal the overview tracks (the pack's [goal] series)."""
    goal = pack().goal
    return assess(goal.indicator, goal.region, goal.breakdown) if goal else None


@cached(data_key, budget=64 * 1024)
def goal_series() -> tuple[Key, ...]:
    """Every series with a target or projection row."""
    found = db.series_with_status(engine(), GOAL_STATUSES)
    return tuple((str(i), str(r), str(b or "")) for i, r, b in found.itertuples(index=False, name=None))


def other_goals() -> tuple[Assessment, ...]:
    """Every series with a goal or projection except the pack's goal, each assessed the same way."""
    goal = pack().goal
    skip = (goal.indicator, goal.region, goal.breakdown) if goal else None
    found = (assess(*key) for key in goal_series() if key != skip)
    return tuple(item for item in found if item is not None)


def _statement_record(statement: Statement) -> dict:
    return {
        "period": statement.period,
        "value": statement.value,
        "unit": statement.unit,
        "qualifier": statement.qualifier,
        "status": statement.status,
        "source": {
            "slug": statement.source,
            "publisher": statement.publisher,
            "title": statement.source_title,
            "url": statement.source_url,
            "published": statement.published,
            "kind": statement.kind,
        },
    }


def record(assessment: Assessment) -> dict:
    """One goal for the API: the statement tracked, the others, the latest actual figure, the rates and
    the verdict (texts in the request's language)."""
    progress, latest = assessment.progress, assessment.latest
    indicator, region, breakdown = assessment.key
    return {
        "indicator": indicator,
        "region": region,
        "breakdown": breakdown,
        "target_year": assessment.goal.year,
        "target_value": assessment.goal.value,
        "qualifier": assessment.goal.qualifier,
        "goal": _statement_record(assessment.goal),
        "also_published": [_statement_record(s) for s in assessment.also],
        "latest_actual": None
        if latest is None
        else {
            "period": str(latest["period"]),
            "value": float(latest["value"]),
            "qualifier": str(latest["qualifier"] or ""),
            "source": str(latest["source"]),
        },
        "required_rate": progress.required_cagr,
        "required_rate_bound": progress.required_bound,
        "actual_rate": progress.actual_cagr,
        "actual_rate_bound": progress.actual_bound,
        "window": {
            "years": progress.window_years,
            "start": progress.cagr_start_year,
            "end": progress.cagr_end_year,
            "rule": window_rule(),
        },
        "verdict": progress.verdict,
        "reason": progress.reason,
        "verdict_text": verdict_text(progress, assessment.unit),
    }
