"""Which published statement a goal is tracked against, and changes between figures worded as bounds."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.goals import Statement, choose
from dashboard.data.kpi import change, sum_qualifier


def statement(source: str, kind: str, status: str = "target", year: int = 2030, **extra) -> Statement:
    fields = {
        "indicator": "employment.ict_micro", "region": "TLA", "breakdown": "", "period": str(year),
        "year": year, "value": 70_000.0, "unit": "persons", "qualifier": "", "status": status,
        "source": source, "publisher": source, "source_title": "", "source_url": "", "published": "2024",
        "kind": kind,
    }  # fmt: skip
    return Statement(**{**fields, **extra})


def test_the_most_authoritative_source_of_the_latest_year_is_tracked():
    press = statement("paper", "press", qualifier="up_to", published="2024-05")
    ministry = statement("ministry", "government", qualifier="more_than", published="2023-11")
    earlier = statement("office", "official", year=2025)
    goal, also = choose([press, earlier, ministry])
    assert goal == ministry and also == (press,)  # 2025 is an intermediate goal, not the final one


def test_a_target_goes_before_a_projection_of_the_same_kind_then_the_newest_publication():
    forecast = statement("forecast", "association", status="projection", published="2024-06-11")
    older = statement("old", "association", published="2022")
    newer = statement("new", "association", published="2023-06")
    goal, also = choose([forecast, older, newer])
    assert goal == newer and also == (older, forecast)


def test_unknown_kinds_come_last_and_no_statement_is_no_goal():
    goal, _ = choose([statement("blog", "blog"), statement("paper", "press")])
    assert goal.source == "paper"
    assert choose([]) is None


def rows(*figures: tuple[str, float, str]) -> pd.DataFrame:
    return pd.DataFrame([{"period": p, "value": v, "qualifier": q} for p, v, q in figures])


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ((("2022", 76_100, ""), ("2023", 81_000, "")), (6.44, "")),
        ((("2022", 35_000, "more_than"), ("2023", 40_000, "")), (14.29, "upper")),  # at most +14.3 %
        ((("2022", 17_500, ""), ("2023", 19_000, "more_than")), (8.57, "lower")),
        ((("2022", 64_000, "about"), ("2023", 70_000, "")), (9.38, "about")),
    ],
)
def test_change_is_a_bound_where_a_figure_is(figures, expected):
    found = change(rows(*figures))
    assert (round(found.percent, 2), found.bound, found.since) == (*expected, "2022")


def test_change_is_not_shown_when_the_bounds_leave_it_open_or_there_is_nothing_to_compare():
    assert change(rows(("2022", 35_000, "more_than"), ("2023", 40_000, "more_than"))) is None
    assert change(rows(("2022", 0, ""), ("2023", 5, ""))) is None
    assert change(rows(("2023", 5, ""))) is None


def test_a_sum_of_bounds_is_a_bound():
    assert sum_qualifier(pd.Series(["", ""])) == ""
    assert sum_qualifier(pd.Series(["", "more_than"])) == "more_than"
    assert sum_qualifier(pd.Series(["up_to", "less_than", ""])) == "up_to"
    assert sum_qualifier(pd.Series(["up_to", "more_than"])) == "about"
