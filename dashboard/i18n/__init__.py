"""Texts and formats in the reader's language.

- `locale`: the request's language (`current()`, `use_locale()`), set once per request;
- `strings`: texts from one TOML file per page per language (`en/`, `de/`), with CLDR plurals;
- `formats`: numbers, percentages, money, dates and periods from Babel (CLDR).
"""

from dashboard.i18n.formats import (
    auto_decimals,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_period,
    format_span,
    format_value,
    separators,
    status_label,
    unit_label,
)
from dashboard.i18n.locale import (
    DEFAULT_LANG,
    LANGS,
    current,
    localized_href,
    localized_layout,
    normalise_lang,
    set_locale,
    use_locale,
)
from dashboard.i18n.strings import has, missing, t, tn

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "auto_decimals",
    "current",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_period",
    "format_span",
    "format_value",
    "has",
    "localized_href",
    "localized_layout",
    "missing",
    "normalise_lang",
    "separators",
    "set_locale",
    "status_label",
    "t",
    "tn",
    "unit_label",
    "use_locale",
]
