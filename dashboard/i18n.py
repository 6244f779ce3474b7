"""UI strings in English and German, and locale-aware number, money, date and period formatting.

Keys are dotted and namespaced (`nav.*`, `common.*`, `unit.*`, `status.*`, `qualifier.*`, `progress.*`,
`figure.*` ...). Pages add their own namespace with `register({"overview.kpi_title": {...}})`.
Formatting is done here rather than with Babel because the dashboard needs only two locales and a
handful of patterns; keeping it dependency-free keeps figure builders importable anywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime

LANGS = ("en", "de")
DEFAULT_LANG = "en"

# key: (English, German). One line per key keeps the table greppable and diffs small.
_TABLE: dict[str, tuple[str, str]] = {
    "app.name": ("Regiometer", "Regiometer"),
    "app.tagline": (
        "Statistics of Saxony's microelectronics and ICT ecosystem",
        "Statistik des sächsischen Mikroelektronik- und IKT-Ökosystems",
    ),
    "nav.overview": ("Overview", "Übersicht"),
    "nav.employment": ("Employment", "Beschäftigung"),
    "nav.funding": ("Funding", "Förderung"),
    "nav.clusters": ("Clusters", "Cluster"),
    "nav.regions": ("Regions", "Regionen"),
    "nav.data": ("Data", "Daten"),
    "nav.about": ("About", "Über"),
    "nav.editor": ("Editor", "Redaktion"),
    "common.data_as_of": ("Data as of {date}", "Datenstand: {date}"),
    "common.data_as_of_label": ("Data as of", "Datenstand"),
    "common.source": ("Source: {sources}", "Quelle: {sources}"),
    "common.sources": ("Sources: {sources}", "Quellen: {sources}"),
    "common.source_label": ("Source", "Quelle"),
    "common.sources_label": ("Sources", "Quellen"),
    "common.download": ("Download", "Herunterladen"),
    "common.download_png": ("Download image (PNG)", "Bild herunterladen (PNG)"),
    "common.download_svg": ("Download image (SVG)", "Bild herunterladen (SVG)"),
    "common.download_csv": ("Download data (CSV)", "Daten herunterladen (CSV)"),
    "common.download_xlsx": ("Download data (Excel)", "Daten herunterladen (Excel)"),
    "common.cite": ("Cite", "Zitieren"),
    "common.copy_link": ("Copy link", "Link kopieren"),
    "common.embed": ("Embed", "Einbetten"),
    "common.chart": ("Chart", "Diagramm"),
    "common.table": ("Table", "Tabelle"),
    "common.map": ("Map", "Karte"),
    "common.language": ("Language", "Sprache"),
    "common.lang_en": ("English", "Englisch"),
    "common.lang_de": ("German", "Deutsch"),
    "common.total": ("Total", "Gesamt"),
    "common.all": ("All", "Alle"),
    "common.indicator": ("Indicator", "Indikator"),
    "common.region": ("Region", "Region"),
    "common.breakdown": ("Breakdown", "Untergliederung"),
    "common.period": ("Period", "Zeitraum"),
    "common.value": ("Value", "Wert"),
    "common.unit": ("Unit", "Einheit"),
    "common.status": ("Status", "Status"),
    "common.note": ("Note", "Anmerkung"),
    "common.from": ("From", "Von"),
    "common.to": ("To", "Bis"),
    "common.no_data": ("No data for this selection.", "Keine Daten für diese Auswahl."),
    "common.loading": ("Loading…", "Wird geladen…"),
    "common.error": (
        "Something went wrong. Please try again.",
        "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    ),
    "common.login": ("Log in", "Anmelden"),
    "common.logout": ("Log out", "Abmelden"),
    "common.per_1000": ("per 1,000 inhabitants", "je 1.000 Einwohner"),
    "qualifier.about": ("about", "rund"),
    "qualifier.more_than": ("more than", "mehr als"),
    "qualifier.less_than": ("less than", "weniger als"),
    "qualifier.up_to": ("up to", "bis zu"),
    "status.actual": ("actual", "Ist-Wert"),
    "status.provisional": ("provisional", "vorläufig"),
    "status.estimate": ("estimate", "Schätzung"),
    "status.target": ("target", "Ziel"),
    "status.projection": ("projection", "Prognose"),
    "status.announcement": ("announcement", "Ankündigung"),
    "unit.persons": ("persons", "Beschäftigte"),
    "unit.companies": ("companies", "Unternehmen"),
    "unit.establishments": ("establishments", "Betriebe"),
    "unit.EUR": ("EUR", "Euro"),
    "unit.percent": ("percent", "Prozent"),
    "unit.count": ("count", "Anzahl"),
    "unit.year": ("year", "Jahr"),
    "unit.wafers_per_year": ("wafers per year", "Wafer pro Jahr"),
    "unit.wafers_per_month": ("wafers per month", "Wafer pro Monat"),
    "unit.jobs": ("jobs", "Arbeitsplätze"),
    "unit.participants": ("participants", "Teilnehmende"),
    "unit.members": ("members", "Mitglieder"),
    "unit.partners": ("partners", "Partner"),
    "unit.projects": ("projects", "Projekte"),
    "unit.eur_thousand": ("€ thousand", "Tsd. €"),
    "unit.eur_million": ("€ million", "Mio. €"),
    "unit.eur_billion": ("€ billion", "Mrd. €"),
    "axis.year": ("Year", "Jahr"),
    "axis.value": ("Value", "Wert"),
    "axis.region": ("Region", "Region"),
    "axis.entity": ("Company, project or programme", "Unternehmen, Projekt oder Programm"),
    "axis.amount": ("Amount", "Betrag"),
    "progress.on_track": ("on track", "auf Kurs"),
    "progress.off_track": ("off track", "nicht auf Kurs"),
    "progress.achieved": ("achieved", "erreicht"),
    "progress.insufficient_data": ("not enough data", "zu wenige Daten"),
    "progress.needs": ("Needs {rate} a year to {year}", "Braucht {rate} pro Jahr bis {year}"),
    "progress.grew": ("grew {rate} a year {start}–{end}", "wuchs {start}–{end} um {rate} pro Jahr"),
    "progress.shrank": ("shrank {rate} a year {start}–{end}", "schrumpfte {start}–{end} um {rate} pro Jahr"),
    "progress.sentence": ("{needs}; {actual}: {verdict}.", "{needs}; {actual}: {verdict}."),
    "progress.achieved_text": (
        "Goal of {target} for {year} reached: {latest} in {latest_year}.",
        "Ziel von {target} für {year} erreicht: {latest} im Jahr {latest_year}.",
    ),
    "progress.passed_text": (
        "Goal year {year} has passed without reaching {target} ({latest} in {latest_year}): off track.",
        "Zieljahr {year} ist vorbei, {target} nicht erreicht "
        "({latest} im Jahr {latest_year}): nicht auf Kurs.",
    ),
    "progress.insufficient_text": (
        "Not enough data to assess progress: {reason}.",
        "Zu wenige Daten, um den Fortschritt zu bewerten: {reason}.",
    ),
    "progress.reason.no_actuals": ("no actual values", "keine Ist-Werte"),
    "progress.reason.too_few_actuals": (
        "at least two actual values are needed",
        "mindestens zwei Ist-Werte sind nötig",
    ),
    "progress.reason.non_positive_values": (
        "growth rates need values above zero",
        "Wachstumsraten brauchen Werte über null",
    ),
    "figure.line_chart": ("Line chart", "Liniendiagramm"),
    "figure.bar_chart": ("Bar chart", "Balkendiagramm"),
    "figure.stacked_bar_chart": ("Stacked bar chart", "Gestapeltes Säulendiagramm"),
    "figure.timeline": ("Timeline", "Zeitleiste"),
    "figure.map": ("Map", "Karte"),
    "figure.target_chart": ("Path to goal", "Pfad zum Ziel"),
    "figure.from_to": ("from {start} to {end}", "von {start} auf {end}"),
    "figure.series_count": ("{count} series", "{count} Reihen"),
    "figure.points_count": ("{count} entries", "{count} Einträge"),
    "figure.points_count.one": ("1 entry", "1 Eintrag"),
    "figure.series_count.one": ("1 series", "1 Reihe"),
    "figure.largest": ("largest {name} {amount} ({year})", "größter Betrag {name} {amount} ({year})"),
    "figure.highest_lowest": ("highest {high}, lowest {low}", "höchster Wert {high}, niedrigster {low}"),
    "figure.goal": ("Goal {year}: {value}", "Ziel {year}: {value}"),
    "figure.actual": ("Actual", "Ist-Werte"),
    "figure.straight_path": ("Straight line to goal", "Gerader Pfad zum Ziel"),
    "figure.compound_path": (
        "Constant growth to goal ({rate} a year)",
        "Konstantes Wachstum zum Ziel ({rate} pro Jahr)",
    ),
    "figure.pace_path": ("At recent pace ({rate} a year)", "Beim bisherigen Tempo ({rate} pro Jahr)"),
    "figure.no_target": ("No target set for this indicator.", "Für diesen Indikator ist kein Ziel gesetzt."),
    "figure.no_map_data": ("no data", "keine Daten"),
    "figure.includes_bounds": ("includes approximate or bound figures", "enthält gerundete oder Grenzwerte"),
    "figure.eurogeographics": (
        "© EuroGeographics for the administrative boundaries",
        "© EuroGeographics bezüglich der Verwaltungsgrenzen",
    ),
}

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}
_MONEY_UNITS = ("EUR",)
# Units whose numbers read as plain quantities ("76,000 persons"); others carry their own sign.
_NO_LABEL_UNITS = ("EUR", "percent", "year", "count", "")


class _KeepMissing(dict):
    """format_map helper: leave unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def register(entries: Mapping[str, Mapping[str, str]], *, replace: bool = False) -> None:
    """Add page-specific keys: {"key": {"en": ..., "de": ...}}. Clashing keys raise unless replace."""
    for key, texts in entries.items():
        if key in _TABLE and not replace and _TABLE[key] != (texts.get("en", key), texts.get("de", "")):
            raise ValueError(f"i18n key '{key}' is already defined; pick another key or pass replace=True")
        _TABLE[key] = (texts.get("en", key), texts.get("de", ""))


