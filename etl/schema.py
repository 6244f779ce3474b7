"""The canonical long format every source produces, and its validation.

A source's parse() returns a DataFrame with CANONICAL_COLUMNS (all strings except `value`, a float).
validate() checks such a frame against the catalogs and collects every problem before anything is
written; it returns the frame normalised for loading (period_start, frequency, unit filled in).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd

from etl import suggestions, vocabulary
from etl.errors import Problem, ValidationError
from etl.messages import problem

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
    "note_de",
    "qualifier",
]
REQUIRED_COLUMNS = ["indicator", "region", "period", "value", "status", "source"]
OPTIONAL_COLUMNS = ["breakdown", "unit", "note", "note_de", "qualifier"]
KEY_COLUMNS = ["indicator", "region", "breakdown", "period", "source"]

# How a published figure was worded ("more than 650 partners", "about 76,000", "up to EUR 4.2 m")
# and the other vocabularies live in etl.vocabulary; re-exported here for the validators' users.
STATUSES = vocabulary.STATUSES
QUALIFIERS = vocabulary.QUALIFIERS

# ASCII digits only: '２０２４' is not 2024 (see _check_digits for the message).
_PERIOD_PATTERNS = [
    (re.compile(r"^([0-9]{4})$"), "A"),
    (re.compile(r"^([0-9]{4})-Q([1-4])$"), "Q"),
    (re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$"), "M"),
    (re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"), "D"),
]
# Control characters, lone surrogates and non-characters: nothing a spreadsheet or XML may hold.
# Notes may hold line breaks and tabs; no other column may.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_IN_NOTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
GERMAN_NOTE = "note_de"  # the note in German; empty: German pages show `note`
MULTILINE_COLUMNS = ("note", GERMAN_NOTE)
DIGIT_COLUMNS = ("period", "value")


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


def clean_text(value: object, column: str = "") -> str:
    """What is stored for a text cell: NFC-normalised, trimmed, Windows line breaks as one newline."""
    text = unicodedata.normalize("NFC", str(value))
    if column in MULTILINE_COLUMNS:
        text = text.replace("\r\n", "\n")
    return text.strip()


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """The column as clean text; work on distinct values only (a million rows share a few dozen)."""
    if column not in frame:
        return pd.Series(np.full(len(frame), "", dtype=object), index=frame.index)
    codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    cleaned = np.array([clean_text(u, column) for u in uniques] + [""], dtype=object)
    return pd.Series(cleaned[codes], index=frame.index)


def _row_numbers(frame: pd.DataFrame) -> pd.Series:
    """Spreadsheet row numbers: a `_row` column set by the reader, else header + 1-based index."""
    if "_row" in frame:
        return frame["_row"]
    return pd.Series(range(2, len(frame) + 2), index=frame.index)


F = TypeVar("F")


def _distinct(values: pd.Series, bad: Callable[[object], F | None]) -> dict[object, F]:
    """{value: finding} for the distinct values where bad(value) finds something (None: nothing)."""
    found: dict[object, F] = {}
    for value in pd.unique(values):
        finding = bad(value)
        if finding is not None:
            found[value] = finding
    return found


def _control_problems(frame: pd.DataFrame, rows: pd.Series) -> list[Problem]:
    """Control characters in any text cell (before trimming, so none is silently dropped)."""
    problems: list[Problem] = []
    for column in CANONICAL_COLUMNS:
        if column not in frame or column == "value":
            continue
        multiline = column in MULTILINE_COLUMNS
        pattern = _CONTROL_IN_NOTES if multiline else _CONTROL

        def first(value: object, pattern=pattern, multiline=multiline) -> tuple[str, int] | None:
            if not isinstance(value, str):
                return None
            match = pattern.search(value.replace("\r\n", "\n") if multiline else value)
            return (f"U+{ord(match.group()):04X}", match.start() + 1) if match else None

        values = frame[column]
        found = _distinct(values, first)
        for index in values.index[values.isin(list(found))]:
            character, position = found[values[index]]
            problems.append(
                problem("control_character", int(rows[index]), column, character=character, position=position)
            )
    return problems


def _foreign_digit(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return next((c for c in value if c.isdecimal() and not c.isascii()), None)


def _check_digits(frame: pd.DataFrame, raw: pd.DataFrame, rows: pd.Series) -> tuple[list[Problem], set]:
    """Digits other than 0-9 in periods and values ('２０２４', '٨٤'): a problem, never a second key."""
    problems, bad_rows = [], set()
    for column in DIGIT_COLUMNS:
        values = frame[column] if column == "period" else raw["value"]
        found = _distinct(values, _foreign_digit)
        for index in values.index[values.isin(list(found))]:
            problems.append(
                problem(
                    "non_ascii_digits",
                    int(rows[index]),
                    column,
                    value=str(values[index]),
                    digit=found[values[index]],
                )
            )
            bad_rows.add((index, column))
    return problems, bad_rows


def _missing_columns(frame: pd.DataFrame) -> list[Problem]:
    return [
        problem("column_missing", None, column, name=column, columns=", ".join(CANONICAL_COLUMNS))
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
            problems.append(problem("empty", int(rows[index]), column, name=column))
    return problems


def _check_periods(
    periods: pd.Series, rows: pd.Series, skip: set
) -> tuple[list[Problem], pd.Series, pd.Series]:
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
        if (index, "period") not in skip:
            problems.append(problem("bad_period", int(rows[index]), "period", value=periods[index]))
    return problems, periods.map(starts), periods.map(frequencies)


def _check_values(values: pd.Series, rows: pd.Series, skip: set) -> list[Problem]:
    if pd.api.types.is_numeric_dtype(values):
        numbers, is_number = values, True
    else:  # text such as 'many' stays text until here, so the message can quote it
        is_number = values.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
        numbers = pd.to_numeric(values.where(is_number), errors="coerce")
    bad = ~(is_number & numbers.notna() & numbers.abs().lt(math.inf))
    problems = []
    for index in values.index[bad]:
        if (index, "value") in skip:
            continue
        value = values[index]
        shown = "" if value is None or (isinstance(value, float) and math.isnan(value)) else value
        problems.append(problem("bad_value", int(rows[index]), "value", value=str(shown)))
    return problems


def _check_units(frame: pd.DataFrame, catalog: Catalog, rows: pd.Series) -> list[Problem]:
    units = frame["unit"]
    expected = (
        frame["indicator"].map({slug: row["unit"] for slug, row in catalog.indicators.items()}).fillna("")
    )
    mismatch = (units != "") & (expected != "") & (units.str.lower() != expected.str.lower())
    return [
        problem(
            "unit_mismatch",
            int(rows[i]),
            "unit",
            unit=units[i],
            indicator=_named(catalog.indicators, frame["indicator"][i]),
            expected=expected[i],
        )
        for i in frame.index[mismatch]
    ]


def _named(table: dict, slug: str) -> dict[str, str]:
    """'Name (slug)' in each language, for messages that name a known catalog entry."""
    row = table.get(slug) or {}
    return {
        lang: f"{row.get(f'name_{lang}') or row.get('name_en')} ({slug})" if row.get("name_en") else slug
        for lang in ("en", "de")
    }


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
        problems.append(problem("duplicate_key", int(rows[index]), "period", first=str(first_row[key])))
    return problems


def _catalog_problems(frame: pd.DataFrame, catalog: Catalog, rows: pd.Series) -> list[Problem]:
    problems: list[Problem] = []
    tables: dict[str, Mapping[str, suggestions.Row]] = {
        "indicator": catalog.indicators,
        "region": catalog.regions,
        "source": catalog.sources,
        "breakdown": catalog.entities,
    }
    vocabularies = {"status": STATUSES, "qualifier": QUALIFIERS}
    for column in [*tables, *vocabularies]:
        values = frame[column]
        known: Mapping[str, suggestions.Row] = (
            tables[column] if column in tables else {v: {} for v in vocabularies[column]}
        )
        present = values != "" if column in (*REQUIRED_COLUMNS, "breakdown") else values == values
        unknown = values[present & ~values.isin(list(known))]
        if unknown.empty:
            continue
        hints = {value: suggestions.hint(str(value), known, column) for value in unknown.unique()[:500]}
        choices = ", ".join(v for v in vocabularies.get(column, ()) if v)
        for index in unknown.index:
            value = unknown[index]
            problems.append(
                problem(
                    f"unknown_{column}",
                    int(rows[index]),
                    column,
                    value=value,
                    suggestion=hints.get(value, ""),
                    choices=choices,
                )
            )
    return problems


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Clean text columns (NFC, trimmed), fill optional ones; value is left for validation to check."""
    out = pd.DataFrame(index=frame.index)
    for column in CANONICAL_COLUMNS:
        if column == "value":
            out["value"] = frame["value"] if "value" in frame else float("nan")
        elif column == GERMAN_NOTE and column not in frame:
            out[column] = None  # not given (a file without the column): etl.db.load decides
        else:
            out[column] = _text(frame, column)
    if "_row" in frame:
        out["_row"] = frame["_row"]
    return out


