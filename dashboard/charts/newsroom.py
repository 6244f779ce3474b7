"""The data behind a chart as a newsroom needs it: one row per value the chart draws.

Observations first, then the values the chart derives from them (`ChartOutput.derived`: paths to a
goal, a required rate ...), with names next to codes in the reader's language, the unit, status and
qualifier, the source's publisher, title, URL and licence, and its publication date. The About part
says what the file is: title, citation, permalink, sources and licences, and what each column means.

The data page's downloads and `etl export` keep the re-importable staff template (etl.exporting):
a different promise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard import data
from dashboard.charts import citation
from dashboard.charts.citation import CitedSource
from dashboard.charts.registry import DATA_COLUMNS, ChartOutput
from dashboard.i18n import format_date, status_label, t, unit_label

OBSERVATION, DERIVED = "observation", "derived"
COLUMNS = (
    "kind",
    "series",
    "indicator",
    "indicator_name",
    "region",
    "region_name",
    "breakdown",
    "breakdown_name",
    "period",
    "value",
    "unit",
    "unit_name",
    "status",
    "status_name",
    "qualifier",
    "qualifier_name",
    "note",
    "method",
    "source",
    "publisher",
    "source_title",
    "source_url",
    "licence",
    "published",
)
SOURCE_COLUMNS = ("source_title", "source_url", "licence")  # already in COLUMNS
EXTRA_COLUMNS = tuple(c for c in DATA_COLUMNS if c not in SOURCE_COLUMNS)  # value_per_1000 ...
NUMERIC_COLUMNS = ("value", "value_per_1000", "population", "year_total")


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column].astype(object)
    return values.where(values.notna(), "").astype(str).replace("nan", "")


def _names(kind: str, lang: str) -> dict[str, str]:
    return {slug: row.name(lang) or slug for slug, row in getattr(data.catalog(), kind).items()}


def _named(codes: pd.Series, names: Mapping[str, str]) -> pd.Series:
    return codes.map(names).fillna(codes)


def _labels(codes: pd.Series, label: Callable[[str], str]) -> pd.Series:
    """A localised label per distinct code (a handful), mapped onto the column."""
    distinct = {code: label(code) if code else "" for code in codes.unique()}
    return codes.map(distinct)


def _observations(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    out["kind"] = OBSERVATION
    out["series"] = _text(frame, "series")
    for column in (
        "indicator",
        "region",
        "breakdown",
        "period",
        "unit",
        "status",
        "qualifier",
        "note",
        "source",
    ):
        out[column] = _text(frame, column)
    out["value"] = pd.to_numeric(frame["value"], errors="coerce") if "value" in frame else float("nan")
    out["indicator_name"] = _named(out["indicator"], _names("indicators", lang))
    out["region_name"] = _named(out["region"], _names("regions", lang))
    breakdowns = {**_names("entities", lang), "": t("common.total", lang)}
    out["breakdown_name"] = _named(out["breakdown"], breakdowns)
    out["method"] = ""
    out["publisher"] = _text(frame, "publisher")
    out["source_title"] = _text(frame, "source_title")
    out["source_url"] = _text(frame, "source_url")
    licence = _text(frame, "licence")
    out["licence"] = licence.where(licence != "", t("cite.no_licence", lang))
    out["published"] = _text(frame, "published")
    for column in EXTRA_COLUMNS:
        if column in frame:
            out[column] = frame[column]
    return out


def _derived(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    out["kind"] = DERIVED
    for column in ("series", "indicator", "region", "breakdown", "period", "unit", "method"):
        out[column] = _text(frame, column)
    out["value"] = pd.to_numeric(frame["value"], errors="coerce")
    out["indicator_name"] = _named(out["indicator"], _names("indicators", lang))
    out["region_name"] = _named(out["region"], _names("regions", lang))
    breakdowns = {**_names("entities", lang), "": t("common.total", lang)}
    out["breakdown_name"] = out["breakdown"].map(breakdowns).where(out["indicator"] != "", "")
    out["publisher"] = "Regiometer"
    out["source_title"] = t("export.derived_source", lang)
    out["licence"] = t("export.derived_licence", lang)
    return out


def table(output: ChartOutput, lang: str) -> pd.DataFrame:
    """Every value the chart draws, observations then derived values, in COLUMNS (then any of
    DATA_COLUMNS the chart has: values per 1,000 inhabitants and their population, yearly totals)."""
    parts = [_observations(output.data.reset_index(drop=True), lang)]
    if output.derived is not None and not output.derived.empty:
        parts.append(_derived(output.derived.reset_index(drop=True), lang))
    frame = pd.concat(parts, ignore_index=True)
    extras = [c for c in EXTRA_COLUMNS if c in frame]
    frame = frame.reindex(columns=[*COLUMNS, *extras])
    for column in frame.columns:
        if column not in NUMERIC_COLUMNS:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    frame["unit_name"] = _labels(frame["unit"].astype(str), lambda code: unit_label(code, lang))
    frame["status_name"] = _labels(frame["status"].astype(str), lambda code: status_label(code, lang))
    frame["qualifier_name"] = _labels(
        frame["qualifier"].astype(str), lambda code: t(f"qualifier.{code}", lang)
    )
    return frame


@dataclass(frozen=True)
class About:
    """What the file is: for the About sheet and the exported image's footer."""

    title: str
    subtitle: str
    citation: str  # the pasteable line, filled
    permalink: str
    retrieved: date
    data_as_of: str  # 'Data as of 31 Mar 2025' as the chart says it, or ''
    sources: list[CitedSource]
    licences: list[str]  # distinct licences, 'none stated ...' for sources without one


