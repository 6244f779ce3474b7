"""Citations and file names for charts (pure).

A citation is one line a journalist can paste, in the style Our World in Data uses,

    Test Cluster e. V. and others (2024), processed by Regiometer, <permalink>, retrieved <date>

then, below it, every source of the chart for those who want them. The line holds two placeholders,
PERMALINK and RETRIEVED: the share panel fills them in the browser (the page knows its URL and the
reader's day; a cached page does not), the exports with `fill()`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.i18n import format_date, t

PERMALINK = "{permalink}"
RETRIEVED = "{retrieved}"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def period_span(frame: pd.DataFrame) -> str:
    """'2012-2023' from the years the chart shows ('' if none)."""
    if frame.empty or "period_start" not in frame:
        return ""
    years = pd.to_datetime(frame["period_start"]).dt.year
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else f"{first}-{last}"


def filename(*parts: str) -> str:
    return "-".join(p for p in (slugify(part) for part in parts) if p)


@dataclass(frozen=True)
class CitedSource:
    """One publication behind a chart."""

    publisher: str
    title: str
    published: str = ""  # ISO date or year as the catalog has it
    url: str = ""
    licence: str = ""
    rows: int = 0  # how many of the chart's rows it gives

    @property
    def year(self) -> str:
        return self.published[:4] if self.published[:4].isdigit() else ""


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str).str.strip()


def sources_of(frame: pd.DataFrame | None) -> list[CitedSource]:
    """The distinct publications of the frame's rows, the newest first (they carry the latest figures)."""
    if frame is None or frame.empty or "publisher" not in frame:
        return []
    columns = ("publisher", "source_title", "published", "source_url", "licence")
    table = pd.DataFrame({column: _text(frame, column) for column in columns})
    table = table[(table["publisher"] != "") & (table["publisher"] != "nan")]
    if table.empty:
        return []
    counted = table.groupby(list(columns), sort=False).size().reset_index(name="rows")
    counted = counted.sort_values(["published", "publisher"], ascending=[False, True], kind="stable")
    return [  # one per publication: a handful, not the data
        CitedSource(
            r["publisher"], r["source_title"], r["published"], r["source_url"], r["licence"], int(r["rows"])
        )
        for r in counted.to_dict("records")
    ]


def _lead(sources: list[CitedSource], lang: str) -> str:
    """'A', 'A and B' or 'A and others': the publisher giving most rows first (the newest on a tie)."""
    rows: dict[str, int] = {}
    for source in sources:  # newest first, so the first of equal counts is the newest
        rows[source.publisher] = rows.get(source.publisher, 0) + source.rows
    publishers = sorted(rows, key=lambda name: -rows[name])
    if len(publishers) == 1:
        return publishers[0]
    if len(publishers) == 2:
        return t("cite.two", lang, first=publishers[0], second=publishers[1])
    return t("cite.and_others", lang, first=publishers[0])


def cite_line(frame: pd.DataFrame | None, lang: str) -> str:
    """'Publisher and others (2024), processed by Regiometer, {permalink}, retrieved {retrieved}'."""
    sources = sources_of(frame)
    if not sources:
        return t("cite.line_no_sources", lang, permalink=PERMALINK, retrieved=RETRIEVED)
    years = [source.year for source in sources if source.year]
    return t(
        "cite.line",
        lang,
        publishers=_lead(sources, lang),
        year=max(years) if years else t("cite.no_year", lang),
        permalink=PERMALINK,
        retrieved=RETRIEVED,
    )


def source_entry(source: CitedSource, lang: str) -> str:
    """'Publisher (2024): Title. https://... Licence: CC BY 4.0.'"""
    year = source.year or t("cite.no_year", lang)
    licence = t("cite.licence", lang, licence=source.licence or t("cite.no_licence", lang))
    parts = [f"{source.publisher} ({year}): {source.title}".rstrip(": "), source.url, licence]
    return ". ".join(part.rstrip(".") for part in parts if part) + "."


def source_list(frame: pd.DataFrame | None, lang: str) -> list[str]:
    return [source_entry(source, lang) for source in sources_of(frame)]


def citation(frame: pd.DataFrame | None, title: str = "", lang: str = "en") -> str:
    """The pasteable line, then every source of the chart, one per line (`title` is the chart's:
    the exports put it above the citation)."""
    entries = source_list(frame, lang)
    if not entries:
        return cite_line(frame, lang)
    return "\n".join(
        [cite_line(frame, lang), "", f"{t('cite.sources', lang)}:", *(f"- {e}" for e in entries)]
    )


def fill(text: str, permalink: str, retrieved: date, lang: str) -> str:
    """The citation with its link and retrieval date (exports; the share panel does this in the browser)."""
    return text.replace(PERMALINK, permalink).replace(RETRIEVED, format_date(retrieved, lang))


def first_line(text: str) -> str:
    return text.split("\n", 1)[0]
