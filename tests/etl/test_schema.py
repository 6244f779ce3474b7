from datetime import date

import pandas as pd
import pytest

from etl.catalog import Catalog
from etl.errors import ValidationError
from etl.schema import parse_period, validate

CATALOG = Catalog(
    indicators={"employment.ict_micro": {"unit": "persons"}, "funding.state_aid_eur": {"unit": "EUR"}},
    regions={"DED": {}, "DED21": {}},
    entities={"software": {}, "esmc": {}},
    sources={"silicon-saxony-2023-06-21": {}},
)


def frame(**overrides):
    row = {
        "indicator": "employment.ict_micro",
        "region": "DED",
        "breakdown": "",
        "period": "2023",
        "value": 81000.0,
        "unit": "persons",
        "status": "actual",
        "source": "silicon-saxony-2023-06-21",
        "note": "",
        "qualifier": "",
    }
    row.update(overrides)
    return pd.DataFrame([row])


@pytest.mark.parametrize(
    ("text", "start", "frequency"),
    [
        ("2023", date(2023, 1, 1), "A"),
        ("2023-Q2", date(2023, 4, 1), "Q"),
        ("2023-06", date(2023, 6, 1), "M"),
        ("2023-06-30", date(2023, 6, 30), "D"),
    ],
)
def test_parse_period(text, start, frequency):
    assert parse_period(text) == (start, frequency)


@pytest.mark.parametrize("text", ["23", "2023-Q5", "2023-13", "until 2020", "2023/06"])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_valid_frame_gets_period_start_and_unit():
    out = validate(frame(unit=""), CATALOG)
    assert out.loc[0, "unit"] == "persons"
    assert out.loc[0, "period_start"] == date(2023, 1, 1)
    assert out.loc[0, "frequency"] == "A"


def test_every_problem_is_reported_with_row_and_column():
    bad = pd.concat(
        [
            frame(indicator="employment.nope"),
            frame(region="XX", period="2022"),
            frame(status="final", period="2021"),
            frame(period="sometime"),
            frame(value="lots", period="2020"),
            frame(unit="EUR", period="2019"),
            frame(breakdown="unknown-sector", period="2018"),
            frame(source="blog", period="2017"),
        ],
        ignore_index=True,
    )
    with pytest.raises(ValidationError) as caught:
        validate(bad, CATALOG)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (2, "indicator"),
        (3, "region"),
        (4, "status"),
        (5, "period"),
        (6, "value"),
        (7, "unit"),
        (8, "breakdown"),
        (9, "source"),
    }
    assert all(p.fix for p in caught.value.problems)
    assert "8 problems" in str(caught.value)


def test_duplicate_keys_point_at_the_first_row():
    with pytest.raises(ValidationError) as caught:
        validate(pd.concat([frame(), frame(value=80000.0)], ignore_index=True), CATALOG)
    (problem,) = caught.value.problems
    assert problem.row == 3 and "row 2" in problem.message


def test_missing_required_column_and_empty_frame():
    with pytest.raises(ValidationError, match="'source' is missing"):
        validate(frame().drop(columns="source"), CATALOG)
    with pytest.raises(ValidationError, match="no data rows"):
        validate(frame().iloc[0:0], CATALOG)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), None])
def test_non_finite_values_are_rejected(value):
    with pytest.raises(ValidationError, match="not a finite number"):
        validate(frame(value=value), CATALOG)


def test_unknown_qualifier_is_rejected():
    with pytest.raises(ValidationError, match="unknown qualifier"):
        validate(frame(qualifier="roughly"), CATALOG)


def test_a_single_text_value_is_reported_not_crashed():
    with pytest.raises(ValidationError, match="value 'viele' is not a finite number"):
        validate(frame(value="viele"), CATALOG)


# --- nothing is stored that a later feature cannot handle ----------------------------------------


