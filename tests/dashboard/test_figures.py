"""Figure builders on small frames: framing, locale, hovers, status styles and empty states."""

import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.data import progress
from dashboard.figures import (
    ChartContext,
    SeriesBreak,
    choropleth,
    comparison_bars,
    empty_figure,
    funding_timeline,
    graph_config,
    sparkline,
    summary_of,
    target_chart,
    timeseries,
    totals_by_year,
)
from dashboard.figures.funding import jobs_bars, key_amounts, label_positions
from dashboard.figures.target import GoalView
from dashboard.i18n import use_locale
from tests.dashboard.tree import plain

AS_OF = date(2026, 11, 26)
FIGURES_DIR = Path(__file__).resolve().parents[2] / "dashboard" / "figures"


def obs(period: str, value: float, **extra: object) -> dict:
    """One canonical observation row; keyword arguments override the defaults."""
    frequency = {4: "A", 7: "Q" if "Q" in period else "M", 10: "D"}[len(period)]
    start = period[:4] + "-01-01" if frequency == "A" else period if frequency == "D" else None
    if frequency == "Q":
        start = f"{period[:4]}-{3 * int(period[-1]) - 2:02d}-01"
    if frequency == "M":
        start = period + "-01"
    row = {
        "indicator": "employment.ict_micro",
        "region": "DED",
        "breakdown": "",
        "period": period,
        "period_start": pd.Timestamp(start),
        "frequency": frequency,
        "value": float(value),
        "unit": "persons",
        "status": "actual",
        "qualifier": "",
        "source": "silicon-saxony",
        "source_title": "Silicon Saxony Day 2024",
        "source_url": "https://example.org/ss",
        "publisher": "Silicon Saxony",
        "note": "",
    }
    return {**row, **extra}


def employment() -> pd.DataFrame:
    return pd.DataFrame(
        [
            obs("2012", 51_660, source="smwa", source_title="imreg study", publisher="SMWA"),
            obs("2016", 60_000, qualifier="more_than", source="smwa", source_title="SMWA", publisher="SMWA"),
            obs("2017", 64_000, qualifier="about"),
            obs("2020", 70_500),
            obs("2022", 76_100),
            obs("2023", 81_000),
            obs("2030", 100_000, status="target"),
        ]
    )


def districts() -> pd.DataFrame:
    return pd.DataFrame(
        [
            obs("2024", 564_904, region="DED21", unit="count"),
            obs("2024", 611_850, region="DED51", unit="count"),
            obs("2024", 199_422, region="DED53", unit="count"),
        ]
    )


def funding() -> pd.DataFrame:
    common = {"unit": "EUR", "region": "DED21", "source_title": "European Commission", "publisher": "EC"}
    return pd.DataFrame(
        [
            obs("2024-08-20", 5e9, indicator="funding.state_aid_eur", breakdown="esmc", **common),
            obs(
                "2023-08-08",
                10e9,
                indicator="investment.total_eur",
                breakdown="esmc",
                status="announcement",
                qualifier="more_than",
                **common,
            ),
            obs(
                "2023",
                4.2e6,
                indicator="funding.public_eur",
                breakdown="smart-systems-hub",
                qualifier="up_to",
                **common,
            ),
            obs(
                "2024",
                1.1e9,
                indicator="investment.total_eur",
                breakdown="globalfoundries",
                status="announcement",
                **common,
            ),
        ]
    )


def square(code: str, name: str, x: float) -> dict:
    ring = [[x, 51.0], [x + 0.5, 51.0], [x + 0.5, 51.5], [x, 51.5], [x, 51.0]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"NUTS_ID": code, "NUTS_NAME": name, "LEVL_CODE": 3},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        square("DED21", "Dresden, Kreisfreie Stadt", 13.5),
        square("DED51", "Leipzig, Kreisfreie Stadt", 12.3),
        square("DED53", "Nordsachsen", 12.8),
        square("DED2D", "Görlitz", 14.5),
    ],
}

