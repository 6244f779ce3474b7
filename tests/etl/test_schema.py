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
