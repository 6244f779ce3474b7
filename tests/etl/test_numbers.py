import pytest

from etl.numbers import ENGLISH, GERMAN, detect, parse_number, read_typed


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
        ("８４", None, None),  # full-width digits are not digits here
        ("٨٤", None, None),
    ],
)
def test_parse_number_reads_each_style(text, german, english):
    assert parse_number(text, GERMAN) == german
    assert parse_number(text, ENGLISH) == english


def test_a_decimal_comma_decides_german_and_thousands_dots_follow():
    result = detect(["76.000", "4,2"])
    assert result.style == GERMAN and result.ambiguous == () and result.example == 1


def test_a_decimal_point_decides_english_and_thousands_commas_follow():
    result = detect(["76,000", "4.2"])
    assert result.style == ENGLISH and result.ambiguous == ()


@pytest.mark.parametrize("values", [["84,000"], ["1.620"], ["1,620", "35.000"], ["76.000", "12"]])
def test_without_evidence_ambiguous_values_stay_undecided(values):
    result = detect(values)
    assert result.code == "undecided"
    assert result.ambiguous == tuple(i for i, v in enumerate(values) if v != "12")


def test_a_three_decimal_reading_needs_three_decimals_elsewhere():
    # '42,5' shows a decimal comma, but nobody writes 84 as '84,000': stop and ask.
    assert detect(["84,000", "42,5"]).ambiguous == (0,)
    assert detect(["1.620", "4.2"]).ambiguous == (0,)
    # A file that writes three decimals elsewhere decides it.
    assert detect(["84,125", "0,375"]).ambiguous == ()


def test_mixed_formats_name_the_minority_rows():
    result = detect(["4,2", "1,5", "3.7"])
    assert result.style == GERMAN
    assert result.conflicts == (2,)


def test_forced_style_wins_and_decides_everything():
    result = detect(["84,000", "4.2"], forced=GERMAN)
    assert result.style == GERMAN and result.ambiguous == () and result.conflicts == ()


def test_cells_that_are_numbers_already_do_not_vote():
    assert detect([None, None, "76.000"]).ambiguous == (2,)


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("1.620", "de", 1620.0),
        ("1,62", "de", 1.62),
        ("1,620", "en", 1620.0),
        ("1.62", "en", 1.62),
        ("4,2", "en", 4.2),  # only German explains it
        ("4.2", "de", 4.2),
        ("620", "de", 620.0),
        ("viele", "de", None),
    ],
)
def test_a_typed_number_is_read_in_the_page_language(text, lang, number):
    assert read_typed(text, lang) == number