BUILDERS = {
    "timeseries": (employment, lambda frame, ctx: timeseries(frame, ctx)),
    "target": (employment, lambda frame, ctx: target_chart(frame, ctx, goal_view(frame, ctx.lang))),
    "comparison": (districts, lambda frame, ctx: comparison_bars(frame, ctx)),
    "funding_timeline": (funding, lambda frame, ctx: funding_timeline(frame, ctx)),
    "funding_totals": (funding, lambda frame, ctx: totals_by_year(frame, ctx)),
    "choropleth": (districts, lambda frame, ctx: choropleth(frame, GEOJSON, ctx)),
}


def goal_view(
    frame: pd.DataFrame, lang: str = "en", target: tuple[int, float] | None = None
) -> GoalView | None:
    """What the data layer hands the figure (dashboard.charts.overview builds it from the warehouse)."""
    if (target or progress.target_from(frame)) is None:
        return None
    year, value = target or progress.target_from(frame)
    result = progress.track(frame, year, value)
    with use_locale(lang):
        rate = progress.rate_text(result.required_cagr)
        return GoalView(
            year, value, f"Goal {year}: {value:,.0f}", verdict=progress.verdict_text(result),
            verdict_kind=result.verdict, linear_path=result.linear_path, compound_path=result.compound_path,
            straight_name="Straight line to goal", compound_name=f"Constant growth to goal ({rate} a year)",
            paths_name="Paths to the goal", notes=("Paths: straight (dashed) or constant growth (dotted).",),
        )  # fmt: skip


def context(lang: str = "en", **extra: object) -> ChartContext:
    settings = {"lang": lang, "title": "Microelectronics/ICT employment in Saxony", "data_as_of": AS_OF}
    return ChartContext(**{**settings, **extra})


def annotation_texts(fig: go.Figure) -> list[str]:
    return [annotation.text for annotation in fig.layout.annotations]


def hovers(fig: go.Figure) -> str:
    """Every hover as the reader sees it: a point's text inside its trace's template."""
    texts = []
    for trace in fig.data:
        if trace.hovertext is not None:
            points = [trace.hovertext] if isinstance(trace.hovertext, str) else trace.hovertext
            template = (trace.hovertemplate or "%{hovertext}").replace("<extra></extra>", "")
            texts.extend(template.replace("%{hovertext}", text) for text in points)
    return "\n".join(texts)


def trace_named(fig: go.Figure, name: str) -> go.Scatter:
    """The legend entry called `name` (helper traces hidden from the legend are skipped)."""
    matches = [trace for trace in fig.data if trace.name == name and trace.showlegend is not False]
    assert matches, f"no trace named {name!r} in {[trace.name for trace in fig.data]}"
    return matches[0]


# --- every builder -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILDERS)
def test_english_figure_is_framed_for_export(name):
    make, build = BUILDERS[name]
    fig = build(make(), context("en"))
    texts = annotation_texts(fig)
    assert fig.layout.title.text == "Microelectronics/ICT employment in Saxony"
    assert fig.layout.title.subtitle.text  # unit and period
    assert any(text.startswith(("Source: ", "Sources: ")) for text in texts)
    assert "Data as of 26 Nov 2026" in texts
    assert fig.layout.separators == ".,"
    assert "Microelectronics/ICT employment in Saxony" in summary_of(fig)
    fig.to_json()  # serialisable for dcc.Graph


@pytest.mark.parametrize("name", BUILDERS)
def test_german_figure_uses_german_labels_and_separators(name):
    make, build = BUILDERS[name]
    fig = build(make(), context("de"))
    texts = annotation_texts(fig)
    assert fig.layout.separators == ",."
    assert any(text.startswith(("Quelle: ", "Quellen: ")) for text in texts)
    assert "Datenstand: 26.11.2026" in texts
    assert not any(text.startswith("Source") for text in texts)


@pytest.mark.parametrize("name", BUILDERS)
def test_empty_frame_gives_an_empty_figure_with_a_message(name):
    make, build = BUILDERS[name]
    for frame in (make().iloc[0:0], make().assign(value=float("nan"))):
        fig = build(frame, context("de"))
        assert "Keine Daten für diese Auswahl." in annotation_texts(fig)
        assert "Keine Daten" in summary_of(fig)
        assert "Datenstand: 26.11.2026" in annotation_texts(fig)
        assert len(fig.data) == 0


