"""Who published a figure: the kind of each source (official statistics, public body, association,
company, press, secondary source; etl.vocabulary.SOURCE_KINDS) and what follows from it. Pages show
every source's kind and mark secondary sources; comparisons prefer the more direct kinds."""

from __future__ import annotations

import pandas as pd

from dashboard.data.warehouse import catalog
from etl.vocabulary import SOURCE_KINDS

SECONDARY = "secondary"


def kind_of(slug: str) -> str:
    """The catalog's kind of a source ('' if unknown)."""
    row = catalog().sources.get(str(slug))
    kind = str(row.kind) if row else ""
    return kind if kind in SOURCE_KINDS else ""


def with_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with source_kind (kept when a query already gave it)."""
    if "source_kind" in frame or "source" not in frame:
        return frame
    kinds = {slug: kind_of(slug) for slug in frame["source"].astype(str).unique()}
    return frame.assign(source_kind=frame["source"].astype(str).map(kinds).fillna(""))


def secondary(frame: pd.DataFrame) -> pd.Series:
    """True for the rows whose source is a secondary one (a report about a report)."""
    return with_kinds(frame)["source_kind"].astype(str).eq(SECONDARY)
