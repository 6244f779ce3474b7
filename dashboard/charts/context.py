"""What every chart says about itself besides its data: title, subtitle, unit, data date."""

from __future__ import annotations

import pandas as pd

from dashboard.data import dates
from dashboard.figures import ChartContext
from dashboard.i18n import current


def chart_context(
    lang: str | None,
    title: str,
    subtitle: str = "",
    unit_label: str = "",
    *,
    rows: pd.DataFrame | None = None,
) -> ChartContext:
    """A ChartContext in the reader's language (`lang` None: the request's), dated with the latest
    publication or retrieval date of `rows`, the observations the chart shows (dashboard.data.dates).
    Without rows, the latest date of all current data."""
    as_of = dates.latest(rows) if rows is not None else dates.site_latest()
    return ChartContext(lang or current(), title, subtitle, unit_label, data_as_of=as_of)