def test_caller_source_line_wins_over_the_data():
    fig = timeseries(employment(), context("en", source_line="Silicon Saxony (2024)"))
    assert "Source: Silicon Saxony (2024)" in annotation_texts(fig)


def test_empty_figure_directly():
    fig = empty_figure("Nothing here", ChartContext(title="T", source_line="X"))
    assert "Nothing here" in annotation_texts(fig)
    assert "Source: X" in annotation_texts(fig)
    assert summary_of(fig) == "T: Nothing here"


# --- time series -------------------------------------------------------------------------------


def test_timeseries_hover_shows_exact_value_qualifier_and_source():
    en = hovers(timeseries(employment(), context("en")))
    assert "more than 60,000 persons" in en
    assert "2023: 81,000 persons" in en
    assert "Source: Silicon Saxony Day 2024" in en
    de = hovers(timeseries(employment(), context("de")))
    assert "mehr als 60.000 Beschäftigte" in de
    assert "rund 64.000" in de
    assert "Quelle: SMWA" in de


def test_timeseries_summary_for_screen_readers():
    fig = timeseries(employment().query("status == 'actual'"), context("en"))
    assert summary_of(fig) == (
        "Line chart: Microelectronics/ICT employment in Saxony, 2012–2023, from 51,660 to 81,000 persons"
    )
    assert fig.layout.title.subtitle.text == "Persons, 2012–2023"


def test_statuses_are_drawn_differently():
    frame = pd.concat([employment(), pd.DataFrame([obs("2024", 83_000, status="provisional")])])
    fig = timeseries(frame, context("en"))
    actual = trace_named(fig, "Total")
    assert actual.mode == "lines+markers" and actual.line.dash is None
    provisional = trace_named(fig, "Total (provisional)")
    assert provisional.marker.symbol == "circle-open"
    dashed = [trace for trace in fig.data if trace.line.dash == "dash"]
    assert dashed and dashed[0].showlegend is False
    assert trace_named(fig, "Total (target)").marker.symbol == "star"
    assert "provisional" in hovers(fig)


def test_timeseries_marks_a_break_between_the_points_it_separates():
    marks = [SeriesBreak(pd.Timestamp("2017-01-01"), "2017: counted by another producer")]
    fig = timeseries(employment(), context("de"), breaks=marks)
    line = fig.layout.shapes[0]
    assert pd.Timestamp(line.x0) == pd.Timestamp("2016-07-02")  # between the 2016 and 2017 points
    label = next(a for a in fig.layout.annotations if (a.name or "").startswith("break"))
    assert label.text == "Reihenbruch" and label.hovertext == "2017: counted by another producer"
    assert "1 Bruch in der Reihe" in summary_of(fig)


def test_timeseries_leaves_out_breaks_outside_the_drawn_points():
    marks = [
        SeriesBreak(pd.Timestamp("2040-01-01"), "later"),
        SeriesBreak(pd.Timestamp("2000-01-01"), "earlier"),
    ]
    fig = timeseries(employment(), context("en"), breaks=marks)
    assert not fig.layout.shapes and "break" not in summary_of(fig)


def test_timeseries_years_are_whole_years():
    fig = timeseries(employment(), context("en"))
    assert fig.layout.xaxis.tickformat == "%Y"
    assert fig.layout.xaxis.dtick.startswith("M") and int(fig.layout.xaxis.dtick[1:]) % 12 == 0
    assert fig.layout.yaxis.title.text == "persons"
    assert timeseries(employment(), context("de")).layout.yaxis.title.text == "Beschäftigte"


def test_timeseries_colours_by_breakdown_source_or_region():
    frame = pd.concat([employment(), pd.DataFrame([obs("2023", 40_000, breakdown="software")])])
    fig = timeseries(frame, context("de"), labels={"software": "Software"})
    names = {trace.name for trace in fig.data}
    assert {"Gesamt", "Software"} <= names
    assert len({trace.line.color for trace in fig.data if trace.name in ("Gesamt", "Software")}) == 2
    by_source = timeseries(employment(), context("en"), by="source")
    assert "Silicon Saxony Day 2024" in {trace.name for trace in by_source.data}
    with pytest.raises(ValueError, match="by must be one of"):
        timeseries(employment(), context("en"), by="colour")


