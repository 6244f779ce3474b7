"""The canonical long format every source produces, and its validation.

A source's parse() returns a DataFrame with CANONICAL_COLUMNS (all strings except `value`, a float).
validate() checks such a frame against the catalogs and collects every problem before anything is
written; it returns the frame normalised for loading (period_start, frequency, unit filled in).
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from etl import vocabulary
from etl.errors import Problem, ValidationError

if TYPE_CHECKING:
    from etl.catalog import Catalog

# The staff template's column order; export writes it, import reads it.
CANONICAL_COLUMNS = [
    "indicator",
    "region",
    "breakdown",
    "period",
    "value",
    "unit",
    "status",
    "source",
    "note",
    "qualifier",
]
REQUIRED_COLUMNS = ["indicator", "region", "period", "value", "status", "source"]
OPTIONAL_COLUMNS = ["breakdown", "unit", "note", "qualifier"]
KEY_COLUMNS = ["indicator", "region", "breakdown", "period", "source"]

# How a published figure was worded ("more than 650 partners", "about 76,000", "up to EUR 4.2 m")
# and the other vocabularies live in etl.vocabulary; re-exported here for the validators' users.
STATUSES = vocabulary.STATUSES
QUALIFIERS = vocabulary.QUALIFIERS

_PERIOD_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "A"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "Q"),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "M"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "D"),
]


@lru_cache(maxsize=65536)
def parse_period(text: str) -> tuple[date, str]:
    """Return (period_start, frequency) for '2023', '2023-Q2', '2023-06' or '2023-06-30'."""
    for pattern, frequency in _PERIOD_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        if frequency == "A":
            return date(year, 1, 1), frequency
        if frequency == "Q":
            return date(year, 3 * int(match.group(2)) - 2, 1), frequency
        if frequency == "M":
            return date(year, int(match.group(2)), 1), frequency
        return date(year, int(match.group(2)), int(match.group(3))), frequency
    raise ValueError(f"'{text}' is not a period")


def empty_frame() -> pd.DataFrame:
    """A canonical frame with no rows (for sources that found nothing)."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in CANONICAL_COLUMNS})
    frame["value"] = frame["value"].astype(float)
    return frame


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """The column as stripped text; work on distinct values only (a million rows share a few dozen)."""
    if column not in frame:
        return pd.Series(np.full(len(frame), "", dtype=object), index=frame.index)
    codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    cleaned = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    return pd.Series(cleaned[codes], index=frame.index)


def _row_numbers(frame: pd.DataFrame) -> pd.Series:
    """Spreadsheet row numbers: a `_row` column set by the reader, else header + 1-based index."""
    if "_row" in frame:
        return frame["_row"]
    return pd.Series(range(2, len(frame) + 2), index=frame.index)


def _unknown(values: pd.Series, known: set[str], rows: pd.Series, column: str, fix: str):
    bad = ~values.isin(known)
    for index in values.index[bad]:
        yield Problem(f"unknown {column} '{values[index]}'", int(rows[index]), column, fix)


def _missing_columns(frame: pd.DataFrame) -> list[Problem]:
    return [
        Problem(
            f"required column '{column}' is missing",
            None,
            column,
            "use the header row of the staff template: " + ", ".join(CANONICAL_COLUMNS),
        )
        for column in REQUIRED_COLUMNS
        if column not in frame
    ]


def _check_required(frame: pd.DataFrame, rows: pd.Series) -> list[Problem]:
    problems = []
    for column in REQUIRED_COLUMNS:
        if column == "value":
            continue
        blank = frame[column] == ""
        for index in frame.index[blank]:
            problems.append(Problem("is empty", int(rows[index]), column, f"fill in the {column}"))
    return problems


def _check_periods(periods: pd.Series, rows: pd.Series) -> tuple[list[Problem], pd.Series, pd.Series]:
    problems: list[Problem] = []
    starts: dict[str, date] = {}
    frequencies: dict[str, str] = {}
    for text in periods.unique():
        try:
            starts[text], frequencies[text] = parse_period(text)
        except ValueError:
            continue
    bad = ~periods.isin(starts.keys()) & (periods != "")
    for index in periods.index[bad]:
        problems.append(
            Problem(
                f"'{periods[index]}' is not a period",
                int(rows[index]),
                "period",
                "write a year (2023), quarter (2023-Q2), month (2023-06) or day (2023-06-30)",
            )
        )
    return problems, periods.map(starts), periods.map(frequencies)


