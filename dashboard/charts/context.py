"""What every chart says about itself besides its data: title, subtitle, unit, data date."""

from __future__ import annotations

from dashboard import data
from dashboard.figures import ChartContext
from dashboard.i18n import current


def chart_context(lang: str | None, title: str, subtitle: str = "", unit_label: str = "") -> ChartContext:
    """A ChartContext in the reader's language, dated with the warehouse's last import."""
    as_of = data.last_import()
    return ChartContext(
        lang or current(), title, subtitle, unit_label, data_as_of=as_of.date() if as_of else None
    )