def test_money_series_are_scaled_on_the_axis_but_exact_in_the_hover():
    frame = pd.DataFrame([obs("2022", 3.5e6, unit="EUR"), obs("2023", 4.2e6, unit="EUR", qualifier="up_to")])
    fig = timeseries(frame, context("en"))
    assert fig.layout.yaxis.title.text == "€ million"
    assert list(fig.data[0].y) == pytest.approx([3.5, 4.2])
    assert "up to €4,200,000" in hovers(fig)
    assert "bis zu 4.200.000 €" in plain(hovers(timeseries(frame, context("de"))))


# --- target ------------------------------------------------------------------------------------


def test_target_chart_draws_goal_paths_and_verdict_as_the_view_says():
    fig = target_chart(employment(), context("en"), goal_view(employment()))
    goal = next(trace for trace in fig.data if trace.name == "Goal 2030: 100,000")
    assert goal.marker.symbol == "star" and list(goal.x) == [2030] and goal.showlegend is False
    straight, compound = (trace for trace in fig.data if trace.legendgroup == "paths")
    assert straight.line.dash == "dash" and compound.line.dash == "dot"
    for path in (straight, compound):
        assert (path.x[0], path.y[0]) == (2023, pytest.approx(81_000))
        assert (path.x[-1], path.y[-1]) == (2030, pytest.approx(100_000))
    assert "Constant growth to goal (3.1% a year)" in hovers(fig)  # each path keeps its own hover name
    texts = annotation_texts(fig)
    assert any(text.endswith("on track.") for text in texts)
    assert (
        "<b>Goal 2030: 100,000</b>" in texts
        and "Paths: straight (dashed) or constant growth (dotted)." in texts
    )
    assert "on track" in summary_of(fig)


def test_the_two_paths_take_one_legend_entry():
    fig = target_chart(employment(), context("en"), goal_view(employment()))
    assert [trace.name for trace in fig.data if trace.showlegend is not False] == [
        "Actual",
        "Paths to the goal",
    ]


def test_target_chart_draws_no_goal_row_as_a_point_and_uses_whole_year_ticks():
    fig = target_chart(employment(), context("en"), goal_view(employment()))
    actual = trace_named(fig, "Actual")
    assert list(actual.x) == [2012, 2016, 2017, 2020, 2022, 2023]
    assert fig.layout.xaxis.tickformat == "d"
    assert float(fig.layout.xaxis.dtick).is_integer()


def test_german_target_chart_uses_german_separators_and_hovers():
    fig = target_chart(employment(), context("de"), goal_view(employment(), "de"))
    assert fig.layout.separators == ",."
    assert "mehr als 60.000 Beschäftigte" in hovers(fig)


def test_target_chart_without_a_goal_says_so():
    fig = target_chart(employment().query("status == 'actual'"), context("en"), None)
    assert "No target set for this indicator." in annotation_texts(fig)


def test_target_chart_with_one_actual_still_shows_the_goal():
    frame = pd.DataFrame([obs("2023", 81_000), obs("2030", 100_000, status="target")])
    fig = target_chart(frame, context("en"), goal_view(frame))
    assert any(trace.name == "Goal 2030: 100,000" for trace in fig.data)
    assert any("Not enough data" in text for text in annotation_texts(fig))


def test_a_date_of_month_precision_is_shown_as_a_month():
    fig = target_chart(employment(), context("en", data_as_of="2024-06"), goal_view(employment()))
    assert "Data as of June 2024" in annotation_texts(fig)
    fig = target_chart(employment(), context("de", data_as_of="2024-06-11"), goal_view(employment(), "de"))
    assert "Datenstand: 11.06.2024" in annotation_texts(fig)


# --- comparison --------------------------------------------------------------------------------


def region_labels(fig: go.Figure) -> list[str]:
    """The names written above the bars, bottom to top."""
    return [a.text for a in fig.layout.annotations if (a.name or "").startswith("region-")]


