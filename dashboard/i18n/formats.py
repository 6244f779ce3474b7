"""Numbers, percentages, money, dates and periods in the reader's language, from Babel (CLDR).

English uses the en_GB locale (26 Nov 2026, €5.9bn), German de_DE (26.11.2026, 5,9 Mrd. €). Each
function takes an optional `lang`; without it, the request's locale.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_date
from babel.numbers import NumberPattern, format_compact_currency, format_currency, parse_pattern

from dashboard.i18n.locale import BABEL_LOCALES, current, normalise_lang
from dashboard.i18n.strings import has, t
from etl.vocabulary import MONEY_UNITS

MISSING = "–"
# Units whose numbers read as plain quantities ("76,000 persons"); others carry their own sign.
_NO_LABEL_UNITS = ("EUR", "percent", "year", "count", "")


def _lang(lang: str | None) -> str:
    return normalise_lang(lang or current())


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[lang])


@lru_cache(maxsize=64)
def _pattern(lang: str, kind: str, decimals: int) -> NumberPattern:
    """The locale's decimal or percent pattern with a fixed number of decimals."""
    locale = _locale(lang)
    source = locale.percent_formats[None] if kind == "percent" else locale.decimal_formats[None]
    pattern = parse_pattern(source.pattern)
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _finite(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def separators(lang: str | None = None) -> str:
    """Plotly's layout.separators: the decimal mark, then the thousands separator."""
    locale = _locale(_lang(lang))
    return locale.number_symbols["latn"]["decimal"] + locale.number_symbols["latn"]["group"]


def format_number(value: float | int | None, lang: str | None = None, decimals: int = 0) -> str:
    """76000 -> '76,000' (en) / '76.000' (de). Missing values -> '–'."""
    number = _finite(value)
    if number is None:
        return MISSING
    if round(number, decimals) == 0:
        number = 0.0  # never '-0'
    return _pattern(_lang(lang), "decimal", decimals).apply(Decimal(repr(number)), _locale(_lang(lang)))


def auto_decimals(value: float, minimum: int = 0, maximum: int = 2) -> int:
    """Fewest decimals (between minimum and maximum) that show the value without losing digits."""
    for decimals in range(minimum, maximum + 1):
        if abs(round(value, decimals) - value) < 1e-9 * max(1.0, abs(value)):
            return decimals
    return maximum


def format_percent(value: float | None, lang: str | None = None, decimals: int | None = 1) -> str:
    """3.1 -> '3.1%' (en) / '3,1 %' (de). The value is in percent, not a fraction."""
    number = _finite(value)
    if number is None:
        return MISSING
    digits = auto_decimals(number, 1) if decimals is None else decimals
    lang = _lang(lang)
    return _pattern(lang, "percent", digits).apply(Decimal(repr(number)) / 100, _locale(lang))


def format_money(
    value: float | None, lang: str | None = None, compact: bool = True, decimals: int | None = None
) -> str:
    """4_200_000 -> '€4.2m' / '4,2 Mio. €'; 5e9 -> '€5.0bn' / '5,0 Mrd. €'; compact=False is exact."""
    number = _finite(value)
    if number is None:
        return MISSING
    lang = _lang(lang)
    locale = _locale(lang)
    if compact and abs(number) >= 1e6:
        scaled = abs(number) / (1e9 if abs(number) >= 1e9 else 1e6)
        digits = (1 if scaled < 100 else 0) if decimals is None else decimals  # €4.2m, €920m
        return format_compact_currency(number, "EUR", locale=locale, fraction_digits=digits)
    digits = auto_decimals(number) if decimals is None else decimals
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    pattern.frac_prec = (digits, digits)
    return format_currency(number, "EUR", format=pattern, locale=locale, currency_digits=False)


def unit_label(unit: str, lang: str | None = None) -> str:
    """Axis or legend label of a unit code; unknown codes are shown as they are."""
    return t(f"unit.{unit}", lang) if has(f"unit.{unit}") else unit


def status_label(status: str, lang: str | None = None) -> str:
    return t(f"status.{status}", lang) if has(f"status.{status}") else status


def format_value(
    value: float | None,
    unit: str = "",
    lang: str | None = None,
    qualifier: str = "",
    *,
    decimals: int | None = None,
    compact: bool = True,
    with_unit: bool = False,
) -> str:
    """A value as a reader should see it: 'more than 76,000', 'bis zu 4,2 Mio. €', '3,1 %'.

    compact only affects money (hovers pass compact=False to show the exact amount); with_unit
    appends the unit label for plain quantities ('81,000 persons').
    """
    number = _finite(value)
    if number is None:
        return MISSING
    lang = _lang(lang)
    if unit in MONEY_UNITS:
        text = format_money(number, lang, compact, decimals)
    elif unit == "percent":
        text = format_percent(number, lang, decimals)
    elif unit == "year":
        text = str(round(number))  # 2018, never '2,018'
    else:
        text = format_number(number, lang, auto_decimals(number) if decimals is None else decimals)
        if with_unit and unit not in _NO_LABEL_UNITS:
            text = f"{text} {unit_label(unit, lang)}"
    if qualifier:
        text = f"{t('qualifier.' + qualifier, lang)} {text}"
    return text


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # also pandas.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value: object, lang: str | None = None) -> str:
    """'26 Nov 2026' (en) / '26.11.2026' (de); accepts date, datetime, Timestamp or ISO text."""
    day = _as_date(value)
    if day is None:
        return ""
    return babel_date(day, "medium", locale=_locale(_lang(lang)))


_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def format_period(period: str, lang: str | None = None, short: bool = False) -> str:
    """'2023' -> '2023'; '2023-Q2' -> 'Q2 2023' / '2. Quartal 2023' ('Q2 2023' if short);
    '2023-06' -> 'June 2023' / 'Juni 2023' ('Jun 2023' / 'Juni 2023' if short); a day -> format_date."""
    text = str(period).strip()
    lang = _lang(lang)
    locale = _locale(lang)
    if match := _QUARTER.fullmatch(text):
        year, quarter = int(match.group(1)), int(match.group(2))
        pattern = "QQQ y" if short or lang == "en" else "QQQQ y"
        return babel_date(date(year, 3 * quarter - 2, 1), pattern, locale=locale)
    if match := _MONTH.fullmatch(text):
        month = date(int(match.group(1)), int(match.group(2)), 1)
        return babel_date(month, "LLL y" if short else "LLLL y", locale=locale)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return format_date(text, lang)
    return text


def format_span(first: str, last: str, lang: str | None = None) -> str:
    """'2012–2023'; a single period is shown once."""
    start, end = format_period(first, lang, short=True), format_period(last, lang, short=True)
    return start if start == end else f"{start}–{end}"
