"""Target tracking (dashboard.data.progress), checked on a series shaped like Saxony's microelectronics/ICT
employment and its 2030 goal; the growth window rule; changes computed from bounds."""

import math

import pandas as pd
import pytest

from dashboard.data.progress import (
    GROWTH_WINDOW_YEARS,
    annual_actuals,
    cagr,
    change_bound,
    target_from,
    track,
    window_rule,
)
from dashboard.data.progress import verdict_text as _verdict_text
from dashboard.i18n import use_locale
from tests.dashboard.tree import plain


def verdict_text(progress, lang: str = "en", unit: str = "") -> str:
    with use_locale(lang):
        return _verdict_text(progress, unit)


# Silicon Saxony: employees in Saxony's microelectronics/ICT sector; goal 100,000 by 2030.
SAXONY = pd.Series({2017: 64_000.0, 2020: 70_500.0, 2022: 76_100.0, 2023: 81_000.0})
LONG_SAXONY = pd.Series({2012: 51_660.0, 2014: 58_000.0, 2016: 60_000.0, **SAXONY.to_dict()})


def observations(rows: list[tuple[str, float, str]], frequency: str = "A") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": [period for period, _, _ in rows],
            "period_start": pd.to_datetime([f"{period[:4]}-01-01" for period, _, _ in rows]),
            "frequency": frequency,
            "value": [value for _, value, _ in rows],
            "status": [status for _, _, status in rows],
        }
    )


def test_saxony_is_on_track():
    result = track(SAXONY, 2030, 100_000)
    assert result.verdict == "on_track"
    assert result.reason == ""
    assert (result.latest_year, result.latest_value) == (2023, 81_000)
    assert result.gap == pytest.approx(19_000)
    assert result.required_cagr == pytest.approx(0.0306, abs=5e-4)
    assert result.actual_cagr == pytest.approx(0.0399, abs=5e-4)
    assert (result.cagr_start_year, result.cagr_end_year, result.cagr_span) == (2017, 2023, 6)


def test_older_values_outside_the_window_do_not_change_the_recent_rate():
    assert track(LONG_SAXONY, 2030, 100_000).actual_cagr == pytest.approx(
        track(SAXONY, 2030, 100_000).actual_cagr
    )
    # A wider window reaches back to 2012 and reports that span.
    wide = track(LONG_SAXONY, 2030, 100_000, window=11)
    assert wide.cagr_start_year == 2012
    assert wide.actual_cagr == pytest.approx((81_000 / 51_660) ** (1 / 11) - 1)


def test_paths_run_from_latest_actual_to_target():
    result = track(SAXONY, 2030, 100_000)
    for path in (result.linear_path, result.compound_path):
        assert [year for year, _ in path] == list(range(2023, 2031))
        assert path[0] == (2023, pytest.approx(81_000))
        assert path[-1][1] == pytest.approx(100_000)
    # Constant growth starts slower than the straight line and catches up at the end.
    assert result.compound_path[3][1] < result.linear_path[3][1]
    assert result.linear_path[1][1] == pytest.approx(81_000 + 19_000 / 7)


def test_recent_pace_projects_past_the_goal():
    result = track(SAXONY, 2030, 100_000)
    assert result.projected_value == pytest.approx(81_000 * (1 + result.actual_cagr) ** 7)
    assert result.projected_value > 100_000


def test_verdict_text_states_the_data_age_first_in_both_languages():
    result = track(SAXONY, 2030, 100_000)
    assert verdict_text(result, "en", "persons") == (
        "Latest actual figure: 81,000 (2023). Needs 3.1% a year to 2030; grew 4.0% a year 2017–2023: "
        "on track."
    )
    assert plain(verdict_text(result, "de", "persons")) == (
        "Letzter Ist-Wert: 81.000 (2023). Braucht 3,1 % pro Jahr bis 2030; "
        "wuchs 2017–2023 um 4,0 % pro Jahr: auf Kurs."
    )