def test_comparison_bars_are_sorted_labelled_and_highlighted():
    names = {"DED21": "Dresden", "DED51": "Leipzig", "DED53": "Nordsachsen"}
    fig = comparison_bars(districts(), context("de"), highlight="DED21", labels=names)
    bars = fig.data[0]
    assert list(bars.y) == ["Nordsachsen", "Dresden", "Leipzig"]  # largest drawn on top
    assert list(bars.text) == ["199.422", "564.904", "611.850"]
    colors = dict(zip(bars.y, bars.marker.color, strict=True))
    assert colors["Dresden"] != colors["Leipzig"] == colors["Nordsachsen"]
    assert "höchster Wert Leipzig (611.850)" in summary_of(fig)
    assert "Dresden" in hovers(fig) and "564.904" in hovers(fig)


def test_comparison_names_stand_above_the_bars_and_none_is_dropped():
    """Tick labels thin out on a phone; names written above each bar never do, and leave the bars
    the whole width (no left margin kept for labels)."""
    names = {"DED21": "Dresden, Kreisfreie Stadt", "DED51": "Leipzig", "DED53": "Nordsachsen"}
    fig = comparison_bars(districts(), context("en"), highlight="DED21", labels=names)
    assert fig.layout.yaxis.showticklabels is False
    assert region_labels(fig) == ["Nordsachsen", "<b>Dresden, Kreisfreie Stadt</b>", "Leipzig"]
    assert [a.y for a in fig.layout.annotations if (a.name or "").startswith("region-")] == pytest.approx(
        [0.275, 1.275, 2.275]
    )  # just above each bar, in the gap between rows
    assert fig.layout.margin.l <= 20


def test_comparison_wraps_long_names_and_gives_them_room():
    long = {"DED21": "Sächsische Schweiz-Osterzgebirge, Landkreis, a name longer than a phone"}
    short = comparison_bars(districts(), context("en"))
    wrapped = comparison_bars(districts(), context("en"), labels=long)
    assert any("<br>" in text for text in region_labels(wrapped))
    assert wrapped.layout.height > short.layout.height


def test_comparison_marks_secondary_sources():
    frame = districts().assign(source_kind=["official", "secondary", "press"])
    fig = comparison_bars(frame, context("en"), labels={"DED51": "Leipzig"})
    assert "Leipzig · <i>secondary source</i>" in region_labels(fig)
    patterns = dict(zip(fig.data[0].y, fig.data[0].marker.pattern.shape, strict=True))
    assert patterns["Leipzig"] == "/" and patterns["DED21"] == ""
    assert "1 figure from a secondary source" in summary_of(fig)


def test_comparison_shows_one_bar_per_region():
    frame = pd.concat([districts(), pd.DataFrame([obs("2023", 1.0, region="DED21", unit="count")])])
    assert len(comparison_bars(frame, context("en")).data[0].y) == 3


# --- sparkline ---------------------------------------------------------------------------------


def spark_points(spark) -> list[tuple[float, float]]:
    found = re.search(r'points="([^"]+)"', spark.svg)
    return [tuple(map(float, point.split(","))) for point in found[1].split()]


def test_sparkline_draws_the_observed_values_rising_and_marks_the_last():
    spark = sparkline(employment(), "de")
    points = spark_points(spark)
    observed = employment().query("status == 'actual'").sort_values("period")
    assert len(points) == len(observed)  # the 2030 target is not drawn
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert xs == sorted(xs)  # in time order, spaced by time
    assert ys[-1] == min(ys)  # SVG counts y downwards: the highest value, 81,000, is drawn at the top
    assert ys[0] == max(ys)  # 51,660, the lowest, at the bottom
    dot = re.search(r'<path d="M([\d.]+) ([\d.]+)h0"', spark.svg)
    assert (float(dot[1]), float(dot[2])) == points[-1]  # the dot on the last point
    assert "<text" not in spark.svg  # no axes, no labels: the card says the numbers
    assert spark.summary == "2012–2023: von 51.660 auf 81.000 Beschäftigte"
    assert spark.src.startswith("data:image/svg+xml,%3Csvg")


def test_empty_sparkline():
    spark = sparkline(employment().iloc[0:0], "en")
    assert spark.svg == ""
    assert spark.summary == "No data for this selection."


# --- funding -----------------------------------------------------------------------------------


KINDS = {
    "funding.state_aid_eur": "public",
    "funding.public_eur": "public",
    "investment.total_eur": "investment",
}
KIND_NAMES = {"investment": "Investments", "public": "Public funding"}