@pytest.mark.parametrize(
    ("column", "text", "character"),
    [
        ("note", "fine\x00not", "U+0000"),
        ("note", "bell\x07", "U+0007"),
        ("note", "x\r=cmd|' /C calc'!A0", "U+000D"),
        ("note", "escape\x1b[31m", "U+001B"),
        ("indicator", "employment.ict_micro\t", "U+0009"),
        ("source", "silicon-saxony-2023-06-21\n", "U+000A"),
        ("note", "c1 \x85 control", "U+0085"),
    ],
)
def test_control_characters_are_problems_with_row_and_column(column, text, character):
    with pytest.raises(ValidationError) as caught:
        validate(frame(**{column: text}), CATALOG)
    found = [p for p in caught.value.problems if p.code == "control_character"]
    assert [(p.row, p.column) for p in found] == [(2, column)] and character in found[0].message


def test_notes_may_hold_tabs_and_line_breaks_and_windows_line_breaks_become_one():
    out = validate(frame(note="first line\r\nsecond\tline\nthird"), CATALOG)
    assert out.loc[0, "note"] == "first line\nsecond\tline\nthird"


@pytest.mark.parametrize(("column", "text"), [("period", "２０２４"), ("period", "2O24"), ("value", "８４")])
def test_only_ascii_digits_make_a_period_or_a_value(column, text):
    with pytest.raises(ValidationError) as caught:
        validate(frame(**{column: text}), CATALOG)
    (problem,) = caught.value.problems
    assert problem.column == column and problem.code in ("non_ascii_digits", "bad_period")


def test_full_width_digits_never_become_a_second_key():
    with pytest.raises(ValidationError):
        validate(pd.concat([frame(period="2024"), frame(period="２０２４")], ignore_index=True), CATALOG)


def test_text_is_nfc_and_trimmed_so_one_key_is_one_key():
    decomposed = "Gro\u0308\u00dfe  "
    out = validate(frame(note=decomposed), CATALOG)
    assert out.loc[0, "note"] == "Größe"
    catalog = Catalog(**{**CATALOG.__dict__, "entities": {"größe": {}}})
    with pytest.raises(ValidationError, match="same indicator"):
        validate(
            pd.concat([frame(breakdown="größe"), frame(breakdown="gro\u0308\u00dfe")], ignore_index=True),
            catalog,
        )


NAMED = Catalog(
    indicators={
        "cluster.members": {"unit": "members", "name_en": "Cluster members", "name_de": "Clustermitglieder"},
        "employment.ict_micro": {"unit": "persons", "name_en": "Employees", "name_de": "Beschäftigte"},
    },
    regions={"DED": {"name_en": "Home region", "name_de": "Heimatregion"}, "DED21": {}},
    entities={"software": {"name_en": "Software", "name_de": "Software"}},
    sources={"silicon-saxony-2023-06-21": {"title": "Annual figures"}},
)


def test_unknown_slugs_get_did_you_mean_by_slug_and_name_in_both_languages():
    from etl.messages import render

    with pytest.raises(ValidationError) as caught:
        validate(
            pd.concat(
                [frame(indicator="cluster.memberz"), frame(indicator="Clustermitglieder", period="2022")],
                ignore_index=True,
            ),
            NAMED,
        )
    first, second = caught.value.problems
    assert "did you mean 'Cluster members' (cluster.members)?" in first.fix
    assert "meinten Sie 'Clustermitglieder' (cluster.members)?" in render(first, "de")[1]
    assert "(cluster.members)" in second.fix  # found by its German name


def test_fix_hints_never_name_repository_files():
    bad = frame(indicator="x", region="y", source="z", breakdown="w", status="v", qualifier="u")
    with pytest.raises(ValidationError) as caught:
        validate(bad, CATALOG)
    from etl.messages import render

    for problem in caught.value.problems:
        for lang in ("en", "de"):
            text = " ".join(render(problem, lang))
            assert ".csv" not in text and "data/" not in text and "reference" not in text


def test_a_unit_mismatch_names_the_indicator_next_to_its_slug():
    from etl.messages import render

    with pytest.raises(ValidationError) as caught:
        validate(frame(unit="EUR"), NAMED)
    (problem,) = caught.value.problems
    assert "the indicator Employees (employment.ict_micro)" in problem.message
    assert "Beschäftigte (employment.ict_micro)" in render(problem, "de")[0]
