"""Moved to dashboard.data.progress (the data layer). This name stays for the modules that still import
it (the funding page and figure use `years_of`) until they move too."""

from dashboard.data.progress import (
    GROWTH_WINDOW_YEARS,
    NOT_ACTUAL,
    Progress,
    annual_actuals,
    cagr,
    change_bound,
    target_from,
    track,
    years_of,
)

__all__ = [
    "GROWTH_WINDOW_YEARS",
    "NOT_ACTUAL",
    "Progress",
    "annual_actuals",
    "cagr",
    "change_bound",
    "target_from",
    "track",
    "years_of",
]