def bubble_traces(fig: go.Figure) -> dict[str, go.Scatter]:
    """The bubbles per kind (drawn as one trace per kind, entity and source), merged into one trace."""
    merged: dict[str, go.Scatter] = {}
    for trace in fig.data:
        if trace.showlegend is not False or trace.name == "size-key":
            continue
        if trace.name not in merged:
            merged[trace.name] = go.Scatter(trace)
            continue
        into = merged[trace.name]
        into.update(x=[*into.x, *trace.x], y=[*into.y, *trace.y], text=[*into.text, *trace.text])
        into.marker.update(
            size=[*into.marker.size, *trace.marker.size], symbol=[*into.marker.symbol, *trace.marker.symbol]
        )
    return merged


def test_funding_timeline_bubbles_by_kind_with_announcements_open():
    labels = {"esmc": "ESMC", "smart-systems-hub": "Smart Systems Hub", "globalfoundries": "GlobalFoundries"}
    fig = funding_timeline(funding(), context("en"), labels=labels, kinds=KINDS, kind_labels=KIND_NAMES)
    investment = bubble_traces(fig)["Investments"]
    assert investment.marker.sizemode == "area"
    assert list(investment.marker.symbol) == ["circle-open", "circle-open"]  # announcements
    assert set(investment.y) == {-1, -2}  # earliest first: the Smart Systems Hub (2023-01) on top
    rows = [a.text for a in fig.layout.annotations if (a.name or "").startswith("row-")]
    assert rows == ["Smart Systems Hub", "ESMC", "GlobalFoundries"]
    assert "more than €10bn" in investment.text
    text = hovers(fig)
    assert "more than €10,000,000,000" in text and "announcement" in text
    assert "up to €4,200,000" in text
    # each hover names its entity and source once per trace (one trace per kind, entity and source)
    assert all(line.startswith("<b>") and "Source: " in line for line in text.split("\n"))
    assert "<b>ESMC</b><br>" in text
    de = funding_timeline(funding(), context("de"), labels=labels, kinds=KINDS, kind_labels=KIND_NAMES)
    assert any("bis zu 4,2 Mio. €" in plain(text) for t in de.data for text in (t.text or []))


def test_funding_timeline_size_key_shares_the_bubbles_scale():
    fig = funding_timeline(funding(), context("en"), kinds=KINDS, kind_labels=KIND_NAMES)
    key = next(trace for trace in fig.data if trace.name == "size-key")
    assert list(key.text) == ["€100m", "€1bn", "€10bn"] and key.xaxis == "x2"
    assert key.marker.sizeref == bubble_traces(fig)["Investments"].marker.sizeref
    assert fig.layout.height > 300 and fig.layout.yaxis.showticklabels is False


def test_key_amounts_are_round():
    assert key_amounts(10e9) == [100e6, 1e9, 10e9]
    assert key_amounts(2.1e9) == [20e6, 200e6, 2e9]
    assert key_amounts(7.3e6) == [50e3, 500e3, 5e6]
    assert key_amounts(0) == []


def test_amount_labels_go_where_there_is_room():
    x = pd.to_datetime(pd.Series(["2017-01-01", "2023-01-01", "2023-01-01", "2024-01-01", "2025-01-01"]))
    row = pd.Series([0, -1, -1, -1, -2])
    value = pd.Series([1e9, 2.2e9, 8e8, 1.8e9, 1e10])
    assert label_positions(x, row, value, edge=0.1).tolist() == [
        "middle right",  # room on the right
        "middle left",  # the next bubble is a year away: left (the smaller one at the same date is inside)
        "",
        "",  # not the largest of its row
        "middle left",  # at the right edge
    ]
    assert label_positions(x, row, value, count=1, edge=0.1).tolist() == ["", "", "", "", "middle left"]


def test_funding_ignores_non_money_rows():
    frame = pd.concat([funding(), pd.DataFrame([obs("2024", 2_000, unit="jobs", breakdown="esmc")])])
    assert "2,000" not in hovers(funding_timeline(frame, context("en")))


