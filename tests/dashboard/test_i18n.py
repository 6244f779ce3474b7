"""Translations and locale-aware formatting in English and German."""

from datetime import date, datetime

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.i18n import (
    format_date,
    format_money,
    format_number,
    format_percent,
    format_period,
    format_value,
    normalise_lang,
    strings,
    t,
)
from tests.dashboard.tree import plain


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (76000, "en", 0, "76,000"),
        (76000, "de", 0, "76.000"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (1234567.891, "de", 2, "1.234.567,89"),
        (-1234.5, "de", 1, "-1.234,5"),
        (-0.04, "en", 1, "0.0"),
        (999, "de", 0, "999"),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf")])
def test_missing_numbers_show_a_dash(missing):
    assert format_number(missing, "en") == "–"
    assert format_value(missing, "EUR", "de") == "–"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "qualifier", "expected"),
    [
        (76000, "persons", "en", "more_than", "more than 76,000"),
        (76000, "persons", "de", "more_than", "mehr als 76.000"),
        (64000, "persons", "en", "about", "about 64,000"),
        (64000, "persons", "de", "about", "rund 64.000"),
        (100, "members", "en", "less_than", "less than 100"),
        (100, "members", "de", "less_than", "weniger als 100"),
        (4_200_000, "EUR", "en", "up_to", "up to €4.2m"),
        (4_200_000, "EUR", "de", "up_to", "bis zu 4,2 Mio. €"),
        (4_200_000, "EUR", "en", "", "€4.2m"),
        (4_200_000, "EUR", "de", "", "4,2 Mio. €"),
        (5e9, "EUR", "en", "", "€5bn"),
        (5e9, "EUR", "de", "", "5 Mrd. €"),
        (5.9e9, "EUR", "de", "", "5,9 Mrd. €"),
        (920e6, "EUR", "en", "", "€920m"),
        (450_000, "EUR", "de", "", "450.000 €"),
        (3.1, "percent", "en", "", "3.1%"),
        (3.1, "percent", "de", "", "3,1 %"),
        (2018, "year", "de", "", "2018"),
        (10.5, "count", "de", "", "10,5"),
    ],
)
def test_format_value(value, unit, lang, qualifier, expected):
    assert plain(format_value(value, unit, lang, qualifier)) == expected


def test_money_can_be_exact_for_hovers():
    assert format_value(4_200_000, "EUR", "en", compact=False) == "€4,200,000"
    assert plain(format_value(4_200_000, "EUR", "de", "up_to", compact=False)) == "bis zu 4.200.000 €"
    assert format_money(-4.2e6, "en") == "-€4.2m"


def test_value_with_unit_label():
    assert format_value(81000, "persons", "en", with_unit=True) == "81,000 persons"
    assert format_value(81000, "persons", "de", with_unit=True) == "81.000 Beschäftigte"
    # Money and percent carry their own sign; no label is appended.
    assert format_value(5e9, "EUR", "en", with_unit=True) == "€5bn"
    assert plain(format_value(3.1, "percent", "de", with_unit=True)) == "3,1 %"


def test_percent_decimals():
    assert format_percent(3.0560, "en") == "3.1%"
    assert plain(format_percent(3.0560, "de", decimals=2)) == "3,06 %"
    assert format_value(3.06, "percent", "en", decimals=None) == "3.06%"


@pytest.mark.parametrize(
    "value",
    [date(2026, 11, 26), datetime(2026, 11, 26, 13, 5), pd.Timestamp("2026-11-26"), "2026-11-26"],
)
def test_format_date(value):
    assert format_date(value, "en") == "26 Nov 2026"
    assert format_date(value, "de") == "26.11.2026"


def test_format_date_without_a_date():
    assert format_date(None, "en") == ""
    assert format_date("not a date", "de") == ""


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        ("2023", "en", "2023"),
        ("2023", "de", "2023"),
        ("2023-Q2", "en", "Q2 2023"),
        ("2023-Q2", "de", "2. Quartal 2023"),
        ("2023-06", "en", "June 2023"),
        ("2023-06", "de", "Juni 2023"),
        ("2023-06-30", "en", "30 Jun 2023"),
        ("2023-06-30", "de", "30.06.2023"),
    ],
)
def test_format_period(period, lang, expected):
    assert format_period(period, lang) == expected


