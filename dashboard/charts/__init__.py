"""Named, shareable charts: one builder per chart serves the page, /export and /embed.

`registry` holds the builders, `citation` the file names and citations; the chart modules of each
page register themselves when `dashboard.charts.load_all()` imports them.
"""

from dashboard.charts.registry import (
    DATA_COLUMNS,
    DERIVED_COLUMNS,
    ChartOutput,
    names,
    page_of,
    register,
    render,
)

__all__ = ["DATA_COLUMNS", "DERIVED_COLUMNS", "ChartOutput", "names", "page_of", "register", "render"]
