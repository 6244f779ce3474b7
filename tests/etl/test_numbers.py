import pytest

from etl.numbers import ENGLISH, GERMAN, detect, parse_number


@pytest.mark.parametrize(
    ("text", "german", "english"),
    [
        ("76000", 76000, 76000),
        ("76.000", 76000, 76.0),
        ("76,000", 76.0, 76000),
        ("4,2", 4.2, None),
        ("4.2", None, 4.2),
        ("1.234.567", 1234567, None),
        ("1,234,567", None, 1234567),
        ("1.234,5", 1234.5, None),
        ("-3,5", -3.5, None),
        ("76 000", 76000, 76000),
        ("about 5", None, None),
        ("", None, None),
    ],
)
def test_parse_number_reads_each_style(text, german, english):
    assert parse_number(text, GERMAN) == german
    assert parse_number(text, ENGLISH) == english


def test_decimal_comma_decides_german():
    assert detect(["76.000", "4,2"], ",").style == GERMAN


def test_decimal_point_decides_english():
    assert detect(["76,000", "4.2"], ";").style == ENGLISH


def test_ambiguous_values_are_decided_by_delimiter_and_said_so():
    german = detect(["76.000", "35.000"], ";")
    english = detect(["76,000"], ",")
    assert german.style == GERMAN and "two ways" in german.reason and "--numbers" in german.reason
    assert english.style == ENGLISH and "two ways" in english.reason


def test_mixed_formats_name_the_minority_rows():
    result = detect(["4,2", "1,5", "3.7"], ",")
    assert result.style == GERMAN
    assert result.conflicts == (2,)


def test_forced_style_wins():
    assert detect(["4.2"], ",", forced=GERMAN).style == GERMAN
