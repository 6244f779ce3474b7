"""The product's vocabularies, defined once: statuses and their groups, qualifiers, units, entity and
source kinds. Every layer (validation, headline rule, progress, figures, pages, exports) imports them
from here, so a status can never count as "actual" in one place and not in another.
"""

from __future__ import annotations

from typing import Final

# -- statuses --------------------------------------------------------------------------------------

STATUSES: Final = ("actual", "provisional", "estimate", "target", "projection", "announcement")
# Measurements: what "latest actual" and growth rates are computed from.
MEASURED: Final = ("actual", "provisional", "estimate")
# Measurements that may still change: drawn with open markers, labelled in tables.
TENTATIVE: Final = ("provisional", "estimate")
# Statements about the future: never a measurement, never part of an actual path.
FORWARD: Final = ("target", "projection", "announcement")
GOAL: Final = "target"
# Counted, not estimated: such a value cannot be for a period that has not begun.
OBSERVED: Final = ("actual", "provisional")

# -- qualifiers: how a published figure was worded ------------------------------------------------

QUALIFIERS: Final = ("", "about", "more_than", "less_than", "up_to")
# The figure is a bound, not a value: a change computed from it is a bound too.
LOWER_BOUNDS: Final = ("more_than",)
UPPER_BOUNDS: Final = ("less_than", "up_to")

# -- units -----------------------------------------------------------------------------------------

UNITS: Final = (
    "persons",
    "companies",
    "establishments",
    "EUR",
    "percent",
    "count",
    "year",
    "wafers_per_year",
    "wafers_per_month",
    "jobs",
    "participants",
    "members",
    "partners",
    "projects",
)
MONEY_UNITS: Final = ("EUR",)
# Whole things: a fractional value of these is a typing error.
COUNT_UNITS: Final = (
    "persons",
    "companies",
    "establishments",
    "count",
    "jobs",
    "participants",
    "members",
    "partners",
    "projects",
)
# Units that cannot be negative (percent can: a change; EUR can: a correction is still a figure).
NON_NEGATIVE_UNITS: Final = (*COUNT_UNITS, "year", "wafers_per_year", "wafers_per_month")
# Rates and shares: a change by a large factor is no sign of a typing error there.
RATE_UNITS: Final = ("percent",)
# Units that are meaningful per 1,000 inhabitants.
PER_CAPITA_UNITS: Final = ("persons", "EUR", "companies")

# -- catalog kinds ---------------------------------------------------------------------------------

ENTITY_KINDS: Final = (
    "company",
    "fab",
    "cluster",
    "hub",
    "programme",
    "institute",
    "sector",
    "event",
    "initiative",
    "organisation",
)
CLUSTER_KINDS: Final = ("cluster", "hub", "initiative")
# Who wrote the cited text (data/packs/<pack>/reference/README.md, "sources.csv"), from the most to
# the least direct: official statistics, public bodies, associations, companies, the press, and
# secondary sources (reports about reports: blogs and pages that pass on what another publication said).
SOURCE_KINDS: Final = ("official", "government", "association", "company", "press", "secondary")
# Kinds that publish their own figures (primary sources); the others report figures of others.
PRIMARY_SOURCE_KINDS: Final = ("official", "government", "association", "company")
INDICATOR_CATEGORIES: Final = ("employment", "industry", "funding", "cluster", "context")
