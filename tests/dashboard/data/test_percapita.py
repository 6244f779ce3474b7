"""The one per-1,000-inhabitants rule: same region, nearest reference date, the earlier on a tie."""

import pandas as pd

from dashboard.data.percapita import per_thousand


def rows(*items, frequency="A"):
    return pd.DataFrame(
        [
            {
                "region": region,
                "period": period,
                "period_start": pd.Timestamp(period if len(period) > 4 else f"{period}-01-01"),
                "frequency": "D" if len(period) == 10 else frequency,
                "value": float(value),
                "source": f"src-{period}",
            }
            for region, period, value in items
        ]
    )


def test_a_year_is_divided_by_the_same_year_end_population():
    result = per_thousand(rows(("A", "2023", 500)), rows(("A", "2022", 1000), ("A", "2023", 2000)))
    assert result.rows["population_period"].tolist() == ["2023"]
    assert result.rows["value_per_1000"].tolist() == [250.0]


def test_a_first_of_january_population_counts_as_the_previous_year_end():
    """Eurostat's population on 1 January 2024 is the stock at the end of 2023."""
    result = per_thousand(rows(("A", "2023", 500)), rows(("A", "2024-01-01", 2000), ("A", "2025-01-01", 9)))
    assert result.rows["population_period"].tolist() == ["2024-01-01"]


def test_the_nearest_year_is_used_when_the_same_year_is_missing():
    result = per_thousand(rows(("A", "2020", 100)), rows(("A", "2017", 1), ("A", "2021", 1000)))
    assert result.rows["population_period"].tolist() == ["2021"]


def test_on_a_tie_the_earlier_population_wins():
    # A day's value on 1 July 2023: 31 Dec 2022 and 29 Dec 2023 are both 182 days away.
    result = per_thousand(
        rows(("A", "2023-07-01", 100)), rows(("A", "2022-12-31", 1000), ("A", "2023-12-30", 2000))
    )
    assert result.rows["population_period"].tolist() == ["2022-12-31"]


def test_each_region_uses_its_own_population_and_a_region_without_one_is_named():
    result = per_thousand(
        rows(("A", "2023", 100), ("B", "2023", 100), ("C", "2023", 1)),
        rows(("A", "2023", 1000), ("B", "2023", 4000)),
    )
    assert result.rows["value_per_1000"].tolist()[:2] == [100.0, 25.0]
    assert pd.isna(result.rows["value_per_1000"].iloc[2])
    assert result.missing == ("C",)


def test_the_order_of_the_rows_is_kept():
    values = rows(("B", "2023", 1), ("A", "2020", 2), ("A", "2023", 3))
    result = per_thousand(values, rows(("A", "2023", 1000), ("B", "2023", 1000)))
    assert result.rows["value"].tolist() == [1.0, 2.0, 3.0]


def test_no_values_give_no_rows():
    result = per_thousand(rows(("A", "2023", 1)).iloc[0:0], rows(("A", "2023", 1000)))
    assert result.rows.empty and result.missing == ()