def validate(frame: pd.DataFrame, catalog: Catalog, what: str = "input") -> pd.DataFrame:
    """Check a canonical frame; raise ValidationError listing every problem, else return it ready to
    load (with `_row`, the spreadsheet row of each value, for warnings and messages)."""
    problems = _missing_columns(frame)
    if problems:
        raise ValidationError(problems, what)
    if frame.empty:
        raise ValidationError([problem("has_no_rows")], what)
    raw = frame
    rows = _row_numbers(frame)
    problems += _control_problems(frame, rows)
    frame = normalise(frame)
    rows = _row_numbers(frame)
    digit_problems, foreign = _check_digits(frame, raw, rows)
    problems += digit_problems
    problems += _check_required(frame, rows)
    problems += _catalog_problems(frame, catalog, rows)
    period_problems, starts, frequencies = _check_periods(frame["period"], rows, foreign)
    problems += period_problems
    problems += _check_values(frame["value"], rows, foreign)
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
    frame["value"] = frame["value"].astype(float)
    frame["unit"] = frame["indicator"].map({slug: row["unit"] for slug, row in catalog.indicators.items()})
    frame["period_start"] = starts
    frame["frequency"] = frequencies
    frame["_row"] = rows
    return frame.reset_index(drop=True)


# -- sources staff add in the editor ----------------------------------------------------------------