def keys() -> list[str]:
    return sorted(_TABLE)


def has(key: str) -> bool:
    return key in _TABLE


def untranslated(lang: str = "de") -> list[str]:
    """Keys that would fall back to English in `lang` (a test keeps this empty for German)."""
    index = LANGS.index(normalise_lang(lang))
    return sorted(key for key, texts in _TABLE.items() if not texts[index])


def normalise_lang(value: object) -> str:
    """'de', 'DE', 'de-DE', 'de_AT' -> 'de'; anything unknown or empty -> 'en'."""
    if not isinstance(value, str):
        return DEFAULT_LANG
    code = re.split(r"[-_;,]", value.strip().lower(), maxsplit=1)[0]
    return code if code in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """Translate key; fall back to English, then to the key itself."""
    en, de = _TABLE.get(key, ("", ""))
    text = (de if normalise_lang(lang) == "de" else "") or en or key
    return text.format_map(_KeepMissing(fmt)) if fmt else text


def tn(key: str, count: int, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """Count-dependent text: uses `key.one` for exactly one if it exists (both languages need no more)."""
    singular = f"{key}.one"
    return t(singular if count == 1 and singular in _TABLE else key, lang, count=count, **fmt)


def separators(lang: str) -> str:
    """Plotly layout.separators: decimal mark then thousands separator."""
    return ",." if normalise_lang(lang) == "de" else ".,"


def format_number(value: float | int | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """76000 -> '76,000' (en) / '76.000' (de). Missing values -> '–'."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no '-0'
    if normalise_lang(lang) == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _auto_decimals(value: float, minimum: int = 0, maximum: int = 2) -> int:
    """Fewest decimals (between minimum and maximum) that show the value without losing digits."""
    for decimals in range(minimum, maximum + 1):
        if abs(round(value, decimals) - value) < 1e-9 * max(1.0, abs(value)):
            return decimals
    return maximum


def format_percent(value: float | None, lang: str = DEFAULT_LANG, decimals: int | None = 1) -> str:
    """3.1 -> '3.1%' (en) / '3,1 %' (de). The value is in percent, not a fraction."""
    if value is None or not math.isfinite(value):
        return "–"
    digits = _auto_decimals(value, 1) if decimals is None else decimals
    number = format_number(value, lang, digits)
    return f"{number} %" if normalise_lang(lang) == "de" else f"{number}%"


def format_money(
    value: float, lang: str = DEFAULT_LANG, compact: bool = True, decimals: int | None = None
) -> str:
    """4_200_000 -> '€4.2m' / '4,2 Mio. €'; 5e9 -> '€5.0bn' / '5,0 Mrd. €'; compact=False is exact."""
    if value is None or not math.isfinite(value):
        return "–"
    de = normalise_lang(lang) == "de"
    scales = ((1e9, "bn", "Mrd. €"), (1e6, "m", "Mio. €")) if compact else ()
    for size, en_suffix, de_suffix in scales:
        if abs(value) >= size:
            scaled = value / size
            digits = (1 if abs(scaled) < 100 else 0) if decimals is None else decimals  # €4.2m, €920m
            number = format_number(scaled, lang, digits)
            return f"{number} {de_suffix}" if de else _en_money(number, en_suffix)
    number = format_number(value, lang, _auto_decimals(value) if decimals is None else decimals)
    return f"{number} €" if de else _en_money(number, "")


def _en_money(number: str, suffix: str) -> str:
    sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}€{digits}{suffix}"


def format_value(
    value: float | None,
    unit: str = "",
    lang: str = DEFAULT_LANG,
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
    if value is None or not math.isfinite(value):
        return "–"
    if unit in _MONEY_UNITS:
        text = format_money(value, lang, compact, decimals)
    elif unit == "percent":
        text = format_percent(value, lang, decimals)
    elif unit == "year":
        text = str(round(value))  # 2018, never '2,018'
    else:
        text = format_number(value, lang, _auto_decimals(value) if decimals is None else decimals)
        if with_unit and unit not in _NO_LABEL_UNITS:
            text = f"{text} {unit_label(unit, lang)}"
    if qualifier:
        text = f"{t('qualifier.' + qualifier, lang)} {text}"
    return text


def unit_label(unit: str, lang: str = DEFAULT_LANG) -> str:
    """Axis/legend label for a unit code; unknown codes are shown as they are."""
    return t(f"unit.{unit}", lang) if has(f"unit.{unit}") else unit


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status}", lang) if has(f"status.{status}") else status


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


def format_date(value: object, lang: str = DEFAULT_LANG) -> str:
    """'26 Nov 2026' (en) / '26.11.2026' (de); accepts date, datetime, Timestamp or ISO text."""
    day = _as_date(value)
    if day is None:
        return ""
    if normalise_lang(lang) == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def format_period(period: str, lang: str = DEFAULT_LANG, short: bool = False) -> str:
    """'2023' -> '2023'; '2023-Q2' -> 'Q2 2023' / '2. Quartal 2023' ('Q2 2023' if short);
    '2023-06' -> 'Jun 2023' / 'Juni 2023'; '2023-06-30' -> format_date."""
    text = str(period).strip()
    de = normalise_lang(lang) == "de"
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        year, quarter = match.groups()
        return f"{quarter}. Quartal {year}" if de and not short else f"Q{quarter} {year}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = match.groups()
        names = _MONTHS["de" if de else "en"]
        name = names[int(month) - 1][:3] if de and short else names[int(month) - 1]
        return f"{name} {year}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return format_date(text, lang)
    return text


def format_span(first: str, last: str, lang: str = DEFAULT_LANG) -> str:
    """'2012–2023'; a single period is shown once."""
    start, end = format_period(first, lang, short=True), format_period(last, lang, short=True)
    return start if start == end else f"{start}–{end}"
