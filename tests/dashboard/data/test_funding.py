"""The funding rules as pure functions: entity keys, what may be added, countable figures, statuses."""

import pandas as pd

from dashboard.data.funding import (
    PROGRAMME,
    PROJECT,
    WIDER,
    countable,
    entity_keys,
    operational_since,
    short_name,
    status_key,
    total_groups,
)


def rows(*items) -> pd.DataFrame:
    """(entity_key, indicator, status, date) rows."""
    frame = pd.DataFrame(items, columns=["entity_key", "indicator", "status", "period_start"])
    return frame.assign(period_start=pd.to_datetime(frame["period_start"]), value=1.0)


def test_entity_keys_fold_the_home_region_and_keep_wider_figures_apart():
    keys = entity_keys(pd.Series(["fab", "alliance", "alliance"]), pd.Series(["", "", "EU27_2020"]))
    assert keys.tolist() == ["fab", "alliance", "alliance@EU27_2020"]


def test_only_figures_of_the_same_scope_may_be_added():
    groups = total_groups(
        pd.Series(["fab", "hub", "alliance", "alliance", "other-alliance"]),
        pd.Series(["", "", "", "EU27_2020", "EU27_2020"]),
        {"fab": "fab", "hub": "hub", "alliance": "programme", "other-alliance": "programme"},
    )
    assert groups["group"].tolist() == [PROJECT, PROJECT, PROGRAMME, WIDER, WIDER]
    # companies and projects share one part; each programme is its own (two EU-wide ones never add up)
    assert groups["part"].tolist() == ["", "", "alliance", "alliance", "other-alliance"]


def test_an_announcement_confirmed_later_counts_once_at_the_actual_figure():
    found = countable(
        rows(
            ("fab", "invest", "announcement", "2017-06-01"),
            ("fab", "invest", "actual", "2021-06-01"),
            ("fab", "invest", "announcement", "2022-07-01"),  # a later plan: still counts
            ("lab", "invest", "announcement", "2019-01-01"),  # never confirmed: counts
            ("fab", "aid", "announcement", "2018-01-01"),  # another indicator: not confirmed by 'invest'
        ),
        cumulative=(),
    )
    assert list(zip(found["entity_key"], found["period_start"].dt.year, strict=True)) == [
        ("fab", 2021),
        ("fab", 2022),
        ("lab", 2019),
        ("fab", 2018),
    ]


def test_a_cumulative_figure_counts_with_its_latest_value_only():
    found = countable(
        rows(("site", "total", "actual", "2020-01-01"), ("site", "total", "actual", "2025-01-01")),
        cumulative=("total",),
    )
    assert found["period_start"].dt.year.tolist() == [2025]


def test_countable_of_nothing_is_nothing():
    assert countable(rows(), cumulative=()).empty


def test_status_keys_name_what_a_figure_is():
    keys = status_key(
        pd.Series(["invest", "aid", "invest", "aid", "aid"]),
        pd.Series(["actual", "actual", "announcement", "projection", "estimate"]),
        operational=("invest",),
    )
    assert keys.tolist() == ["operational", "approved", "announced", "expected", "estimate"]


def test_operational_since_is_the_first_actual_site_figure_in_the_home_region():
    frame = rows(
        ("fab", "invest", "announcement", "2017-01-01"),
        ("fab", "invest", "actual", "2021-01-01"),
        ("fab", "invest", "actual", "2023-01-01"),
        ("far", "invest", "actual", "2019-01-01"),
    ).assign(breakdown=["fab", "fab", "fab", "far"], scope=["", "", "", "EU27_2020"])
    assert operational_since(frame, ("invest",)) == {"fab": 2021}


def test_short_names_for_chart_rows():
    assert short_name("ESMC (European Semiconductor Manufacturing Company)") == "ESMC"
    assert short_name("IPCEI Microelectronics and Communication Technologies (ME/CT)") == "IPCEI ME/CT"
    assert short_name("Widget Works fab") == "Widget Works fab"