SOURCE_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{2,79}")
SOURCE_FIELDS = ("slug", "publisher", "publisher_de", "title", "url", "published", "kind")
SOURCE_REQUIRED = ("publisher", "title", "kind")
SOURCE_MAX_CHARS = {
    "slug": 80,
    "publisher": 300,
    "publisher_de": 300,
    "title": 500,
    "url": 2000,
    "published": 10,
    "kind": 20,
}
_PUBLISHED = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def example_slug(publisher: str, today: date | None = None) -> str:
    """A short name in the catalog's style, from the publisher and this month: 'acme-e-v-2026-12'."""
    today = today or date.today()
    plain = unicodedata.normalize("NFKD", publisher).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50] or "publisher"
    return f"{stem}-{today:%Y-%m}"


def _published_ok(text: str) -> bool:
    if not text:
        return True
    if not _PUBLISHED.fullmatch(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def validate_source(fields: dict[str, object], catalog: Catalog) -> dict[str, str]:
    """A new catalog source from the editor's form, checked like a file's rows (every problem at
    once, control characters, NFC): the row to insert, or ValidationError."""
    problems: list[Problem] = []
    row: dict[str, str] = {}
    for name in SOURCE_FIELDS:
        raw = "" if fields.get(name) is None else str(fields[name])
        match = _CONTROL.search(raw)
        if match:
            problems.append(
                problem(
                    "control_character",
                    None,
                    name,
                    character=f"U+{ord(match.group()):04X}",
                    position=match.start() + 1,
                )
            )
        row[name] = clean_text(raw)
        if len(row[name]) > SOURCE_MAX_CHARS[name]:
            problems.append(
                problem("too_long", None, name, length=len(row[name]), limit=SOURCE_MAX_CHARS[name])
            )
    slug = row["slug"]
    if not SOURCE_SLUG.fullmatch(slug):
        problems.append(
            problem("source_slug", None, "slug", value=slug, example=example_slug(row["publisher"]))
        )
    elif slug in catalog.sources:
        problems.append(problem("source_exists", None, "slug", value=slug))
    for name in SOURCE_REQUIRED:
        if not row[name]:
            problems.append(problem("empty", None, name, name=name))
    url = row["url"]
    if url and (not url.startswith(("https://", "http://")) or any(c.isspace() for c in url)):
        problems.append(problem("source_url", None, "url"))
    if not _published_ok(row["published"]):
        problems.append(problem("source_published", None, "published", value=row["published"]))
    if row["kind"] and row["kind"] not in vocabulary.SOURCE_KINDS:
        problems.append(
            problem("source_kind", None, "kind", value=row["kind"], kinds=", ".join(vocabulary.SOURCE_KINDS))
        )
    if problems:
        raise ValidationError(problems, "source")
    return row
