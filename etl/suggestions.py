"""'Did you mean ...?' for unknown slugs: the closest catalog entries by slug and by name, named in
both languages so that each reader sees them in theirs."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, Protocol

from etl.messages import word

NAME_FIELDS = ("name_en", "name_de", "title", "publisher")
CUTOFF = 0.6


class Row(Protocol):
    """A catalog row as read here: a plain dict or a typed row of etl.catalog (both have get)."""

    def get(self, key: str, default: Any = None, /) -> Any: ...


def _name(row: Row, lang: str) -> str:
    return str(row.get(f"name_{lang}") or row.get("name_en") or row.get("title") or "")


def closest(value: str, table: Mapping[str, Row], n: int = 3) -> list[str]:
    """Up to n slugs whose slug or name is closest to value (case-insensitive), best first."""
    needle = value.strip().lower()
    if not needle:
        return []
    scores: dict[str, float] = {}
    for slug, row in table.items():
        texts = [str(slug), *(str(row.get(f) or "") for f in NAME_FIELDS)]
        best = 0.0
        for text in texts:
            text = text.lower()
            if not text:
                continue
            score = difflib.SequenceMatcher(None, needle, text).ratio()
            if len(needle) >= 4 and (needle in text or text in needle):
                score = max(score, 0.8)
            best = max(best, score)
        if best >= CUTOFF:
            scores[str(slug)] = best
    return sorted(scores, key=lambda slug: (-scores[slug], slug))[:n]


def describe(slug: str, row: Row, lang: str) -> str:
    """'Members (cluster.members)' in the reader's language; the slug alone if it has no name."""
    name = _name(row, lang)
    return f"'{name}' ({slug})" if name and name != slug else f"'{slug}'"


def hint(value: str, table: Mapping[str, Row], column: str = "") -> dict[str, str] | str:
    """The 'did you mean ...? Otherwise ' part of a fix, in both languages ('' when nothing is close)."""
    found = closest(value, table)
    if not found:
        return ""
    separator = word("or")
    choices = {
        lang: separator[lang].join(describe(slug, table[slug] or {}, lang) for slug in found)
        for lang in ("en", "de")
    }
    return word("suggestion", choices=choices)
