"""Pure figure builders: observations DataFrame + ChartContext in, plotly Figure out.

They import only pandas, plotly and dashboard.i18n, never touch files or the
database, and burn title, source and data-as-of date into every figure so exports carry them.
"""

from dashboard.figures.choropleth import OFFLINE_GEO_ASSETS_JS, choropleth
from dashboard.figures.comparison import comparison_bars
from dashboard.figures.funding import funding_timeline, totals_by_year
from dashboard.figures.sparkline import sparkline
from dashboard.figures.target import target_chart
from dashboard.figures.theme import ChartContext, apply_frame, empty_figure, graph_config, summary_of
from dashboard.figures.timeseries import SeriesBreak, timeseries

__all__ = [
    "OFFLINE_GEO_ASSETS_JS",
    "ChartContext",
    "SeriesBreak",
    "apply_frame",
    "choropleth",
    "comparison_bars",
    "empty_figure",
    "funding_timeline",
    "graph_config",
    "sparkline",
    "summary_of",
    "target_chart",
    "timeseries",
    "totals_by_year",
]