def test_the_growth_window_is_one_fixed_documented_rule():
    assert GROWTH_WINDOW_YEARS == 6
    assert track(SAXONY, 2030, 100_000).window_years == GROWTH_WINDOW_YEARS
    with use_locale("en"):
        assert "last 6 years of actual figures" in window_rule()
    with use_locale("de"):
        assert "letzten 6 Jahre mit Ist-Werten" in window_rule()
    # One more year moves the window by the rule, never by accident: 2024 measures from 2018 on.
    longer = track(pd.Series({**SAXONY.to_dict(), 2018: 66_000.0, 2024: 84_000.0}), 2030, 100_000)
    assert (longer.cagr_start_year, longer.cagr_end_year) == (2018, 2024)


def test_a_goal_worded_as_a_bound_makes_the_required_rate_a_bound():
    more = track(SAXONY, 2030, 100_000, target_qualifier="more_than")
    assert more.required_bound == "lower" and more.verdict == "on_track"
    assert "Needs at least 3.1% a year to 2030" in verdict_text(more)
    assert "Braucht mindestens 3,1" in plain(verdict_text(more, "de"))
    up_to = track(SAXONY, 2030, 100_000, target_qualifier="up_to")
    assert up_to.required_bound == "upper" and "Needs at most 3.1%" in verdict_text(up_to)


def test_growth_from_an_approximate_or_bound_figure_says_so():
    frame = pd.DataFrame(
        {"year": [2020, 2023], "value": [70_000.0, 81_000.0], "qualifier": ["more_than", ""]}
    )
    result = track(frame, 2030, 100_000)
    assert result.actual_bound == "upper" and "grew at most 5.0% a year 2020–2023" in verdict_text(result)
    about = track(frame.assign(qualifier=["about", ""]), 2030, 100_000)
    assert about.actual_bound == "about" and "grew about 5.0% a year" in verdict_text(about)


@pytest.mark.parametrize(
    ("start", "end", "bound"),
    [
        ("", "", ""),
        ("more_than", "", "upper"),  # from "more than 35,000" to 40,000: at most +14.3 %
        ("", "more_than", "lower"),
        ("up_to", "", "lower"),
        ("", "up_to", "upper"),
        ("", "less_than", "upper"),
        ("up_to", "more_than", "lower"),
        ("more_than", "up_to", "upper"),
        ("more_than", "more_than", None),  # both ends bounded on the same side: cannot be told
        ("up_to", "less_than", None),
        ("about", "", "about"),
        ("about", "more_than", None),
    ],
)
def test_change_bound(start, end, bound):
    assert change_bound(start, end) == bound


def test_slow_growth_is_off_track():
    result = track(pd.Series({2020: 70_000.0, 2023: 71_000.0}), 2030, 100_000)
    assert result.verdict == "off_track"
    assert result.actual_cagr < result.required_cagr
    assert verdict_text(result, "en").endswith(": off track.")
    assert verdict_text(result, "de").endswith(": nicht auf Kurs.")


def test_shrinking_series_is_worded_as_shrinking():
    result = track(pd.Series({2021: 90.0, 2023: 80.0}), 2030, 100)
    assert result.verdict == "off_track"
    assert "shrank" in verdict_text(result, "en")
    assert "schrumpfte 2021–2023" in verdict_text(result, "de")


def test_goal_already_reached():
    result = track(pd.Series({2022: 95_000.0, 2023: 101_000.0}), 2030, 100_000)
    assert result.verdict == "achieved"
    assert verdict_text(result, "en", "persons").endswith(
        "Goal of 100,000 for 2030 reached: 101,000 in 2023."
    )
    assert "erreicht" in verdict_text(result, "de", "persons")