def test_jobs_bars_label_each_projects_figure_and_year():
    rows = pd.DataFrame(
        [
            obs("2023-08-08", 2_000, unit="jobs", breakdown="esmc", qualifier="about", status="announcement"),
            obs("2022", 1_000, unit="jobs", breakdown="infineon", qualifier="up_to", status="announcement"),
        ]
    )
    fig = jobs_bars(rows, context("de"), labels={"esmc": "ESMC", "infineon": "Infineon"})
    assert list(fig.data[0].text) == ["rund 2.000 (2023)", "bis zu 1.000 (2022)"]
    assert [a.text for a in fig.layout.annotations if (a.name or "").startswith("row-")] == [
        "ESMC",
        "Infineon",
    ]


def test_totals_by_year_stack_and_flag_bounds():
    fig = totals_by_year(funding(), context("en"), color_by="status")
    assert fig.layout.barmode == "stack"
    assert fig.layout.yaxis.title.text == "€ billion"
    announced = trace_named(fig, "Announcement")
    assert dict(zip(announced.x, announced.y, strict=True)) == {
        "2023": pytest.approx(10.0),
        "2024": pytest.approx(1.1),
    }
    actual = trace_named(fig, "Actual")
    assert dict(zip(actual.x, actual.y, strict=True)) == {
        "2023": pytest.approx(0.0042),
        "2024": pytest.approx(5.0),
    }
    assert "includes approximate or bound figures" in hovers(fig)
    assert "€16.1bn" in summary_of(fig)
    with pytest.raises(ValueError, match="color_by"):
        totals_by_year(funding(), context("de"), color_by="size")


def test_totals_by_year_keep_years_without_figures_and_say_what_they_add():
    rows = funding().assign(entries=[2, 1, 1, 3])
    rows.loc[0, "period"] = "2020"
    rows.loc[0, "period_start"] = "2020-01-01"
    fig = totals_by_year(rows, replace(context("en"), subtitle="3 decisions for 2 companies"))
    assert list(fig.layout.xaxis.categoryarray) == ["2020", "2021", "2022", "2023", "2024"]
    assert fig.layout.title.subtitle.text == "€ billion: 3 decisions for 2 companies"
    assert "2 entries" in hovers(fig)  # rows that are sums count their figures


# --- choropleth --------------------------------------------------------------------------------

NOTICE = "© EuroGeographics for the administrative boundaries"


def coloured(fig: go.Figure) -> list:
    return [trace for trace in fig.data if trace.type == "choropleth" and trace.showscale is not False]