def _check_values(values: pd.Series, rows: pd.Series) -> list[Problem]:
    if pd.api.types.is_numeric_dtype(values):
        numbers, is_number = values, True
    else:  # text such as 'many' stays text until here, so the message can quote it
        numbers = pd.to_numeric(values, errors="coerce")
        is_number = values.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    bad = ~(is_number & numbers.notna() & numbers.abs().lt(math.inf))
    problems = []
    for index in values.index[bad]:
        value = values[index]
        shown = "" if value is None or (isinstance(value, float) and math.isnan(value)) else value
        problems.append(
            Problem(
                f"value '{shown}' is not a finite number",
                int(rows[index]),
                "value",
                "write a plain number such as 76000 or 4.2 (no units or text)",
            )
        )
    return problems


def _check_units(frame: pd.DataFrame, catalog: Catalog, rows: pd.Series) -> list[Problem]:
    units = frame["unit"]
    expected = (
        frame["indicator"].map({slug: row["unit"] for slug, row in catalog.indicators.items()}).fillna("")
    )
    mismatch = (units != "") & (expected != "") & (units.str.lower() != expected.str.lower())
    return [
        Problem(
            f"unit '{units[i]}' disagrees with indicator '{frame['indicator'][i]}'",
            int(rows[i]),
            "unit",
            f"convert the value to '{expected[i]}' and write that unit (or leave unit empty)",
        )
        for i in frame.index[mismatch]
    ]


def _check_duplicates(frame: pd.DataFrame, rows: pd.Series) -> list[Problem]:
    duplicated = frame.duplicated(KEY_COLUMNS, keep=False)
    if not duplicated.any():
        return []
    problems = []
    first_row: dict[tuple, int] = {}
    for index in frame.index[duplicated]:
        key = tuple(frame.loc[index, KEY_COLUMNS])
        if key not in first_row:
            first_row[key] = int(rows[index])
            continue
        problems.append(
            Problem(
                f"same indicator, region, breakdown, period and source as row {first_row[key]}",
                int(rows[index]),
                "period",
                "keep one of the two rows",
            )
        )
    return problems


def _catalog_problems(frame: pd.DataFrame, catalog: Catalog, rows: pd.Series) -> list[Problem]:
    problems: list[Problem] = []
    checks = [
        ("indicator", set(catalog.indicators), "use a slug from data/reference/indicators.csv"),
        ("region", set(catalog.regions), "use a NUTS code from data/reference/regions.csv"),
        ("source", set(catalog.sources), "use a slug from data/reference/sources.csv, or add it"),
        ("status", set(STATUSES), "use one of: " + ", ".join(STATUSES)),
        ("qualifier", set(QUALIFIERS), "leave empty or use one of: " + ", ".join(QUALIFIERS[1:])),
    ]
    for column, known, fix in checks:
        values = frame[column]
        present = values != "" if column in REQUIRED_COLUMNS else values == values
        problems.extend(_unknown(values[present], known, rows, column, fix))
    breakdowns = frame["breakdown"]
    problems.extend(
        _unknown(
            breakdowns[breakdowns != ""],
            set(catalog.entities),
            rows,
            "breakdown",
            "leave empty for the total, or use a slug from data/reference/entities.csv",
        )
    )
    return problems


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip text columns, fill optional ones; value is left for validation to check."""
    out = pd.DataFrame(index=frame.index)
    for column in CANONICAL_COLUMNS:
        if column == "value":
            out["value"] = frame["value"] if "value" in frame else float("nan")
        else:
            out[column] = _text(frame, column)
    if "_row" in frame:
        out["_row"] = frame["_row"]
    return out


def validate(frame: pd.DataFrame, catalog: Catalog, what: str = "input") -> pd.DataFrame:
    """Check a canonical frame; raise ValidationError listing every problem, else return it ready to load."""
    problems = _missing_columns(frame)
    if problems:
        raise ValidationError(problems, what)
    if frame.empty:
        raise ValidationError(
            [Problem("has no data rows", fix="add at least one row below the header")], what
        )
    frame = normalise(frame)
    rows = _row_numbers(frame)
    problems += _check_required(frame, rows)
    problems += _catalog_problems(frame, catalog, rows)
    period_problems, starts, frequencies = _check_periods(frame["period"], rows)
    problems += period_problems
    problems += _check_values(frame["value"], rows)
    problems += _check_units(frame, catalog, rows)
    problems += _check_duplicates(frame, rows)
    if problems:
        problems.sort(
            key=lambda p: (
                p.row or 0,
                CANONICAL_COLUMNS.index(p.column) if p.column in CANONICAL_COLUMNS else 99,
            )
        )
        raise ValidationError(problems, what)
    frame["unit"] = frame["indicator"].map({slug: row["unit"] for slug, row in catalog.indicators.items()})
    frame["period_start"] = starts
    frame["frequency"] = frequencies
    return frame.drop(columns=["_row"], errors="ignore").reset_index(drop=True)
