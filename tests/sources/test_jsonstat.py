"""The JSON-stat 2.0 decoder: row-major index, sparse and dense values, flags, empty cubes, bad input."""

from __future__ import annotations

import json

import pytest

from etl.sources import jsonstat
from tests.sources.conftest import fixture_bytes


def cube(value, status=None, index_as_list=False) -> dict:
    geo = ["DED2", "DED4"] if index_as_list else {"DED2": 0, "DED4": 1}
    document = {
        "version": "2.0",
        "class": "dataset",
        "id": ["unit", "geo", "time"],
        "size": [1, 2, 3],
        "dimension": {
            "unit": {"category": {"index": {"THS": 0}}},
            "geo": {"category": {"index": geo}},
            "time": {"category": {"index": {"2021": 0, "2022": 1, "2023": 2}}},
        },
        "value": value,
    }
    if status is not None:
        document["status"] = status
    return document


def test_row_major_index_last_dimension_fastest():
    frame = jsonstat.decode(cube({"0": 1.5, "4": 2.5, "5": 3.0}))
    assert frame.to_dict("records") == [
        {"unit": "THS", "geo": "DED2", "time": "2021", "value": 1.5, "flag": ""},
        {"unit": "THS", "geo": "DED4", "time": "2022", "value": 2.5, "flag": ""},
        {"unit": "THS", "geo": "DED4", "time": "2023", "value": 3.0, "flag": ""},
    ]
    assert frame.attrs["skipped"] == {}


def test_dense_value_list_with_nulls_and_category_index_as_list():
    frame = jsonstat.decode(cube([1, None, 3, 4, None, 6], index_as_list=True))
    assert list(frame["value"]) == [1.0, 3.0, 4.0, 6.0]
    assert list(frame["geo"]) == ["DED2", "DED2", "DED4", "DED4"]


def test_flags_and_status_only_cells():
    frame = jsonstat.decode(cube({"0": 1.0, "1": 2.0}, status={"1": "p", "2": "|C", "3": "u", "4": "c"}))
    assert list(frame["flag"]) == ["", "p"]
    assert frame.attrs["skipped"] == {"confidential": 2, "flagged without value": 1}


def test_one_status_string_applies_to_every_value():
    frame = jsonstat.decode(cube({"0": 1.0, "5": 2.0}, status="e"))
    assert list(frame["flag"]) == ["e", "e"]
    assert frame.attrs["skipped"] == {}


def test_dimension_order_is_read_from_id_not_from_the_dimension_object():
    document = cube({"1": 9.0})
    document["dimension"] = dict(reversed(list(document["dimension"].items())))
    assert jsonstat.decode(json.dumps(document).encode()).iloc[0][["geo", "time"]].tolist() == [
        "DED2",
        "2022",
    ]


def test_empty_cubes_decode_to_no_rows():
    empty = fixture_bytes("eurostat", "empty_unknown_geo.json")
    assert jsonstat.is_empty(empty)
    assert jsonstat.decode(empty).empty
    assert not jsonstat.is_empty(cube({"0": 1}))
    assert jsonstat.is_empty(cube({}))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"id": ["a"], "size": [1, 2], "dimension": {}}, "id has 1 dimensions"),
        (cube({"6": 1.0}), "outside the cube"),
        (cube({"x": 1.0}), "not a cell index"),
        (cube({"0": "n/a"}), "not a number"),
        ({"value": {}}, "not a JSON-stat dataset"),
    ],
)
def test_malformed_payloads_raise_jsonstat_error(document, message):
    with pytest.raises(jsonstat.JsonStatError, match=message):
        jsonstat.decode(document)


def test_category_count_must_match_size():
    document = cube({"0": 1.0})
    document["size"] = [1, 3, 3]
    with pytest.raises(jsonstat.JsonStatError, match="lists 2 categories but size says 3"):
        jsonstat.decode(document)


def test_not_json_at_all():
    with pytest.raises(jsonstat.JsonStatError, match="not JSON"):
        jsonstat.decode(b"<html>maintenance</html>")