def test_one_actual_is_not_enough_for_a_trend():
    result = track(pd.Series({2023: 81_000.0}), 2030, 100_000)
    assert result.verdict == "insufficient_data"
    assert result.reason == "too_few_actuals"
    assert result.required_cagr == pytest.approx(0.0306, abs=5e-4)  # still useful to show
    assert "Not enough data" in verdict_text(result, "en")


def test_no_actuals():
    result = track(pd.Series(dtype=float), 2030, 100_000)
    assert (result.verdict, result.reason) == ("insufficient_data", "no_actuals")
    assert result.latest_value is None
    assert "keine Ist-Werte" in verdict_text(result, "de")


@pytest.mark.parametrize(
    "series",
    [
        pd.Series({2020: 10.0, 2023: 0.0}),  # latest zero
        pd.Series({2020: -5.0, 2023: 20.0}),  # only earlier value negative
        pd.Series({2020: 0.0, 2023: 20.0}),  # start at zero
    ],
)
def test_zero_and_negative_values_do_not_crash(series):
    result = track(series, 2030, 100)
    assert result.verdict == "insufficient_data"
    assert result.reason == "non_positive_values"
    assert "above zero" in verdict_text(result, "en")


def test_a_non_positive_value_is_skipped_when_a_positive_one_is_in_the_window():
    result = track(pd.Series({2019: -5.0, 2020: 50.0, 2023: 60.0}), 2030, 100)
    assert result.cagr_start_year == 2020
    assert result.verdict in ("on_track", "off_track")


def test_target_year_already_passed():
    result = track(SAXONY, 2020, 100_000)
    assert (result.verdict, result.reason) == ("off_track", "target_year_passed")
    assert "2020" in verdict_text(result, "en")
    assert verdict_text(result, "de").endswith("nicht auf Kurs.")


def test_window_falls_back_to_nearest_earlier_actual():
    result = track(pd.Series({2005: 40_000.0, 2023: 81_000.0}), 2030, 100_000)
    assert result.cagr_start_year == 2005
    assert result.actual_cagr == pytest.approx(cagr(40_000, 81_000, 18))


def test_reduction_targets():
    result = track(pd.Series({2019: 12.0, 2023: 9.0}), 2030, 6.0, higher_is_better=False)
    assert result.verdict == "on_track"
    assert track(pd.Series({2019: 12.0, 2023: 5.0}), 2030, 6.0, higher_is_better=False).verdict == "achieved"


def test_observation_frames_keep_only_annual_actual_values():
    frame = pd.concat(
        [
            observations(
                [("2017", 64_000, "actual"), ("2020", 70_500, "actual"), ("2023", 81_000, "provisional")]
            ),
            observations([("2030", 100_000, "target"), ("2030", 110_000, "projection")]),
            observations([("2023-Q2", 1.0, "actual")], frequency="Q"),
            observations([("2021", float("nan"), "actual")]),
        ]
    )
    series = annual_actuals(frame)
    assert series["year"].tolist() == [2017, 2020, 2023]
    assert target_from(frame) == (2030, 100_000)
    assert track(frame, *target_from(frame)).verdict == "on_track"


def test_duplicate_years_keep_the_last_row():
    frame = observations([("2022", 73_000, "actual"), ("2022", 76_100, "actual")])
    assert annual_actuals(frame)["value"].tolist() == [76_100]


def test_target_from_picks_the_final_goal():
    frame = observations(
        [("2025", 90_000, "target"), ("2030", 100_000, "target"), ("2023", 81_000, "actual")]
    )
    assert target_from(frame) == (2030, 100_000)
    assert target_from(observations([("2023", 81_000, "actual")])) is None
    assert target_from(pd.DataFrame()) is None


def test_cagr_is_undefined_for_non_positive_values_or_no_time():
    assert cagr(100, 121, 2) == pytest.approx(0.1)
    assert cagr(0, 10, 2) is None
    assert cagr(10, -1, 2) is None
    assert cagr(10, 20, 0) is None
    assert cagr(10, math.inf, 2) is None
