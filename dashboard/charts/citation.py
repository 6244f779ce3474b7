"""Citations and file names for charts (pure)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pandas as pd

from dashboard.i18n import format_date, t


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


def _year(published: str) -> str:
    return published[:4] if published[:4].isdigit() else "n.d."


def citation(frame: pd.DataFrame, title: str, lang: str, retrieved: date | None = None) -> str:
    """'Publisher (year): Source title; ... Chart title. Via Regiometer, retrieved 26 Nov 2026.'
    The permalink is appended by the page, which knows the current URL."""
    retrieved = retrieved or date.today()
    parts = []
    if not frame.empty and "publisher" in frame:
        columns = [c for c in ("publisher", "published", "source_title") if c in frame]
        sources = frame[columns].astype(str).drop_duplicates()
        if "published" in sources:  # the newest publications first: they carry the headline figures
            sources = sources.sort_values("published", ascending=False, kind="stable")
        sources = sources.to_dict("records")
        for source in sources[:6]:
            year = _year(source.get("published", ""))
            parts.append(f"{source['publisher']} ({year}): {source.get('source_title', '')}")
        if len(sources) > 6:
            parts.append(t("cite.more", lang, count=len(sources) - 6))
    return (
        f"{'; '.join(parts)}. {title}. {t('cite.via', lang)}, "
        f"{t('cite.retrieved', lang, date=format_date(retrieved, lang))}."
    ).lstrip(". ")