def test_short_periods_for_axes():
    assert format_period("2023-Q2", "de", short=True) == "Q2 2023"
    assert i18n.format_span("2012", "2023", "en") == "2012–2023"
    assert i18n.format_span("2023", "2023", "en") == "2023"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("de", "de"), ("DE", "de"), ("de-DE", "de"), ("de_AT", "de"), (" en ", "en"), ("fr", "en"), ("", "en")],
)
def test_normalise_lang(value, expected):
    assert normalise_lang(value) == expected


def test_normalise_lang_defaults_to_english_for_non_strings():
    assert normalise_lang(None) == "en"
    assert normalise_lang(["de"]) == "en"


def test_translate_and_format_placeholders():
    assert t("nav.overview", "en") == "Overview"
    assert t("nav.overview", "de") == "Übersicht"
    assert t("common.data_as_of", "de", date="26.11.2026") == "Datenstand: 26.11.2026"
    assert t("common.source", "en", sources="Silicon Saxony") == "Source: Silicon Saxony"
    # A missing placeholder stays visible instead of raising inside a callback.
    assert t("common.source", "en") == "Source: {sources}"


def test_fallback_to_english_then_to_the_key():
    only_english = strings.Catalog({"en": {"test.only_english": "Only English"}, "de": {}})
    assert only_english.lookup("test.only_english", "de") == "Only English"
    assert t("test.no_such_key", "de") == "test.no_such_key"
    assert t("nav.data", "xx") == "Data"


def test_a_text_defined_twice_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text('[page]\ntitle = "Jobs"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('page.title = "Employment"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        strings.read_folder(tmp_path)


def test_every_key_exists_in_both_languages():
    assert i18n.missing("de") == []
    assert i18n.missing("en") == []


def test_german_numbers_never_break_between_number_and_unit():
    """CLDR's non-breaking spaces keep '4,2 Mio. €' and '3,1 %' on one line."""
    assert format_value(4_200_000, "EUR", "de") == "4,2\u00a0Mio.\u00a0€"
    assert format_percent(3.1, "de") == "3,1\u00a0%"


def test_plural_forms_follow_cldr():
    assert i18n.tn("figure.series_count", 1, "de") == "1 Reihe"
    assert i18n.tn("figure.series_count", 0, "de") == "0 Reihen"
    assert i18n.tn("figure.series_count", 2, "en") == "2 series"


def test_request_locale_is_the_default_language():
    assert t("nav.overview") == "Overview"
    with i18n.use_locale("de"):
        assert t("nav.overview") == "Übersicht"
        assert format_number(76000) == "76.000"
    assert format_number(76000) == "76,000"


def test_navigation_and_vocabulary_exist_in_both_languages():
    for page in ("overview", "employment", "funding", "clusters", "regions", "data", "about", "editor"):
        assert i18n.has(f"nav.{page}"), page
    assert [t(f"nav.{page}", "de") for page in ("overview", "employment", "funding")] == [
        "Übersicht",
        "Beschäftigung",
        "Förderung",
    ]
    for status in ("actual", "provisional", "estimate", "target", "projection", "announcement"):
        assert i18n.has(f"status.{status}")
    for unit in (
        "persons",
        "companies",
        "establishments",
        "EUR",
        "percent",
        "count",
        "year",
        "jobs",
        "wafers_per_year",
        "wafers_per_month",
        "participants",
        "members",
        "partners",
        "projects",
    ):
        assert i18n.has(f"unit.{unit}"), unit
    assert t("progress.on_track", "de") == "auf Kurs"
    assert t("progress.off_track", "en") == "off track"
    assert i18n.unit_label("persons", "de") == "Beschäftigte"
    assert i18n.unit_label("furlongs", "de") == "furlongs"


def test_counts_pick_the_singular():
    assert i18n.tn("figure.points_count", 1, "en") == "1 entry"
    assert i18n.tn("figure.points_count", 3, "de") == "3 Einträge"


def test_plotly_separators():
    assert i18n.separators("en") == ".,"
    assert i18n.separators("de") == ",."