def _rings(geometry: dict) -> list:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def test_choropleth_draws_districts_without_tiles():
    fig = choropleth(districts(), GEOJSON, context("en"), attribution=[NOTICE])
    data = coloured(fig)
    assert len(data) == 1
    assert data[0].featureidkey == "properties.NUTS_ID"
    assert set(data[0].locations) == {"DED21", "DED51", "DED53"}
    # The districts' box fills the map: every boundary point inside the ranges, little rim around.
    (west, east), (south, north) = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    points = [p for f in GEOJSON["features"] for ring in _rings(f["geometry"]) for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    assert west < min(lons) and max(lons) < east and south < min(lats) and max(lats) < north
    assert (east - west) < 1.1 * (max(lons) - min(lons)) and fig.layout.geo.fitbounds is False
    assert fig.layout.geo.visible is False
    assert not any(trace.type in ("choroplethmap", "choroplethmapbox") for trace in fig.data)
    assert NOTICE in annotation_texts(fig)
    assert "Dresden, Kreisfreie Stadt" in hovers(fig) and "564,904" in hovers(fig)


def test_choropleth_footer_carries_the_callers_attribution_only():
    fig = choropleth(districts(), GEOJSON, context("en"), attribution=["SYNTHETIC boundaries"])
    assert "SYNTHETIC boundaries" in annotation_texts(fig)
    assert not any("EuroGeographics" in text for text in annotation_texts(fig))


def test_choropleth_shows_districts_without_data_in_grey():
    fig = choropleth(districts(), GEOJSON, context("de"))
    missing = [trace for trace in fig.data if trace.type == "choropleth" and trace.showscale is False]
    assert len(missing) == 1 and list(missing[0].locations) == ["DED2D"]
    assert "keine Daten" in hovers(fig)


def test_choropleth_keeps_its_colour_bar_under_the_map():
    bar = coloured(choropleth(districts(), GEOJSON, context("en"))).pop().colorbar
    assert bar.orientation == "h" and bar.yanchor == "bottom"
    assert choropleth(districts(), GEOJSON, context("en")).layout.geo.domain.y[0] > 0  # room for it


def test_choropleth_labels_districts_and_outlines_the_highlighted_one():
    points = [("DED21", 13.7, 51.2), ("DED51", 12.5, 51.3), ("DEZZZ", 1.0, 1.0)]
    fig = choropleth(
        districts(),
        GEOJSON,
        context("en"),
        highlight="DED21",
        label_points=points,
        short_labels={"DED21": "Dresden"},
    )
    labels = next(trace for trace in fig.data if trace.type == "scattergeo")
    assert list(labels.text) == ["<b>Dresden</b>", "Leipzig,<br>Kreisfreie Stadt"]  # unknown codes left out
    outline = next(trace for trace in fig.data if trace.name == "highlight")
    assert list(outline.locations) == ["DED21"] and outline.marker.line.width >= 2
    assert outline.hoverinfo == "skip"


def test_choropleth_ignores_regions_missing_from_the_geojson():
    frame = pd.concat([districts(), pd.DataFrame([obs("2024", 5.0, region="DEZZZ", unit="count")])])
    fig = choropleth(frame, GEOJSON, context("en"))
    assert "DEZZZ" not in {code for trace in fig.data for code in trace.locations}
    only_unknown = choropleth(frame.query("region == 'DEZZZ'"), GEOJSON, context("en"))
    assert "No data for this selection." in annotation_texts(only_unknown)


# --- config and purity -------------------------------------------------------------------------


def test_graph_config_exports_with_footer_room():
    config = graph_config("de-DE", "jobs-saxony")
    assert config["locale"] == "de"
    assert config["toImageButtonOptions"]["filename"] == "jobs-saxony"
    assert config["displaylogo"] is False


ALLOWED_IMPORTS = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "decimal",
    "functools",
    "math",
    "textwrap",
    "typing",
    "urllib",  # quoting an SVG into a data: URL (the sparkline)
    "numpy",
    "pandas",
    "plotly",
    "dashboard",
}
ALLOWED_DASHBOARD = {"dashboard", "dashboard.i18n", "dashboard.figures"}
ALLOWED_IMPORTS |= {"etl"}  # etl.vocabulary: statuses and units, defined once


def test_figure_builders_use_only_the_vocabulary_of_etl():
    for path in sorted(FIGURES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        etl = {
            n.module
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("etl")
        }
        assert etl <= {"etl.vocabulary"}, path.name


@pytest.mark.parametrize("path", sorted(FIGURES_DIR.glob("*.py")), ids=lambda path: path.name)
def test_figure_builders_import_only_pandas_plotly_and_our_format_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        else:
            continue
        for module in modules:
            assert module.split(".")[0] in ALLOWED_IMPORTS, f"{path.name} imports {module}"
            if module.startswith("dashboard"):
                assert module.startswith("dashboard.figures") or module in ALLOWED_DASHBOARD, module


def test_target_chart_counts_provisional_values_but_marks_them():
    frame = pd.concat([employment(), pd.DataFrame([obs("2024", 83_000, status="provisional")])])
    fig = target_chart(frame, context("en"), goal_view(frame))
    actual = trace_named(fig, "Actual")
    assert list(actual.x)[-1] == 2024
    symbols = list(actual.marker.symbol)
    assert (symbols[0], symbols[-1]) == ("circle", "circle-open")
    assert "provisional" in hovers(fig)


# --- hovers of many points ---------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["EUR", "percent", "persons", "", "year", "count", "companies"])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_hover_numbers_of_many_points_equal_format_value(unit, lang):
    from dashboard.figures.hover import numbers
    from dashboard.i18n import format_value

    values = [0, -0.001, 0.004, 2.675, 12.685, 1234.5, -1500, 4_200_000, 81_000, 3.14, -2.5, 0.125, 2018.0]
    values += [round(17_000_003.7 * k / 97, k % 4) for k in range(-40, 60)]
    expected = [format_value(v, unit, lang, compact=False, with_unit=True) for v in values]
    assert numbers(pd.Series([*values, float("nan")]), unit, lang).tolist() == [*expected, "–"]