def about(output: ChartOutput, lang: str, permalink: str, retrieved: date) -> About:
    layout = output.figure.layout
    meta = layout.meta if isinstance(layout.meta, dict) else {}
    footer = meta.get("footer") or {}
    sources = citation.sources_of(output.data)
    licences = list(dict.fromkeys(s.licence or t("cite.no_licence", lang) for s in sources))
    subtitle = layout.title.subtitle.text if layout.title and layout.title.subtitle else ""
    text = citation.citation(output.data, output.title, lang)
    return About(
        title=output.title,
        subtitle=str(subtitle or ""),
        citation=citation.fill(citation.first_line(text), permalink, retrieved, lang),
        permalink=permalink,
        retrieved=retrieved,
        data_as_of=str(footer.get("as_of") or ""),
        sources=sources,
        licences=licences,
    )


def licence_line(info: About, lang: str) -> str:
    """'Licence: CC BY 4.0' / 'Licences: CC BY 4.0; © the publishers named'."""
    named = [s.licence for s in info.sources if s.licence]
    parts = list(dict.fromkeys(named))
    if any(not s.licence for s in info.sources):
        parts.append(t("export.publishers_rights", lang))
    if not parts:
        return ""
    key = "export.licence" if len(parts) == 1 else "export.licences"
    return t(key, lang, licences="; ".join(parts))


def image_footer(info: About, lang: str, link: str) -> str:
    """The exported image's last line: 'Regiometer · example.org/employment · Licence: CC BY 4.0'."""
    return " · ".join(part for part in ("Regiometer", link, licence_line(info, lang)) if part)


def about_rows(info: About, lang: str) -> list[tuple[str, str]]:
    """(label, text) rows of the About sheet."""
    rows = [
        (t("export.about.title", lang), info.title),
        (t("export.about.subtitle", lang), info.subtitle),
        (t("export.about.citation", lang), info.citation),
        (t("export.about.permalink", lang), info.permalink),
        (t("export.about.retrieved", lang), format_date(info.retrieved, lang)),
        (t("export.about.data_as_of", lang), info.data_as_of),
        (t("export.about.licences", lang), "; ".join(info.licences)),
        (t("export.about.derived", lang), t("export.about.derived_text", lang)),
    ]
    return [(label, text) for label, text in rows if text]


def column_notes(columns: list[str], lang: str) -> list[tuple[str, str]]:
    return [(column, t(f"export.column.{column}", lang)) for column in columns]
