"""Hover texts for many points at once (pure): what theme.point_hover writes for one observation,
built column by column, so a chart of thousands of points costs no Babel call per point.

Numbers follow dashboard.i18n.format_value(compact=False, with_unit=True) exactly (the same fewest
decimals, half-even rounding on the decimal value, the locale's separators, currency and percent
signs, unit labels); texts that repeat (periods, statuses, sources, notes) are formatted once per
distinct value.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from decimal import Decimal

import pandas as pd

from dashboard import i18n
from dashboard.figures.theme import STATUS_ACTUAL, text_of

_NO_LABEL_UNITS = ("EUR", "percent", "year", "count", "")
_MONEY = ("EUR",)


def _fewest_decimals(values: pd.Series, minimum: int, maximum: int = 2) -> pd.Series:
    """Per value the fewest decimals (minimum..maximum) that lose no digits (i18n.auto_decimals)."""
    found = pd.Series(maximum, index=values.index)
    scale = values.abs().clip(lower=1.0)
    for decimals in range(maximum, minimum - 1, -1):
        exact = (values.round(decimals) - values).abs() < 1e-9 * scale
        found = found.mask(exact, decimals)
    return found


def _affixes(sample: str) -> tuple[str, str]:
    """'€1' -> ('€', ''), '1\u00a0%' -> ('', '\u00a0%')."""
    before, _, after = sample.partition("1")
    return before, after


def _grouped(values: pd.Series, decimals: pd.Series, lang: str) -> pd.Series:
    """'1,234.5' with the locale's separators, the sign left out (callers put it before any symbol)."""
    decimal_mark, group_mark = i18n.separators(lang)[0], i18n.separators(lang)[1]
    swap = str.maketrans({",": group_mark, ".": decimal_mark})
    out = pd.Series("", index=values.index, dtype=object)
    for digits in decimals.unique():  # at most three groups: 0, 1 or 2 decimals
        chosen = decimals.eq(digits)
        spec = f",.{int(digits)}f"
        # One str.format per value (microseconds), where a Babel call costs a tenth of a millisecond.
        out[chosen] = [format(abs(Decimal(repr(value))), spec).translate(swap) for value in values[chosen]]
    return out


def numbers(values: pd.Series, unit: str, lang: str) -> pd.Series:
    """Exact values with their unit, as format_value(..., compact=False, with_unit=True) gives them."""
    raw = pd.to_numeric(values, errors="coerce").astype(float)
    finite = raw.notna() & raw.abs().lt(float("inf"))
    out = pd.Series(i18n.formats.MISSING, index=values.index, dtype=object)
    shown = raw[finite]
    if shown.empty:
        return out
    if unit == "year":
        out[finite] = shown.round().astype("int64").astype(str)
        return out
    decimals = _fewest_decimals(shown, 1 if unit == "percent" else 0)
    if unit not in (*_MONEY, "percent"):  # format_number never writes '-0'; money and percent may
        rounded = pd.concat([shown[decimals.eq(d)].round(int(d)) for d in decimals.unique()])
        shown = shown.mask(rounded.reindex(shown.index).eq(0), 0.0)
    sign = shown.lt(0).map({True: "-", False: ""})
    if unit in _MONEY:
        before, after = _affixes(i18n.format_money(1, lang, compact=False, decimals=0))
    elif unit == "percent":
        before, after = _affixes(i18n.format_percent(1, lang, 0))
    else:
        before = ""
        after = "" if unit in _NO_LABEL_UNITS else f" {i18n.unit_label(unit, lang)}"
    body = _grouped(shown, decimals, lang)
    out[finite] = sign + before + body + after
    return out


def _once(values: pd.Series, render) -> pd.Series:
    """render() each distinct value once and map the results back."""
    texts = values.map(text_of)
    return texts.map({value: render(value) for value in texts.unique()})


def _short(text: str) -> str:
    return textwrap.shorten(text, 90) if text else ""


def point_hovers(
    rows: pd.DataFrame,
    names: pd.Series | str,
    unit: str,
    lang: str,
    *,
    value_column: str = "value",
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """One hover text per row: name, period, exact value with qualifier, status, source, note."""
    index = rows.index
    name = names if isinstance(names, pd.Series) else pd.Series(names, index=index)
    qualifier = _once(
        rows.get("qualifier", pd.Series("", index=index)),
        lambda q: i18n.t(f"qualifier.{q}", lang) + " " if q else "",
    )
    value = qualifier + numbers(rows[value_column], unit, lang)
    period = _once(
        rows.get("period", pd.Series("", index=index)), lambda p: i18n.format_period(p, lang) if p else ""
    )
    lines = "<b>" + name.astype(str) + "</b><br>" + period.where(period.eq(""), period + ": ") + value
    status = _once(
        rows.get("status", pd.Series("", index=index)),
        lambda s: f"<br>{i18n.status_label(s, lang)}" if s and s not in STATUS_ACTUAL else "",
    )
    source = pd.Series("", index=index)
    for column in ("source", "publisher", "source_title"):  # the title first, as point_hover does
        if column in rows:
            source = rows[column].map(text_of).where(rows[column].map(text_of).ne(""), source)
    label = i18n.t("common.source_label", lang)
    source = _once(source, lambda s: f"<br>{label}: {_short(s)}" if s else "")
    note = _once(rows.get("note", pd.Series("", index=index)), lambda n: f"<br>{_short(n)}" if n else "")
    return (lines + status + source + note).tolist()
