"""The named charts of /employment: the association's series by field and one official statistic
(page, /export and /embed draw the same)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import pandas as pd

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.charts.context import chart_context
from dashboard.data import employment as model
from dashboard.data.cache import cached
from dashboard.data.employment import JobsView
from dashboard.figures import SeriesBreak, empty_figure, timeseries
from dashboard.figures.legend import inside_legend
from dashboard.figures.theme import source_names
from dashboard.i18n import current, t, use_locale

JOBS, OFFICIAL = "employment-jobs", "employment-official"


def _place(region: str) -> str:
    with use_locale("en"):
        return data.label("regions", region).split("(")[0]


def filename(region: str, what: str, rows: pd.DataFrame, per1000: bool) -> str:
    """<place>-ict-employment-by-field-2012-2023, <place>-software-employment-per-1000-2014-2023."""
    return citation.filename(_place(region), what, "per-1000" if per1000 else "", citation.period_span(rows))


def jobs_what(tokens: tuple[str, ...]) -> str:
    """What the series are, for file names: one series by name, several 'by field'."""
    goal = data.pack().goal
    base = goal.file_name if goal and goal.indicator == model.jobs_indicator() else "employment"
    if len(tokens) > 1:
        return f"{base}-by-field"
    return base if not tokens or model.slug(tokens[0]) == "" else f"{tokens[0]}-employment"


def jobs_title(region: str) -> str:
    indicator = data.label("indicators", model.jobs_indicator())
    return t("employment.title", indicator=indicator, region=data.label("regions", region))


def official_title(region: str, indicator: str = "") -> str:
    if not indicator:
        return t("employment.official_heading_region", region=data.label("regions", region))
    return t(
        "employment.title",
        indicator=data.label("indicators", indicator),
        region=data.label("regions", region),
    )


def message(text: str, title: str, name: str) -> charts.ChartOutput:
    """A chart that says why it has nothing to draw (and an empty data file)."""
    figure = empty_figure(text, chart_context(current(), title))
    return charts.ChartOutput(figure, data.empty(), name, title)


def no_population_text(region: str) -> str:
    return t("employment.no_population", region=data.label("regions", region))


def _framed(result: model.Scaled, title: str, per1000: bool):
    ctx = chart_context(current(), title, result.subtitle, t("common.per_1000") if per1000 else "")
    # Per 1,000 the population is a source too, and the burned-in source line must say so.
    return replace(ctx, source_line="; ".join(source_names(result.sources)))


def jobs_output(view: JobsView) -> charts.ChartOutput | None:
    """The jobs chart and the rows it shows; None when per 1,000 is asked and there is no population."""
    title = jobs_title(view.region)
    if not view.tokens:
        return message(t("employment.pick_series"), title, "employment")
    result = model.scaled(model.job_rows(view), view.region, view.per1000)
    if result is None:
        return None
    labels = {model.slug(token): model.series_label(token) for token in model.tokens()}
    marks = model.breaks(model.jobs_indicator(), view.region, tuple(model.slug(tok) for tok in view.tokens))
    figure = timeseries(
        result.rows,
        _framed(result, title, view.per1000),
        by="breakdown",
        labels=labels,
        breaks=[SeriesBreak(start, text) for start, text in marks],
    )
    figure = inside_legend(figure)
    measured = result.rows[result.rows["status"] != "target"]
    name = filename(view.region, jobs_what(view.tokens), measured, view.per1000)
    return charts.ChartOutput(
        figure, result.data, name, title, citation.citation(result.sources, title, current())
    )


@charts.register(JOBS)
def jobs_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """/export and /embed: the jobs chart of the view in the query string."""
    with use_locale(lang):
        view = model.view(query.get("breakdowns"), query.get("region"), query.get("measure"))
        output = jobs_output(view)
        if output is None:
            name = filename(view.region, jobs_what(view.tokens), pd.DataFrame(), True)
            return message(no_population_text(view.region), jobs_title(view.region), name)
        return output


def page_version() -> tuple:
    """What a chart drawn for the page depends on besides its view: data, language and day (the
    citation says when it was retrieved)."""
    return (*data.data_key(), current(), date.today())


@cached(page_version, budget=24 * 1024 * 1024)
def page_jobs(view: JobsView) -> charts.ChartOutput | None:
    """The jobs chart as the page shows it, drawn once per view and data version. Read-only: /export
    and /embed draw their own (an embed changes its figure's layout)."""
    return jobs_output(view)


def official_what(indicator: str) -> str:
    return f"official-{indicator.split('.')[-1].replace('_', '-')}"


def official_output(region: str, measure: str, asked: str | None) -> charts.ChartOutput | None:
    """One official statistic of the region (the URL's choice among those with a chart) and the rows
    it shows; None when per 1,000 is asked and there is no population."""
    found = model.official(region)
    indicator = model.official_choice(found, asked)
    title = official_title(region, indicator)
    if not indicator:
        return message(t("employment.official_none", region=data.label("regions", region)), title, "official")
    per1000 = measure == "per1000"
    result = model.scaled(found.rows[indicator], region, per1000)
    if result is None:
        return None
    labels = {
        str(code): data.label("entities", str(code)) if code else data.label("indicators", indicator)
        for code in found.rows[indicator]["breakdown"].unique()
    }
    figure = inside_legend(
        timeseries(result.rows, _framed(result, title, per1000), by="breakdown", labels=labels), 420
    )
    file_name = filename(region, official_what(indicator), result.rows, per1000)
    cited = citation.citation(result.sources, title, current())
    return charts.ChartOutput(figure, result.data, file_name, title, cited)


@cached(page_version, budget=24 * 1024 * 1024)
def page_official(region: str, measure: str, asked: str | None) -> charts.ChartOutput | None:
    return official_output(region, measure, asked)


@charts.register(OFFICIAL)
def official_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """/export and /embed: the official statistic of the view in the query string."""
    with use_locale(lang):
        view = model.view(query.get("breakdowns"), query.get("region"), query.get("measure"))
        output = official_output(view.region, view.measure, query.get("official"))
        if output is None:
            name = filename(view.region, "official", pd.DataFrame(), True)
            indicator = model.official_choice(model.official(view.region), query.get("official"))
            return message(no_population_text(view.region), official_title(view.region, indicator), name)
        return output
